package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;

/**
 * Failure isolation: a rule that fails for one case (its action throws, a condition throws, or it loops) fails
 * that case only, with an error record naming the rule; the batch goes on, and every other case is assessed
 * exactly as the bundled engine assesses it.
 */
class RuleFailureIsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MltRules BUNDLED = ClassificationTest.RULES;

    private static MltRules failing;
    private static List<String> vignettes;

    @BeforeAll
    static void compileOnce() throws IOException {
        failing = FailingRuleSet.engine();
        vignettes = new ArrayList<>();
        try (InputStream in = RuleFailureIsolationTest.class.getResourceAsStream("/vignettes.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    vignettes.add(JSON.writeValueAsString(JSON.readTree(line).get("case")));
                }
            }
        }
        assertThat(vignettes).hasSizeGreaterThanOrEqualTo(10);
    }

    /** A vignette with a distinctive number of prior lung resections, under another case id. */
    private static String withPriorResections(int vignette, String caseId, int resections) throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree(vignettes.get(vignette));
        c.put("caseId", caseId).put("priorLungResections", resections);
        return JSON.writeValueAsString(c);
    }

    private static JsonNode withoutRuleSet(String assessmentLine) throws IOException {
        ObjectNode a = (ObjectNode) JSON.readTree(assessmentLine);
        a.remove("rules");
        return a;
    }

    @Test
    @DisplayName("in a batch, each failing rule fails its case only, named in the error record; the others are "
            + "assessed as by the bundled rules")
    void failingRulesFailTheirCaseOnly() throws IOException {
        // Given the ten vignettes with three cases mixed in that make a rule fail: its action, a condition, a loop
        List<String> cases = new ArrayList<>(vignettes);
        cases.add(2, withPriorResections(1, "fails-in-action", 77));
        cases.add(5, withPriorResections(1, "fails-in-condition", 78));
        cases.add(9, withPriorResections(1, "loops", 79));
        String batch = String.join("\n", cases) + "\n";

        // When the batch is assessed by the rule folder with the failing rules
        String[] out = Batch.run(failing, batch).split("\n");

        // Then there is one record per case, in order; the three failing cases have error records naming the rule
        assertThat(out).hasSize(cases.size());
        assertFailed(out[2], 2, "fails-in-action", FailingRuleSet.ACTION_FAILS, "java.lang.IllegalStateException");
        assertFailed(out[5], 5, "fails-in-condition", FailingRuleSet.CONDITION_FAILS, "java.lang.ArithmeticException");
        assertFailed(out[9], 9, "loops", FailingRuleSet.LOOPS, "java.lang.IllegalStateException");

        // And every other case is assessed exactly as the bundled engine assesses it (the rule set aside)
        String[] expected = Batch.run(BUNDLED, String.join("\n", vignettes) + "\n").split("\n");
        List<JsonNode> others = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (i != 2 && i != 5 && i != 9) {
                others.add(withoutRuleSet(out[i]));
            }
        }
        List<JsonNode> bundled = new ArrayList<>();
        for (String line : expected) {
            bundled.add(withoutRuleSet(line));
        }
        assertThat(others).containsExactlyElementsOf(bundled);
    }

    private static void assertFailed(String line, int index, String caseId, String rule, String causeClass)
            throws IOException {
        JsonNode r = JSON.readTree(line);
        assertThat(r.get("index").asLong()).isEqualTo(index);
        assertThat(r.get("line").asLong()).isEqualTo(index + 1);
        assertThat(r.get("caseId").asText()).isEqualTo(caseId);
        assertThat(r.get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("field").asText()).isEmpty();
            assertThat(e.get("value").isNull()).isTrue();
            assertThat(e.get("rule").asText()).isEqualTo(rule);
            assertThat(e.get("message").asText()).isEqualTo("rule \"" + rule + "\" failed: " + causeClass);
        });
    }

    @Test
    @DisplayName("a failing action: the exception names the rule, keeps the cause, and its message has no case content")
    void actionFailureNamesTheRuleWithoutCaseContent() {
        PatientCase c = Cases.metachronousLungRecurrence().caseId("PATIENT-ZZ-93841").priorLungResections(77).build();

        RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> failing.assess(c));

        assertThat(e.rule()).isEqualTo(FailingRuleSet.ACTION_FAILS);
        assertThat(e.getMessage()).doesNotContain("PATIENT-ZZ-93841", "2019-03-12", "2023-05-02");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessage("case diagnosed 2019-03-12, metastatic 2023-05-02");
    }

    @Test
    @DisplayName("a failing condition is a rule failure too, naming the rule, not a Drools exception")
    void conditionFailureIsARuleFailure() {
        PatientCase c = Cases.metachronousLungRecurrence().priorLungResections(78).build();

        RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> failing.assess(c));

        assertThat(e.rule()).isEqualTo(FailingRuleSet.CONDITION_FAILS);
        assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    @DisplayName("after failures, the same engine assesses the same patient as before, from any thread")
    void theEngineIsUnharmedByAFailure() throws Exception {
        PatientCase ok = Cases.metachronousLungRecurrence().priorLungResections(1).build();
        PatientCase bad = Cases.metachronousLungRecurrence().priorLungResections(77).build();
        var before = failing.assess(ok);

        for (int i = 0; i < 5; i++) {
            catchThrowableOfType(RuleFailureException.class, () -> failing.assess(bad));
        }
        Thread other = new Thread(() -> catchThrowableOfType(RuleFailureException.class, () -> failing.assess(bad)));
        other.start();
        other.join();

        assertThat(failing.assess(ok)).isEqualTo(before);
        assertThat(before).usingRecursiveComparison().ignoringFields("rules").isEqualTo(BUNDLED.assess(ok));
    }
}
