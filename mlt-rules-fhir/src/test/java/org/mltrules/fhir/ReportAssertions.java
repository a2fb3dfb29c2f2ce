package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;

/** Checks that a report explains every case field. */
final class ReportAssertions {
    private ReportAssertions() {
    }

    static final List<String> CASE_FIELDS = List.of("caseId", "histology", "primaryDiagnosisDate",
            "omdDiagnosisDate", "history.polymetastatic", "history.oligometastatic", "systemicTherapy.status",
            "systemicTherapy.lastDoseDate", "systemicTherapy.kind", "ecog", "medicallyOperable", "declinesSurgery",
            "pulmonaryReserveAdequate", "parenchymaSparingNeeded", "plateletsPerNanolitre", "inr",
            "tumourDoublingTimeDays", "lifeExpectancyMonths", "priorLungResections", "lastLocalTherapyDate",
            "lesions");
    static final List<String> LESION_FIELDS = List.of("id", "site", "laterality", "sizeMm", "response",
            "safelyTreatable", "resectableR0", "sabrConstraintsAchievable", "previouslyIrradiated", "features");

    static MappingEntry entry(MappingResult r, String field) {
        return r.report().stream().filter(e -> e.field().equals(field) && e.status() != MappingEntry.Status.NOTE)
                .findFirst().orElseThrow(() -> new AssertionError("no entry for " + field + " in " + r.report()));
    }

    /** One SET / UNKNOWN / NOT_APPLICABLE entry per case field (and lesion field), consistent with the case. */
    static void everyFieldExplained(MappingResult r) {
        PatientCase c = r.patientCase().orElseThrow();
        for (String f : CASE_FIELDS) {
            assertThat(r.report().stream().filter(e -> e.field().equals(f) && e.status() != MappingEntry.Status.NOTE))
                    .as("entries for %s", f).hasSize(1);
            assertThat(entry(r, f).message()).isNotBlank();
        }
        assertThat(entry(r, "histology").status() == MappingEntry.Status.SET).isEqualTo(c.histology() != null);
        assertThat(entry(r, "primaryDiagnosisDate").status() == MappingEntry.Status.SET)
                .isEqualTo(c.primaryDiagnosisDate() != null);
        assertThat(entry(r, "omdDiagnosisDate").status() == MappingEntry.Status.SET)
                .isEqualTo(c.omdDiagnosisDate() != null);
        assertThat(entry(r, "ecog").status() == MappingEntry.Status.SET).isEqualTo(c.ecog() != null);
        assertThat(entry(r, "lesions").status() == MappingEntry.Status.SET).isEqualTo(c.lesions() != null);
        assertThat(entry(r, "systemicTherapy.status").status() == MappingEntry.Status.SET)
                .isEqualTo(c.systemicTherapy().status() != null);
        if (c.lesions() != null) {
            for (int i = 0; i < c.lesions().size(); i++) {
                Lesion l = c.lesions().get(i);
                for (String f : LESION_FIELDS) {
                    assertThat(entry(r, "lesions[" + i + "]." + f).message()).isNotBlank();
                }
                assertThat(entry(r, "lesions[" + i + "].sizeMm").status() == MappingEntry.Status.SET)
                        .isEqualTo(l.sizeMm() != null);
                assertThat(entry(r, "lesions[" + i + "].response").status() == MappingEntry.Status.SET)
                        .isEqualTo(l.response() != null);
                assertThat(entry(r, "lesions[" + i + "].safelyTreatable").status() == MappingEntry.Status.SET)
                        .isEqualTo(l.safelyTreatable() != null);
            }
        }
        for (MappingEntry e : r.report()) {
            assertThat(e.severity()).isNotEqualTo(Severity.ERROR);
        }
    }
}
