package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mltrules.Assessment;
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
        // (the loop ends at 500,000 firings or at the deadline, whichever comes first on this machine)
        assertThat(JSON.readTree(out[9]).at("/errors/0/rule").asText()).isEqualTo(FailingRuleSet.LOOPS);
        assertThat(JSON.readTree(out[9]).at("/errors/0/message").asText())
                .endsWith("the rules do not terminate (this rule changed the facts most often)");

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

    private static void assertFailed(String line, int index, String caseId, String rule, String reason)
            throws IOException {
        JsonNode r = JSON.readTree(line);
        assertThat(r.get("index").asLong()).isEqualTo(index);
        assertThat(r.get("line").asLong()).isEqualTo(index + 1);
        assertThat(r.get("caseId").asText()).isEqualTo(caseId);
        assertThat(r.get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("field").asText()).isEmpty();
            assertThat(e.get("value").isNull()).isTrue();
            assertThat(e.get("rule").asText()).isEqualTo(rule);
            assertThat(e.get("message").asText()).isEqualTo("rule \"" + rule + "\" failed: " + reason);
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

    /** The metachronous recurrence of the fixtures with a distinctive number of prior lung resections. */
    private static PatientCase withResections(int resections) {
        return Cases.metachronousLungRecurrence().priorLungResections(resections).build();
    }

    /** The same case, assessed by the failing rule set, must be assessed exactly as the bundled rules assess it. */
    private static void assertUnharmed(MltRules engine) {
        PatientCase ok = withResections(1);
        assertThat(engine.assess(ok)).usingRecursiveComparison().ignoringFields("rules")
                .isEqualTo(BUNDLED.assess(ok));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "81 | " + FailingRuleSet.EVAL_FAILS + " | an eval that throws | java.lang.NullPointerException",
        "82 | " + FailingRuleSet.FROM_FAILS + " | a from that throws | java.lang.NullPointerException",
        "83 | " + FailingRuleSet.ACCUMULATE_FAILS + " | an accumulate that throws | java.lang.NullPointerException",
        "84 | " + FailingRuleSet.ACTION_OVERFLOWS + " | an action that overflows the stack"
                + " | java.lang.StackOverflowError",
        "85 | " + FailingRuleSet.CONDITION_OVERFLOWS + " | an eval that overflows the stack"
                + " | java.lang.StackOverflowError"})
    @DisplayName("a condition of any kind, or an error in an action, fails its case with a rule failure naming the "
            + "rule; the next case is assessed as before")
    void everyKindOfConditionFailureNamesItsRule(int resections, String rule, String what, String cause) {
        // Given a case that makes the rule fail (its INR and histology are unknown)
        PatientCase c = Cases.metachronousLungRecurrence().histology((String) null).inr(null)
                .priorLungResections(resections).build();

        // When it is assessed
        RuleFailureException e = catchThrowableOfType(RuleFailureException.class, () -> failing.assess(c));

        // Then the failure names the rule and what it threw, without a Drools exception escaping
        assertThat(e).as(what).isNotNull();
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.kind()).isEqualTo(RuleFailureException.Kind.THREW);
        assertThat(e.getMessage()).isEqualTo("rule \"" + rule + "\" failed: " + cause);
        // And the engine assesses the next case as the bundled rules do
        assertUnharmed(failing);
    }

    @Test
    @DisplayName("a loop stops at 500,000 firings when the deadline is far, naming the rule that drives it")
    void aLoopStopsAtTheFiringCap() {
        MltRules patient = failing.withCaseTimeout(Duration.ofMinutes(10));

        RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                () -> patient.assess(withResections(79)));

        assertThat(e.rule()).isEqualTo(FailingRuleSet.LOOPS);
        assertThat(e.kind()).isEqualTo(RuleFailureException.Kind.LOOPED);
        assertThat(e.getMessage()).isEqualTo("rule \"" + FailingRuleSet.LOOPS + "\" failed: more than 500000 rule "
                + "firings for one case: the rules do not terminate (this rule changed the facts most often)");
    }

    @Test
    @DisplayName("a rule that updates the patient forever is named, not the bundled rule next on the agenda nor the "
            + "rule running when the deadline stops it")
    void theLoopingRuleIsNamed() {
        // Given a loop whose every firing re-activates many bundled rules: it reaches the deadline (2 s here)
        // before 500,000 firings
        MltRules engine = failing.withCaseTimeout(Duration.ofSeconds(2));

        RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                () -> engine.assess(withResections(80)));

        assertThat(e.rule()).isEqualTo(FailingRuleSet.UPDATES_THE_PATIENT);
        // (a machine fast enough to fire 500,000 times in 2 s stops it at the firing cap instead: named alike)
        assertThat(e.kind()).isIn(RuleFailureException.Kind.TIMED_OUT, RuleFailureException.Kind.LOOPED);
        assertThat(e.getMessage()).contains("the rules do not terminate (this rule changed the facts most often)");
        assertUnharmed(failing);
    }

    @Test
    @DisplayName("a rule that inserts 8 KB facts forever stops at 10,000 facts, long before memory runs out")
    void aRuleThatHeapsUpFactsHitsTheFactCap() {
        RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                () -> failing.assess(withResections(86)));

        assertThat(e.rule()).isEqualTo(FailingRuleSet.HEAPS_UP);
        assertThat(e.kind()).isEqualTo(RuleFailureException.Kind.TOO_MANY_FACTS);
        assertThat(e.getMessage()).isEqualTo("rule \"" + FailingRuleSet.HEAPS_UP + "\" failed: more than 10000 "
                + "facts for one case: the rules insert without end");
        assertUnharmed(failing);
    }

    @Test
    @DisplayName("a rule that sleeps is stopped at the case's deadline: the case fails naming it, the thread is not "
            + "left interrupted, and the next case is assessed as before")
    void aSleepingRuleIsStoppedAtTheDeadline() {
        // Given the failing rules with a deadline of 300 ms per case (warmed up: a first case loads classes)
        MltRules engine = failing.withCaseTimeout(Duration.ofMillis(300));
        assertUnharmed(failing);

        // When a case makes a rule sleep for a minute
        long start = System.nanoTime();
        RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                () -> engine.assess(withResections(87)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // Then it fails soon after the deadline, naming the rule that was running
        assertThat(e.rule()).isEqualTo(FailingRuleSet.SLEEPS);
        assertThat(e.kind()).isEqualTo(RuleFailureException.Kind.TIMED_OUT);
        assertThat(e.getMessage()).isEqualTo("rule \"" + FailingRuleSet.SLEEPS + "\" failed: the case ran past its "
                + "evaluation deadline of 300 ms (this rule was running)");
        assertThat(millis).isBetween(300L, 30_000L);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        // And the rules' pool of sessions (shared by every deadline over these rules) is unharmed; checked under the
        // default deadline, as a loaded build machine may take more than 300 ms for an ordinary case
        for (int i = 0; i < 20; i++) {
            assertUnharmed(failing);
        }
    }

    @Test
    @DisplayName("a rule that ignores interruption keeps its thread until it stops; the host can name it meanwhile, "
            + "and the case still fails at the end")
    void aRuleThatIgnoresInterruptionCanBeNamedByTheHost() throws Exception {
        // Given the failing rules with a deadline of 200 ms, and a case that makes a rule spin until told to stop
        MltRules engine = failing.withCaseTimeout(Duration.ofMillis(200));
        assertUnharmed(failing);
        System.clearProperty(FailingRuleSet.STOP_SPINNING);
        Thread[] worker = new Thread[1];
        try {
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                worker[0] = Thread.currentThread();
                return catchThrowableOfType(RuleFailureException.class, () -> engine.assess(withResections(88)));
            });

            // When the host, past the deadline, asks which rule its thread is running
            Optional<String> running = Optional.empty();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!running.equals(Optional.of(FailingRuleSet.SPINS)) && System.nanoTime() < giveUp) {
                Thread.sleep(50);
                running = worker[0] == null ? Optional.empty() : engine.ruleRunningIn(worker[0]);
            }
            Thread.sleep(400);

            // Then it is the spinning rule, which keeps its thread past the deadline
            assertThat(running).contains(FailingRuleSet.SPINS);
            assertThat(outcome).isNotDone();
            assertThat(engine.ruleRunningIn(worker[0])).contains(FailingRuleSet.SPINS);
            // And when the rule stops, the case fails at its deadline naming it
            System.setProperty(FailingRuleSet.STOP_SPINNING, "true");
            RuleFailureException e = (RuleFailureException) outcome.get(30, TimeUnit.SECONDS);
            assertThat(e.rule()).isEqualTo(FailingRuleSet.SPINS);
            assertThat(e.kind()).isEqualTo(RuleFailureException.Kind.TIMED_OUT);
            assertThat(engine.ruleRunningIn(worker[0])).isEmpty();
            assertUnharmed(failing);
        } finally {
            System.clearProperty(FailingRuleSet.STOP_SPINNING);
        }
    }

    @Test
    @DisplayName("an OutOfMemoryError from a rule passes unchanged (the host decides), and the session is not reused")
    void outOfMemoryPassesUnchanged() {
        Throwable e = catchThrowable(() -> failing.assess(withResections(89)));

        assertThat(e).isInstanceOf(OutOfMemoryError.class);
        for (int i = 0; i < 5; i++) {
            assertUnharmed(failing);
        }
    }

    @Test
    @DisplayName("rules that decide no category fail the case, naming what is wrong, instead of an internal error")
    void noCategoryIsARuleFailure() {
        RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                () -> failing.assess(withResections(90)));

        assertThat(e.kind()).isEqualTo(RuleFailureException.Kind.NO_CATEGORY);
        assertThat(e.getMessage()).contains("no rule decided the category");
        assertUnharmed(failing);
    }

    @Test
    @DisplayName("after every kind of failure, many cases on many threads are assessed as the bundled rules assess "
            + "them: no poisoned session is ever reused")
    void noPoisonedSessionIsReused() throws Exception {
        // Given the failing rules after one failure of every kind on this thread (with a short deadline, so that
        // the loop and the sleep end soon)
        MltRules quick = failing.withCaseTimeout(Duration.ofMillis(300));
        for (int r : new int[] {77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 89, 90}) {
            catchThrowable(() -> quick.assess(withResections(r)));
        }
        MltRules engine = failing;
        List<PatientCase> vignetteCases = new ArrayList<>();
        for (String v : vignettes) {
            vignetteCases.add(org.mltrules.json.CaseJson.read(v));
        }

        // When the vignettes are assessed again and again, on four threads at once
        List<CompletableFuture<List<Assessment>>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                List<Assessment> out = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    for (PatientCase c : vignetteCases) {
                        out.add(engine.assess(c));
                    }
                }
                return out;
            }));
        }

        // Then every assessment is the bundled rules' assessment
        for (CompletableFuture<List<Assessment>> run : runs) {
            List<Assessment> out = run.get(120, TimeUnit.SECONDS);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i)).usingRecursiveComparison().ignoringFields("rules")
                        .isEqualTo(BUNDLED.assess(vignetteCases.get(i % vignetteCases.size())));
            }
        }
    }
}
