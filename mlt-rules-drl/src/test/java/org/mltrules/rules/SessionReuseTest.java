package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mltrules.rules.Cases.lungNodule;
import static org.mltrules.rules.Cases.metachronousLungRecurrence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Assessment;
import org.mltrules.Lesion;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.RuleFailureException;

/**
 * The engine reuses rule sessions from a pool, reset between calls: no assessment may depend on the ones made
 * before it, not even on one whose evaluation failed inside a rule.
 */
class SessionReuseTest {

    @Test
    void aReusedSessionDoesNotReportToTheListenersOfEarlierAssessments() {
        MltRules rules = MltRules.bundled();
        PatientCase c = metachronousLungRecurrence().build();
        java.util.concurrent.atomic.AtomicInteger firstCall = new java.util.concurrent.atomic.AtomicInteger();
        rules.assess(c, name -> firstCall.incrementAndGet());
        int firedInFirstCall = firstCall.get();
        assertThat(firedInFirstCall).isPositive();
        for (int i = 0; i < 3; i++) {
            rules.assess(c, name -> { });
        }
        // The pooled session is reset between calls: the first call's listener hears nothing more.
        assertThat(firstCall.get()).isEqualTo(firedInFirstCall);
    }

    @Test
    void anAssessmentDoesNotDependOnTheCasesAssessedBeforeIt() {
        // Given the mixed cases, in order, and shuffled, each through its own engine
        List<PatientCase> cases = ConcurrencyTest.mixedCases();
        List<PatientCase> shuffled = new ArrayList<>(cases);
        Collections.shuffle(shuffled, new Random(7));
        MltRules other = MltRules.bundled();
        // When each engine assesses its sequence on one thread (so one pooled session serves every case)
        Map<String, Assessment> inOrder = new java.util.HashMap<>();
        cases.forEach(c -> inOrder.put(c.caseId(), ConcurrencyTest.RULES.assess(c)));
        // Then every case gets the same assessment whatever came before it
        for (PatientCase c : shuffled) {
            assertThat(other.assess(c)).isEqualTo(inOrder.get(c.caseId()));
        }
    }

    @Test
    void aRuleFailureLeavesNoTraceInLaterAssessments(@TempDir Path folder) throws IOException {
        // Given the bundled rules plus a rule that throws for one lesion id, loaded from a folder
        for (Map.Entry<String, byte[]> e : MltRules.bundled().sourceFiles().entrySet()) {
            Path target = folder.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        Files.writeString(folder.resolve("failing.drl"), """
                package org.mltrules.rules;
                import org.mltrules.facts.Metastasis;
                rule "fails for lesion BOOM"
                    @id("BOOM") @tier("E") @evidence("expert-convention")
                when
                    Metastasis( id == "BOOM" )
                then
                    throw new IllegalStateException("rule failure for the test");
                end
                """);
        MltRules rules = MltRules.builder().rulesFrom(folder).build();
        PatientCase normal = metachronousLungRecurrence().caseId("normal")
                .lesions(lungNodule("L1", Response.NEW), lungNodule("L2", Response.STABLE)).build();
        Assessment before = rules.assess(normal);
        PatientCase failing = normal.toBuilder().caseId("failing")
                .lesions(lungNodule("L1", Response.NEW), Lesion.builder("BOOM", org.mltrules.Site.LIVER)
                        .safelyTreatable(true).build()).build();

        // When a case fails inside a rule, then the normal case is assessed again, many times
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> rules.assess(failing)).isInstanceOf(RuleFailureException.class);
            for (int j = 0; j < 5; j++) {
                // Then it gets exactly the assessment it had before any failure
                assertThat(rules.assess(normal)).isEqualTo(before);
            }
        }
    }
}
