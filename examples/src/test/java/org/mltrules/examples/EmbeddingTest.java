package org.mltrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.Assessment;
import org.mltrules.Category;
import org.mltrules.MltRules;

class EmbeddingTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();

    @Test
    @DisplayName("one engine shared by four threads gives the same assessments as one thread, in input order")
    void sharedEngineAcrossThreads() throws Exception {
        MltRules rules = MltRules.bundled();

        Embedding.Summary parallel;
        Embedding.Summary sequential;
        try (InputStream in = Files.newInputStream(MODULE.resolve("cases/demo.jsonl"))) {
            parallel = Embedding.assessAll(rules, in, 4);
        }
        try (InputStream in = Files.newInputStream(MODULE.resolve("cases/demo.jsonl"))) {
            sequential = Embedding.assessAll(rules, in, 1);
        }

        assertThat(parallel.assessed()).isEqualTo(sequential.assessed());
        assertThat(parallel.assessed()).extracting(Assessment::caseId).startsWith("demo-01", "demo-02");
        assertThat(parallel.byCategory().keySet()).containsExactlyInAnyOrder(Category.values());
        assertThat(parallel.rejected()).isEmpty();
    }

    @Test
    @DisplayName("the summary counts categories and lists rejected cases with their line")
    void summaryOfAMixedBatch() throws Exception {
        MltRules rules = MltRules.bundled();
        Embedding.Summary s;
        try (InputStream in = Files.newInputStream(MODULE.resolve("cases/demo-bad.jsonl"))) {
            s = Embedding.assessAll(rules, in, 2);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Embedding.print(s, rules, 2, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s.assessed()).hasSize(3);
        assertThat(s.rejected()).extracting(r -> r.line()).isEqualTo(List.of(2L, 4L));
        assertThat(out).contains("Assessed 3 case(s) on 2 threads", "2 rejected", "Rejected: case #2 (line 2)",
                "Rules: mlt-rules-bundled", "Decision support only");
    }
}
