package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Impossible or contradictory cases are rejected with every problem; unknown is never invalid. */
class CaseValidationTest {

    static PatientCase.Builder valid() {
        return PatientCase.builder("c1").histology("8890/3")
                .primaryDiagnosisDate(LocalDate.parse("2020-01-10")).omdDiagnosisDate(LocalDate.parse("2023-01-10"))
                .history(false, false).systemicTherapy(SystemicTherapy.NONE).ecog(1)
                .lesions(Lesion.builder("L1", Site.LUNG).sizeMm(10).safelyTreatable(true).build());
    }

    @Test
    void aCompleteCaseHasNoProblems() {
        assertThat(valid().build().problems()).isEmpty();
    }

    @Test
    void aCaseWithEveryFactUnknownHasNoProblems() {
        assertThat(PatientCase.builder("unknowns").build().problems()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsFieldPath() {
        PatientCase c = valid()
                .omdDiagnosisDate(LocalDate.parse("2019-12-31"))
                .ecog(5)
                .inr(0)
                .lesions(Lesion.builder("L1", Site.LUNG).sizeMm(-3).build(), Lesion.builder("L1", Site.LIVER).build())
                .build();
        assertThat(c.problems()).extracting(CaseProblem::field).containsExactly(
                "omdDiagnosisDate", "ecog", "inr", "lesions[0].sizeMm", "lesions[1].id");
    }

    @Test
    void stoppedTherapyCannotEndAfterTheOmdDiagnosis() {
        PatientCase c = valid().systemicTherapy(SystemicTherapy.stopped(LocalDate.parse("2023-02-01"),
                TherapyKind.CHEMOTHERAPY)).build();
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("systemicTherapy.lastDoseDate");
            assertThat(p.message()).contains("after omdDiagnosisDate");
        });
    }

    @Test
    void aLastDoseDateWithOngoingTherapyIsIgnoredNotRejected() {
        PatientCase c = valid().systemicTherapy(new SystemicTherapy(TherapyStatus.ONGOING,
                LocalDate.parse("2024-02-01"), TherapyKind.CHEMOTHERAPY)).build();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void aLastLocalTherapyBetweenThePrimaryAndTheOmdDiagnosisIsAccepted() {
        // Given a resection of an earlier metastasis between the primary diagnosis and the current OMD diagnosis
        PatientCase c = valid().lastLocalTherapyDate(LocalDate.parse("2021-06-30")).build();
        // Then the case is valid, and the date is kept
        assertThat(c.problems()).isEmpty();
        assertThat(c.lastLocalTherapyDate()).isEqualTo(LocalDate.parse("2021-06-30"));
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void aLastLocalTherapyOnTheBoundaryDatesIsAccepted() {
        assertThat(valid().lastLocalTherapyDate(LocalDate.parse("2020-01-10")).build().problems()).isEmpty();
        assertThat(valid().lastLocalTherapyDate(LocalDate.parse("2023-01-10")).build().problems()).isEmpty();
    }

    @Test
    void aLastLocalTherapyAfterTheOmdDiagnosisIsRejected() {
        PatientCase c = valid().lastLocalTherapyDate(LocalDate.parse("2023-01-11")).build();
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("lastLocalTherapyDate");
            assertThat(p.value()).isEqualTo("2023-01-11");
            assertThat(p.message()).isEqualTo("after omdDiagnosisDate");
        });
    }

    @Test
    void aLastLocalTherapyBeforeThePrimaryDiagnosisIsRejected() {
        PatientCase c = valid().lastLocalTherapyDate(LocalDate.parse("2019-12-31")).build();
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("lastLocalTherapyDate");
            assertThat(p.message()).isEqualTo("before primaryDiagnosisDate");
        });
    }

    @Test
    void everyDateProblemIsNamedWhenTheDatesContradictEachOther() {
        // Given an OMD diagnosis before the primary, and a last local therapy outside both
        PatientCase c = valid().primaryDiagnosisDate(LocalDate.parse("2022-01-10"))
                .omdDiagnosisDate(LocalDate.parse("2021-01-10"))
                .lastLocalTherapyDate(LocalDate.parse("2021-06-30")).build();
        // Then the OMD date and both problems of the last local therapy are named, in case-format order
        assertThat(c.problems()).extracting(CaseProblem::field, CaseProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("omdDiagnosisDate", "before primaryDiagnosisDate"),
                org.assertj.core.groups.Tuple.tuple("lastLocalTherapyDate", "after omdDiagnosisDate"),
                org.assertj.core.groups.Tuple.tuple("lastLocalTherapyDate", "before primaryDiagnosisDate"));
    }

    @Test
    void aLastLocalTherapyDateIsNotCheckedAgainstUnknownDates() {
        PatientCase c = PatientCase.builder("c2").lastLocalTherapyDate(LocalDate.parse("2030-01-01")).build();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void overlongIdsAreRefused() {
        PatientCase c = valid().caseId("x".repeat(129)).build();
        assertThat(c.problems()).extracting(CaseProblem::field).containsExactly("caseId");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "8890/3, LEIOMYOSARCOMA, true",
            "8936/1, GIST, true",
            "9260/3, EWING_SARCOMA, true",
            "9364/3, EWING_SARCOMA, true",
            "9999/3, OTHER_SARCOMA, false",
            "MYXOID_LIPOSARCOMA, MYXOID_LIPOSARCOMA, true"
    })
    void histologyCodesAndNamesResolve(String value, Histology expected, boolean recognised) {
        assertThat(Histology.resolve(value)).hasValue(new Histology.Resolution(expected, recognised));
    }

    @ParameterizedTest
    @CsvSource({"8890/1", "889/3", "leiomyosarcoma", "Leiomyosarcoma", "8890-3"})
    void malformedOrBenignHistologyIsRejected(String value) {
        assertThat(valid().histology(value).build().problems()).singleElement()
                .extracting(CaseProblem::field).isEqualTo("histology");
    }

    @Test
    void assessRejectsAnInvalidCaseWithAllProblems() {
        // Validation runs before any rule: no rule set is needed to see the exception's content.
        InvalidCaseException e = new InvalidCaseException("c1", valid().ecog(7).inr(-1).build().problems());
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("ecog").contains("inr").doesNotContain("7");
    }
}
