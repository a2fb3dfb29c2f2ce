package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The clinical vocabulary a host can show: steps with their questions, conventions with their meaning, case fields. */
class VocabularyTest {

    @Test
    @DisplayName("a step's question is filled with the conventions in force")
    void questionsAreFilledWithTheConventionsInForce() {
        // Given the default conventions and a centre counting at most 3 lesions with a 12-month window
        Conventions other = Conventions.builder().maxLesions(3).synchronousWindowMonths(12).build();

        // Then P2 and Q3 ask their question with the numbers in force; the others do not depend on them
        assertThat(Step.P2.question(Conventions.DEFAULTS)).isEqualTo("at most 5 counted lesions?");
        assertThat(Step.P2.question(other)).isEqualTo("at most 3 counted lesions?");
        assertThat(Step.Q3.question(Conventions.DEFAULTS)).isEqualTo("more than 6 months after the primary?");
        assertThat(Step.Q3.question(other)).isEqualTo("more than 12 months after the primary?");
        assertThat(Step.P1.question(other)).isEqualTo(Step.P1.template()).isEqualTo("distant metastasis present?");
        assertThat(Step.values()).allSatisfy(s -> assertThat(s.question(other)).endsWith("?").doesNotContain("{"));
    }

    @Test
    @DisplayName("the preconditions come first, then the ESTRO/EORTC tree")
    void preconditionsThenTree() {
        assertThat(Arrays.stream(Step.values()).filter(Step::isPrecondition)).containsExactly(Step.P1, Step.P2, Step.P3);
        assertThat(Step.values()).extracting(Step::name)
                .containsExactly("P1", "P2", "P3", "Q1", "Q2", "Q3", "Q4", "Q5");
    }

