package org.mltrules.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.bench.BenchmarkCases;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseJson;
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

/** What a host does per case: parse the JSON case, assess it, write the JSON assessment (issue 6 target). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EndToEndBenchmark {

    @Param({"3"})
    public int lesions;

    private MltRules rules;
    private String json;
    private Assessment assessment;

    @Setup(Level.Trial)
    public void setUp() {
        rules = MltRules.bundled();
        json = BenchmarkCases.json(lesions);
        assessment = rules.assess(CaseJson.read(json));
    }

    @Benchmark
    @Threads(1)
    public String jsonInJsonOut1Thread() {
        return AssessmentJson.toJson(rules.assess(CaseJson.read(json)));
    }

    @Benchmark
    @Threads(2)
    public String jsonInJsonOut2Threads() {
        return AssessmentJson.toJson(rules.assess(CaseJson.read(json)));
    }

    /** Parsing and writing only, for the share of the engine in the end-to-end time. */
    @Benchmark
    @Threads(1)
    public Object[] jsonOnly1Thread() {
        return new Object[] {CaseJson.read(json), AssessmentJson.toJson(assessment)};
    }
}
