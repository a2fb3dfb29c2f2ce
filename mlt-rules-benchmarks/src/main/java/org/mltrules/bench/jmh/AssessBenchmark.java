package org.mltrules.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.rules.ReferenceClassifier;
import org.mltrules.cohort.CaseGenerator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code MltRules.assess} on the bundled rules: the latency distribution of one case (SampleTime gives p99), and the
 * plain-Java reference classification as the floor. Drools reaches its steady state only after 15-25 s of JIT
 * compilation on this machine, hence the long warm-up.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
public class AssessBenchmark {

    @Param({"1", "3", "5"})
    public int lesions;

    private MltRules rules;
    private PatientCase patientCase;
    private ReferenceClassifier reference;

    @Setup(Level.Trial)
    public void setUp() {
        rules = MltRules.bundled();
        patientCase = CaseGenerator.representative(lesions);
        reference = new ReferenceClassifier(rules.conventions());
    }

    /** Single-case latency; read p0.99 in the result. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Assessment latency() {
        return rules.assess(patientCase);
    }

    /** The same classification in plain Java (no ranking): the floor for the engine-to-Java ratio. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public ReferenceClassifier.Result referenceLatency() {
        return reference.classify(patientCase);
    }
}
