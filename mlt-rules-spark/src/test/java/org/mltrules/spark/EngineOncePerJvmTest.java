package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;

/**
 * The rules are compiled once per JVM, however many tasks need them at once: counted by EngineCache. In local mode
 * the driver and the executor are one JVM, so the cache is emptied after the driver's build to see the executor's.
 */
class EngineOncePerJvmTest {
    @AfterEach
    void forget() {
        EngineCache.clear();
    }

    @Test
    @DisplayName("eight tasks over a rule folder, two starting at once in one executor: one compile in all")
    void oneCompileForConcurrentTasks(@TempDir Path dir) throws IOException {
        // Given a rule folder made on the driver, and an executor JVM that has not compiled it yet
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        RuleSource source = RuleSource.folder(rules);
        EngineCache.clear();
        Dataset<String> cases = TestSpark.session().createDataset(demoCases(), Encoders.STRING()).repartition(8);

        // When eight tasks assess them on two task slots, twice
        long first = MltRulesSpark.assess(cases, source).filter("error is null").count();
        long second = MltRulesSpark.assess(cases, source).filter("error is null").count();

        // Then every case is assessed, the rules were compiled once, and a task waited for that compile
        assertThat(first).isEqualTo(second).isEqualTo(demoCases().size());
        assertThat(EngineCache.builds()).isEqualTo(1);
        assertThat(EngineCache.waits()).as("the second task slot waited for the first's compile").isPositive();
    }

    @Test
    @DisplayName("sixteen threads asking at the same moment for rules not built yet: one build, one engine")
    void oneBuildForSimultaneousCallers() throws Exception {
        RuleSource source = RuleSource.bundled();
        EngineCache.clear();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<MltRules>> engines = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                engines.add(pool.submit(() -> {
                    start.await();
                    return source.engine();
                }));
            }
            start.countDown();
            MltRules one = engines.get(0).get();
            for (Future<MltRules> e : engines) {
                assertThat(e.get()).isSameAs(one);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(EngineCache.builds()).isEqualTo(1);
        assertThat(EngineCache.waits()).isPositive();
    }

    @Test
    @DisplayName("in local mode the tasks use the engine the driver built when the rule source was made")
    void localModeReusesTheDriversBuild() {
        EngineCache.clear();
        RuleSource source = RuleSource.bundled();
        Dataset<String> cases = TestSpark.session().createDataset(demoCases(), Encoders.STRING()).repartition(4);

        long assessed = MltRulesSpark.assess(cases, source).filter("error is null").count();

        assertThat(assessed).isEqualTo(demoCases().size());
        assertThat(EngineCache.builds()).isEqualTo(1);
    }

    @Test
    @DisplayName("a build that fails is not kept: every task that needs the rules tries again, and fails alike")
    void failedBuildIsNotKept() {
        // Given shipped files that do not compile (a driver would have refused them; an executor must cope too)
        RuleSource broken = RuleSource.unchecked(new java.util.TreeMap<>(java.util.Map.of(
                "ruleset.properties", "name=broken\nversion=1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "broken.drl", "rule \"x\" when then".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                new org.mltrules.RuleSetInfo("broken", "1", "sha256:0"));
        EngineCache.clear();

        // When two tasks in turn need them, then both fail with the compile errors, and each tried to build
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(broken::engine).isInstanceOf(org.mltrules.RuleSetException.class);
        }
        assertThat(EngineCache.builds()).isEqualTo(2);
    }

    @Test
    @DisplayName("rules that build to another fingerprint on an executor than on the driver are refused there")
    void fingerprintMismatchIsRefused(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        RuleSource driver = RuleSource.folder(rules);
        RuleSource other = RuleSource.unchecked(new java.util.TreeMap<>(driver.files()),
                new org.mltrules.RuleSetInfo("mlt-rules-bundled", "1.0.0", "sha256:1"));

        assertThatThrownBy(other::engine).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same mlt-rules-spark job jar");
    }

    static List<String> demoCases() {
        try {
            // The demo cases ten times over: enough for every one of eight partitions to hold some.
            List<String> demo = Files.readAllLines(Path.of("../examples/cases/demo.jsonl")).stream()
                    .filter(l -> !l.isBlank()).toList();
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                cases.addAll(demo);
            }
            return cases;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
