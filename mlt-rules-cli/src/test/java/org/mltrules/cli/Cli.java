package org.mltrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the tool as a user would, through its entry point, with captured streams. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command-line module's folder (Maven sets {@code basedir}; an IDE runs tests from it). */
    static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    /** The repository root. */
    static final Path ROOT = MODULE.getParent();
    static final Path DEMO = ROOT.resolve("examples/cases/demo.jsonl");
    static final Path DEMO_BAD = ROOT.resolve("examples/cases/demo-bad.jsonl");
    static final Path ONE = ROOT.resolve("examples/cases/one.json");

    /**
     * The outcome of one run.
     *
     * @param code exit status
     * @param out  standard output
     * @param err  standard error
     */
    record Run(int code, String out, String err) {
        /** Standard output as JSON Lines. */
        List<JsonNode> jsonLines() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(Cli.json(line));
                }
            }
            return nodes;
        }

        /** Standard output as one JSON document. */
        JsonNode json() {
            return Cli.json(out);
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        return runWithInput("", args);
    }

    static Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
