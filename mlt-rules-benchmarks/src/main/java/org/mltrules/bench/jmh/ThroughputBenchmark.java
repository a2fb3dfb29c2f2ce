package org.mltrules.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code MltRules.assess} with one engine shared by one and by two threads (the machine has two
 * cores). 3 lesions by default; {@code -p lesions=1,3,5} for the others.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
public class ThroughputBenchmark {

    @Param({"3"})
    public int lesions;

    private MltRules rules;
    private PatientCase patientCase;

    @Setup(Level.Trial)
    public void setUp() {
        rules = MltRules.bundled();
        patientCase = CaseGenerator.representative(lesions);
    }

    @Benchmark
    @Threads(1)
    public Assessment oneThread() {
        return rules.assess(patientCase);
    }

    @Benchmark
    @Threads(2)
    public Assessment twoThreads() {
        return rules.assess(patientCase);
    }
}
