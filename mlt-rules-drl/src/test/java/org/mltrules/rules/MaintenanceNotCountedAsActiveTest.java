package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mltrules.Assessment;
import org.mltrules.Category;
import org.mltrules.Conventions;
import org.mltrules.Lesion;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * Q4 when maintenance and endocrine therapy do not count as active (convention K3 off): such therapy is not active
 * whatever its status or dates, and an unknown kind is one of Q4's missing facts.
 */
class MaintenanceNotCountedAsActiveTest {
    private static final MltRules RULES = MltRules.builder()
            .conventions(Conventions.builder().maintenanceCountsAsActive(false).build()).build();

    private static PatientCase inducedOmd(SystemicTherapy therapy) {
        return PatientCase.builder("k3-off").primaryDiagnosisDate(LocalDate.of(2020, 1, 10))
                .omdDiagnosisDate(LocalDate.of(2023, 6, 1)).history(true, false).systemicTherapy(therapy)
                .lesions(Lesion.builder("L1", Site.LUNG).safelyTreatable(true).response(Response.STABLE).build())
                .build();
    }

    @Test
    void endocrineTherapyWithUnknownStatusIsOligorecurrence() {
        // Given induced OMD on endocrine therapy whose status is not recorded
        PatientCase c = inducedOmd(new SystemicTherapy(null, null, TherapyKind.ENDOCRINE));
        // When assessed with maintenance not counted as active
        Assessment a = RULES.assess(c);
        // Then Q4 is answered no: endocrine therapy is not active whatever its status
        assertThat(a.category()).isEqualTo(Category.INDUCED_OLIGORECURRENCE);
        assertThat(a.classification().missing()).isEmpty();
    }

    @Test
    void stoppedMaintenanceWithoutLastDoseIsOligorecurrence() {
        // Given induced OMD after maintenance therapy stopped on an unknown date
        PatientCase c = inducedOmd(SystemicTherapy.stopped(null, TherapyKind.MAINTENANCE));
        // When assessed
        Assessment a = RULES.assess(c);
        // Then the date does not matter
        assertThat(a.category()).isEqualTo(Category.INDUCED_OLIGORECURRENCE);
    }

    @Test
    void unknownStatusAndKindNameBothFacts() {
        // Given induced OMD with nothing known of the systemic therapy
        PatientCase c = inducedOmd(SystemicTherapy.UNKNOWN);
        // When assessed
        Assessment a = RULES.assess(c);
        // Then Q4 lists both of its unknown facts, in the table's order
        assertThat(a.category()).isEqualTo(Category.INDETERMINATE);
        assertThat(a.classification().missing()).containsExactly("systemicTherapy.status", "systemicTherapy.kind");
    }

    @Test
    void stoppedTherapyWithoutLastDoseOrKindNamesBothFacts() {
        // Given induced OMD after therapy of unknown kind stopped on an unknown date
        PatientCase c = inducedOmd(new SystemicTherapy(TherapyStatus.STOPPED, null, null));
        // When assessed
        Assessment a = RULES.assess(c);
        // Then Q4 lists the last dose, then the kind
        assertThat(a.category()).isEqualTo(Category.INDETERMINATE);
        assertThat(a.classification().missing())
                .containsExactly("systemicTherapy.lastDoseDate", "systemicTherapy.kind");
    }

    @Test
    void unknownStatusOfChemotherapyNamesTheStatusOnly() {
        // Given induced OMD on chemotherapy whose status is not recorded
        PatientCase c = inducedOmd(new SystemicTherapy(null, null, TherapyKind.CHEMOTHERAPY));
        // When assessed
        Assessment a = RULES.assess(c);
        // Then only the status is missing: the kind is known and counts as active
        assertThat(a.category()).isEqualTo(Category.INDETERMINATE);
        assertThat(a.classification().missing()).containsExactly("systemicTherapy.status");
    }
}