    @Test
    @DisplayName("the configurable conventions are the components of Conventions, with their values in force")
    void configurableConventionsAreTheConventionsRecord() {
        List<String> components = Arrays.stream(Conventions.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        Conventions c = Conventions.builder().synchronousWindowMonths(3).activeTherapyWindowDays(14)
                .maintenanceCountsAsActive(false).newLesionCountsAsProgression(false).build();
        for (Convention k : Convention.values()) {
            assertThat(k.meaning()).as(k.name()).isNotBlank();
            if (k.isConfigurable()) {
                assertThat(components).contains(k.key());
            }
        }
        assertThat(Convention.K1.valueIn(c)).isEqualTo(3);
        assertThat(Convention.K2.valueIn(c)).isEqualTo(14);
        assertThat(Convention.K3.valueIn(c)).isEqualTo(false);
        assertThat(Convention.K4.valueIn(c)).isEqualTo(false);
        assertThat(Convention.K5.valueIn(c)).isEqualTo(true);
        assertThat(Convention.K8.key()).isNull();
        assertThat(Convention.K9.valueIn(c)).isNull();
        assertThat(ConventionApplied.of(Convention.K1, c)).satisfies(a -> {
            assertThat(a.id()).isEqualTo("K1");
            assertThat(a.name()).isEqualTo("synchronousWindowMonths");
            assertThat(a.value()).isEqualTo(3);
        });
    }

    @Test
    @DisplayName("every component of a case and of a lesion is in the field table, in the record's order")
    void theFieldTableCoversTheRecords() {
        // The history and therapy records stand for their fields in the table
        List<String> caseComponents = new ArrayList<>();
        for (RecordComponent rc : PatientCase.class.getRecordComponents()) {
            switch (rc.getName()) {
                case "history" -> caseComponents.addAll(List.of("history.polymetastatic", "history.oligometastatic"));
                case "systemicTherapy" -> caseComponents.addAll(List.of("systemicTherapy.status",
                        "systemicTherapy.lastDoseDate", "systemicTherapy.kind"));
                default -> caseComponents.add(rc.getName());
            }
        }
        List<String> lesionComponents = Arrays.stream(Lesion.class.getRecordComponents())
                .map(rc -> CaseField.LESION_PREFIX + rc.getName()).toList();
        List<String> expected = new ArrayList<>(caseComponents);
        expected.addAll(lesionComponents);
        assertThat(CaseField.values()).extracting(CaseField::path).containsExactlyElementsOf(expected);
        assertThat(CaseField.keys("")).containsExactly("caseId", "histology", "primaryDiagnosisDate",
                "omdDiagnosisDate", "history", "systemicTherapy", "ecog", "medicallyOperable", "declinesSurgery",
                "pulmonaryReserveAdequate", "parenchymaSparingNeeded", "plateletsPerNanolitre", "inr",
                "tumourDoublingTimeDays", "lifeExpectancyMonths", "priorLungResections", "lastLocalTherapyDate",
                "lesions");
        assertThat(CaseField.keys("history")).containsExactly("polymetastatic", "oligometastatic");
    }

    @Test
    @DisplayName("each field is read and set through the table, with its own type")
    void fieldsAreReadAndSetThroughTheTable() {
        // Given a case built field by field, as a mapper would
        PatientCase.Builder b = PatientCase.builder("x");
        b.set(CaseField.HISTORY_OLIGOMETASTATIC, true).set(CaseField.HISTORY_POLYMETASTATIC, false)
                .set(CaseField.SYSTEMIC_THERAPY_KIND, TherapyKind.ENDOCRINE)
                .set(CaseField.SYSTEMIC_THERAPY_STATUS, TherapyStatus.ONGOING)
                .set(CaseField.PLATELETS_PER_NANOLITRE, 150).set(CaseField.ECOG, 2)
                .set(CaseField.LAST_LOCAL_THERAPY_DATE, LocalDate.of(2022, 2, 2))
                .set(CaseField.LESIONS, List.of(Lesion.builder("L1", Site.LIVER)
                        .set(CaseField.LESION_SIZE_MM, 12.5).set(CaseField.LESION_FEATURES, List.of(Feature.DEEP))
                        .build()));
        PatientCase c = b.build();

        // Then it is the case the typed builder makes, and each field reads back
        assertThat(c).isEqualTo(PatientCase.builder("x").history(false, true)
                .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.ENDOCRINE)).plateletsPerNanolitre(150).ecog(2)
                .lastLocalTherapyDate(LocalDate.of(2022, 2, 2))
                .lesions(Lesion.builder("L1", Site.LIVER).sizeMm(12.5).features(Feature.DEEP).build()).build());
        assertThat(CaseField.PLATELETS_PER_NANOLITRE.get(c)).isEqualTo(150.0);
        assertThat(CaseField.LESION_SIZE_MM.get(c.lesions().get(0))).isEqualTo(12.5);
        assertThatThrownBy(() -> b.set(CaseField.ECOG, "two")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ecog");
        assertThatThrownBy(() -> CaseField.LESION_SIZE_MM.get(c)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("ranges in words, as the error messages give them")
    void rangesInWords() {
        assertThat(CaseField.ECOG.rangeText()).isEqualTo("an integer from 0 to 4");
        assertThat(CaseField.PRIOR_LUNG_RESECTIONS.rangeText()).isEqualTo("an integer of 0 or more");
        assertThat(CaseField.INR.rangeText()).isEqualTo("a number greater than 0");
        assertThat(CaseField.HISTOLOGY.rangeText()).isNull();
        assertThat(CaseField.INR.range().contains(0)).isFalse();
        assertThat(CaseField.PLATELETS_PER_NANOLITRE.range().contains(0)).isTrue();
    }

    @Test
    @DisplayName("an id is safe only without control characters and unpaired surrogates, and within the length limit")
    void safeIds() {
        assertThat(CaseLimits.isValidId("L1")).isTrue();
        assertThat(CaseLimits.isValidId("")).isFalse();
        assertThat(CaseLimits.isValidId("x".repeat(CaseLimits.MAX_STRING_LENGTH + 1))).isFalse();
        assertThat(CaseLimits.unsafeCharacter("a\u001b[2J")).contains("control characters").contains("character 2");
        assertThat(CaseLimits.unsafeCharacter("a\uD800")).contains("unpaired surrogate at character 2");
        assertThat(CaseLimits.unsafeCharacter("emoji \uD83D\uDE00")).isNull();
    }
}
