package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Assessment;
import org.mltrules.Category;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetHandle;

/**
 * Safe reload while serving: broken rule sets and rule sets that fail their verification never serve, the old
 * rule set keeps serving every assessment meanwhile, and a good rule set swaps in atomically.
 */
class RuleSetHandleTest {
    static final PatientCase REFERENCE = Cases.metachronousLungRecurrence().caseId("reference").build();

    /** The verification: the reference case must still be a metachronous oligorecurrence. */
    static List<RuleProblem> referenceCaseStillClassified(MltRules candidate) {
        Category c = candidate.assess(REFERENCE).category();
        return c == Category.METACHRONOUS_OLIGORECURRENCE ? List.of() : List.of(new RuleProblem(
                RuleProblem.Severity.ERROR, null, 0, 0, null, "reference case classified " + c));
    }

    @Test
    void failedReloadsKeepTheOldRuleSetServingUnderLoadThenAGoodReloadSwaps(@TempDir Path dir) throws Exception {
        MltRules initial = ClassificationTest.RULES;
        RuleSetHandle handle = new RuleSetHandle(initial, RuleSetHandleTest::referenceCaseStillClassified);
        Path broken = RuleFolders.copyOfBundled(dir.resolve("broken"));
        RuleFolders.write(broken.resolve("broken-syntax.drl"), BrokenRulesTest.SYNTAX_DRL);
        Path failsVerification = RuleFolders.copyOfBundled(dir.resolve("wide-window"));
        RuleFolders.write(failsVerification.resolve("ruleset.properties"),
                "name=wide-window\nversion=1\nconventions.synchronousWindowMonths=120\n");
        Path good = RuleFolders.copyOfBundled(dir.resolve("good"));
        RuleFolders.write(good.resolve("ruleset.properties"), "name=mlt-rules-bundled\nversion=1.1.1-local\n");

        List<PatientCase> cases = ConcurrencyTest.mixedCases();
        Map<String, Assessment> expected = new ConcurrentHashMap<>();
        for (PatientCase c : cases) {
            expected.put(c.caseId(), initial.assess(c));
        }
        int threads = 4;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong started = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        Map<String, AtomicLong> byFingerprint = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch warmedUp = new CountDownLatch(threads * 20);
        CountDownLatch servedAfterSwap = new CountDownLatch(threads * 20);
        Set<String> swappedFingerprint = ConcurrentHashMap.newKeySet();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread w = new Thread(() -> {
                for (int i = offset; !stop.get(); i++) {
                    PatientCase c = cases.get(i % cases.size());
                    started.incrementAndGet();
                    try {
                        Assessment a = handle.assess(c);
                        Assessment e = expected.get(c.caseId());
                        // Same rules, so the same result whichever rule set served; only the rule-set info differs.
                        Assessment same = new Assessment(e.caseId(), a.rules(), e.classification(), e.candidacy(),
                                e.lesions(), e.firedRules(), e.disclaimer());
                        if (!a.equals(same)) {
                            failures.add("case " + c.caseId() + " differs under " + a.rules());
                        }
                        byFingerprint.computeIfAbsent(a.rules().fingerprint(), k -> new AtomicLong()).incrementAndGet();
                        completed.incrementAndGet();
                        warmedUp.countDown();
                        if (swappedFingerprint.contains(a.rules().fingerprint())) {
                            servedAfterSwap.countDown();
                        }
                    } catch (RuntimeException ex) {
                        failures.add("case " + c.caseId() + ": " + ex);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        try {
            assertThat(warmedUp.await(120, TimeUnit.SECONDS)).as("workers started").isTrue();

            for (int attempt = 0; attempt < 2; attempt++) {
                RuleSetHandle.Reload r = handle.reload(broken);
                assertThat(r.swapped()).isFalse();
                assertThat(r.candidate()).isNull();
                assertThat(r.serving()).isEqualTo(initial.ruleSet());
                assertThat(r.problems()).extracting(RuleProblem::file).contains("broken-syntax.drl");
                assertThat(handle.current()).isSameAs(initial);
            }
            RuleSetHandle.Reload refused = handle.reload(failsVerification);
            assertThat(refused.swapped()).isFalse();
            assertThat(refused.candidate().name()).isEqualTo("wide-window");
            assertThat(refused.problems()).extracting(RuleProblem::message)
                    .containsExactly("reference case classified SYNCHRONOUS_OMD");
            assertThat(refused.render()).startsWith("reload refused; rule set mlt-rules-bundled "
                    + initial.ruleSet().version());
            assertThat(handle.current()).isSameAs(initial);

            RuleSetHandle.Reload swapped = handle.reload(good);
            assertThat(swapped.swapped()).as(swapped.render()).isTrue();
            assertThat(swapped.serving().version()).isEqualTo("1.1.1-local");
            assertThat(swapped.serving().fingerprint()).isNotEqualTo(initial.ruleSet().fingerprint());
            assertThat(handle.current().ruleSet()).isEqualTo(swapped.serving());
            swappedFingerprint.add(swapped.serving().fingerprint());

            assertThat(servedAfterSwap.await(120, TimeUnit.SECONDS)).as("served by the new rule set").isTrue();
        } finally {
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(completed.get()).as("every assessment started completed").isEqualTo(started.get());
        assertThat(byFingerprint).containsOnlyKeys(initial.ruleSet().fingerprint(),
                handle.current().ruleSet().fingerprint());
    }
}
