package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hosts log exception messages: the messages of {@link InvalidCaseException}, {@link RuleFailureException} and
 * {@link CaseProblem#toString()} name fields and rules, never case content (ids, dates, values).
 */
class NoCaseContentInMessagesTest {

    @Test
    @DisplayName("dates out of order: the message names both fields, the dates stay in the problem's value")
    void datesOutOfOrderAreNotInTheMessage() {
        // Given a case whose OMD diagnosis (1931-07-19) comes before its primary diagnosis (1932-02-29)
        PatientCase c = CaseValidationTest.valid().caseId("PATIENT-ZZ-93841")
                .primaryDiagnosisDate(LocalDate.parse("1932-02-29")).omdDiagnosisDate(LocalDate.parse("1931-07-19"))
                .systemicTherapy(SystemicTherapy.stopped(LocalDate.parse("1931-08-01"), TherapyKind.CHEMOTHERAPY))
                .build();

        // When it is validated
        InvalidCaseException e = new InvalidCaseException(c.caseId(), c.problems());

        // Then the problems keep the values, but no message or summary shows them
        assertThat(c.problems()).extracting(CaseProblem::value).containsExactly("1931-07-19", "1931-08-01");
        assertThat(c.problems()).extracting(CaseProblem::message).containsExactly("before primaryDiagnosisDate",
                "stopped therapy cannot have its last dose after omdDiagnosisDate");
        assertThat(e.getMessage()).isEqualTo("2 problem(s) in case: omdDiagnosisDate: before primaryDiagnosisDate; "
                + "systemicTherapy.lastDoseDate: stopped therapy cannot have its last dose after omdDiagnosisDate");
        assertThat(e.getMessage() + e + c.problems()).doesNotContain("1931", "1932", "PATIENT");
    }

    @Test
    @DisplayName("a problem prints its field and reason, not its value")
    void problemToStringLeavesTheValueOut() {
        CaseProblem p = new CaseProblem("lesions[2].sizeMm", 77.77, "must be greater than 0");
        assertThat(p).hasToString("lesions[2].sizeMm: must be greater than 0");
        assertThat(p.value()).isEqualTo(77.77);
    }

    @Test
    @DisplayName("a rule failure names the rule and the exception class; the cause's message stays in the cause")
    void ruleFailureMessageLeavesTheCauseMessageOut() {
        IllegalStateException cause = new IllegalStateException("ecog 4 for PATIENT-ZZ-93841 on 1931-07-19");
        RuleFailureException e = new RuleFailureException("F9 surgery after long DFI", cause);
        assertThat(e).hasMessage("rule \"F9 surgery after long DFI\" failed: java.lang.IllegalStateException")
                .hasCause(cause);
        assertThat(e.rule()).isEqualTo("F9 surgery after long DFI");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"t\u0000x", "t\u001b[2J", "t\nx", "t\u007f", "t\u0085", "\ud800t", "t\udc00"})
    @DisplayName("ids with control characters or unpaired surrogates are refused, naming the position only")
    void idsMustBePrintableText(String id) {
        PatientCase c = CaseValidationTest.valid().caseId(id)
                .lesions(Lesion.builder(id, Site.LUNG).build()).build();
        assertThat(c.problems()).extracting(CaseProblem::field).containsExactly("caseId", "lesions[0].id");
        assertThat(c.problems()).extracting(CaseProblem::message).allSatisfy(m -> assertThat(m)
                .containsAnyOf("control characters", "unpaired surrogate").contains("at character"));
        assertThat(new InvalidCaseException(null, c.problems()).getMessage()).doesNotContain(id);
    }

    @Test
    @DisplayName("ids in any script, with emoji, are text")
    void unicodeIdsAreAccepted() {
        PatientCase c = CaseValidationTest.valid().caseId("Ærøskøbing-Ω-\ud83d\ude00")
                .lesions(Lesion.builder("病灶-1", Site.LUNG).build()).build();
        assertThat(c.problems()).isEmpty();
    }
}
