package org.mltrules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mltrules.Category;
import org.mltrules.bench.jmh.AssessBenchmark;
import org.mltrules.bench.jmh.EndToEndBenchmark;
import org.mltrules.bench.jmh.RuleSetBuildBenchmark;
import org.mltrules.bench.jmh.ThroughputBenchmark;

/** One invocation of every benchmark method, outside JMH, so that a broken benchmark fails the build. */
class BenchmarksRunTest {

    @Test
    void assessBenchmarksRunOnTheRepresentativeCases() {
        for (int lesions : new int[] {1, 3, 5}) {
            // Given the benchmark state for this many lesions
            AssessBenchmark b = new AssessBenchmark();
            b.lesions = lesions;
            b.setUp();
            // When each benchmark method runs once
            // Then each returns the classification of a metachronous OMD on chemotherapy
            assertThat(b.latency().category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            ThroughputBenchmark t = new ThroughputBenchmark();
            t.lesions = lesions;
            t.setUp();
            assertThat(t.oneThread().lesions()).hasSize(lesions);
            assertThat(t.twoThreads()).isEqualTo(t.oneThread());
            assertThat(b.referenceLatency().category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
        }
    }

    @Test
    void ruleSetBuildBenchmarksLoadTheBundledRulesFromTheClasspathAndFromAFolder() throws Exception {
        RuleSetBuildBenchmark b = new RuleSetBuildBenchmark();
        b.copyBundledRulesToAFolder();
        try {
            // The same files give the same fingerprint, however they are loaded
            assertThat(b.compileFolder().ruleSet().fingerprint()).isEqualTo(b.bundled().ruleSet().fingerprint());
        } finally {
            b.deleteFolder();
        }
    }

    @Test
    void endToEndBenchmarksReadTheSameCaseAsTheJavaOne() throws Exception {
        EndToEndBenchmark b = new EndToEndBenchmark();
        b.lesions = 3;
        b.setUp();
        assertThat(b.jsonInJsonOut1Thread()).contains("\"category\":\"METACHRONOUS_OLIGOPROGRESSION\"");
        assertThat(b.jsonInJsonOut2Threads()).isEqualTo(b.jsonInJsonOut1Thread());
        assertThat(b.jsonOnly1Thread()).hasSize(2);
        EndToEndBenchmark.Output out = new EndToEndBenchmark.Output();
        out.open();
        assertThat(b.jsonInJsonLinesOut1Thread(out)).isEqualTo(1);
        assertThat(b.jsonInJsonLinesOut2Threads(out)).isEqualTo(2);
        assertThat(b.jsonLinesWriteOnly1Thread(out)).isEqualTo(3);
    }

    @Test
    void startupProbeRuns() {
        StartupProbe.main(new String[0]);
    }

    @Test
    void warmupProbeReportsEachSecondAndTheWarmedLatency() throws Exception {
        // Given the probe's output captured
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            // When it runs for two seconds
            WarmupProbe.main(new String[] {"2"});
        } finally {
            System.setOut(before);
        }
        // Then it reports at least one one-second slice and the representative case's latency
        String out = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).containsPattern("t= *\\d+\\.\\d s +\\d+ cases +\\d+ cases/s +[\\d.]+ us CPU per case")
                .contains("representative 3-lesion case, warmed: p50");
    }
}
