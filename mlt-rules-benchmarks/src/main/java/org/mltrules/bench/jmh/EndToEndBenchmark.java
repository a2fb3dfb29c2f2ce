package org.mltrules.bench.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.AssessmentWriter;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseWriter;
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
 * What a host does per case: parse the JSON case, assess it, write the JSON assessment (issue 6 target). Two ways to
 * write: {@code AssessmentJson.toJson} (a String per case, the convenience API) and {@code AssessmentWriter}
 * streaming JSON Lines to an output stream (what the command line and a server do; the stream here discards the
 * bytes after encoding).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
public class EndToEndBenchmark {

    @Param({"3"})
    public int lesions;

    private MltRules rules;
    private String json;
    private Assessment assessment;

    @Setup(Level.Trial)
    public void setUp() {
        rules = MltRules.bundled();
        json = CaseWriter.toJson(CaseGenerator.representative(lesions));
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

    /** One JSON Lines writer per thread, as a server has one per response or the command line one per output. */
    @State(Scope.Thread)
    public static class Output {
        AssessmentWriter writer;

        @Setup(Level.Trial)
        public void open() throws IOException {
            writer = AssessmentWriter.jsonLines(OutputStream.nullOutputStream());
        }
    }

    @Benchmark
    @Threads(1)
    public long jsonInJsonLinesOut1Thread(Output out) throws IOException {
        out.writer.write(rules.assess(CaseJson.read(json)));
        return out.writer.written();
    }

    @Benchmark
    @Threads(2)
    public long jsonInJsonLinesOut2Threads(Output out) throws IOException {
        out.writer.write(rules.assess(CaseJson.read(json)));
        return out.writer.written();
    }

    /** Parsing and writing only, for the share of the engine in the end-to-end time. */
    @Benchmark
    @Threads(1)
    public Object[] jsonOnly1Thread() {
        return new Object[] {CaseJson.read(json), AssessmentJson.toJson(assessment)};
    }

    /** Writing only, as the command line and a streaming host write: one JSON Lines record per assessment. */
    @Benchmark
    @Threads(1)
    public long jsonLinesWriteOnly1Thread(Output out) throws IOException {
        out.writer.write(assessment);
        return out.writer.written();
    }
}
