package org.mltrules.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.bench.BenchmarkCases;
import org.mltrules.bench.ReferenceClassifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code MltRules.assess} on the bundled rules: latency distribution (SampleTime gives p99), throughput on one
 * and two threads, and the plain-Java reference classification as the floor.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AssessBenchmark {

    @Param({"1", "3", "5"})
    public int lesions;

    private MltRules rules;
    private PatientCase patientCase;
    private ReferenceClassifier reference;

    @Setup(Level.Trial)
    public void setUp() {
        rules = MltRules.bundled();
        patientCase = BenchmarkCases.withLesions(lesions);
        reference = new ReferenceClassifier(rules.conventions());
    }

    /** Single-case latency; read p0.99 in the result. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Assessment latency() {
        return rules.assess(patientCase);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Assessment throughput1Thread() {
        return rules.assess(patientCase);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Assessment throughput2Threads() {
        return rules.assess(patientCase);
    }

    /** The same classification in plain Java (no ranking): the floor for the engine-to-Java ratio. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ReferenceClassifier.Result referenceLatency() {
        return reference.classify(patientCase);
    }
}
