package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mltrules.cli.Main;

/** The mlt-rules command line, run in-process: the reference the Spark output is held to. */
final class CommandLine {
    private CommandLine() {
    }

    /** {@code mlt-rules generate --count N --seed S --output FILE}: a synthetic cohort as JSON Lines. */
    static void generate(int count, long seed, Path file) {
        Run r = run("generate", "--count", String.valueOf(count), "--seed", String.valueOf(seed),
                "--output", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
    }

    /**
     * {@code mlt-rules assess --format jsonl [--rules DIR] FILE}: the output lines, each as its UTF-8 bytes without
     * the newline.
     */
    static List<byte[]> assessJsonLines(Path input, Path rules) {
        List<String> args = new ArrayList<>(List.of("assess", "--format", "jsonl", "--no-progress"));
        if (rules != null) {
            args.add("--rules");
            args.add(rules.toString());
        }
        args.add(input.toString());
        Run r = run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isIn(Main.OK, Main.CASE_ERRORS);
        List<byte[]> lines = new ArrayList<>();
        byte[] out = r.out();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(out, start, i));
                start = i + 1;
            }
        }
        assertThat(start).as("the output ends with a newline").isEqualTo(out.length);
        return lines;
    }

    record Run(int status, byte[] out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Copies the bundled rule folder (this project's mlt-rules-drl sources) to {@code target}. */
    static void copyBundledRules(Path target) throws IOException {
        Path bundled = Path.of("../mlt-rules-drl/src/main/resources/org/mltrules/rules");
        try (var files = Files.walk(bundled)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(bundled.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }
}
