package org.mltrules.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mltrules.MltRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building an engine: the precompiled bundled rules, and the same rule set compiled from a folder (the analyst
 * workflow). Single shots in a warmed JVM; the cold first build is what {@code StartupProbe} measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class RuleSetBuildBenchmark {
    private Path folder;

    @Setup(Level.Trial)
    public void copyBundledRulesToAFolder() throws IOException {
        folder = Files.createTempDirectory("mlt-rules-bench");
        for (Map.Entry<String, byte[]> e : MltRules.bundled().sourceFiles().entrySet()) {
            Path target = folder.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
    }

    @TearDown(Level.Trial)
    public void deleteFolder() throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public MltRules bundled() {
        return MltRules.bundled();
    }

    @Benchmark
    public MltRules compileFolder() {
        return MltRules.builder().rulesFrom(folder).build();
    }
}
