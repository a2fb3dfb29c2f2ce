package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job: options, output formats read back with the declared schema, the summary, exit status. */
class AssessJobTest {
    private static Path input;
    private static List<byte[]> cli;
    private static Path jsonOut;
    private static Result jsonRun;
    private static Path parquetOut;
    private static Result parquetRun;
    private static final SparkSession SPARK = TestSpark.session();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void cohort(@TempDir Path dir) throws IOException {
        Path generated = dir.resolve("generated.jsonl");
        CommandLine.generate(200, 5, generated);
        List<String> lines = new ArrayList<>(Files.readAllLines(generated, StandardCharsets.UTF_8));
        lines.add(10, "{\"caseId\":\"bad-type\",\"ecog\":\"two\"}");
        input = dir.resolve("cohort.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        cli = CommandLine.assessJsonLines(input, null);
        jsonOut = dir.resolve("out-json");
        jsonRun = run("--input", input.toString(), "--output", jsonOut.toString());
        parquetOut = dir.resolve("out-parquet");
        parquetRun = run("--input", input.toString(), "--output", parquetOut.toString(), "--format", "parquet");
    }

    private record Result(int status, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AssessJob.run(SPARK, AssessJob.parse(args), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The rows in the command line's order, by case id (unique in this cohort): Spark reads a folder of part files
     * largest first, not in the order they were written.
     */
    private static List<Row> inCommandLineOrder(List<Row> rows) throws IOException {
        Map<String, Row> byId = new HashMap<>();
        for (Row r : rows) {
            assertThat(byId.put(r.getString(0), r)).as("case id %s once", r.getString(0)).isNull();
        }
        List<Row> ordered = new ArrayList<>();
        for (byte[] line : cli) {
            ordered.add(byId.get(JSON.readTree(line).get("caseId").asText()));
        }
        return ordered;
    }

    @Test
    @DisplayName("parquet output reads back with the declared schema, the same rows as the command line's")
    void parquetReadsBackWithTheDeclaredSchema() throws IOException {
        Path out = parquetOut;
        Result r = parquetRun;

        assertThat(r.status()).as(r.err()).isZero();
        Dataset<Row> back = SPARK.read().parquet(out.toString());
        assertThat(back.schema()).isEqualTo(MltRulesSpark.SCHEMA);
        List<Row> rows = SPARK.read().schema(MltRulesSpark.SCHEMA).parquet(out.toString()).collectAsList();
        SameAsCommandLineTest.assertSameAsCommandLine(inCommandLineOrder(rows), cli);
    }

    @Test
    @DisplayName("JSON Lines output has every column on every line and reads back with the declared schema")
    void jsonOutputReadsBack() throws IOException {
        Path out = jsonOut;
        Result r = jsonRun;

        assertThat(r.status()).as(r.err()).isZero();
        List<Row> rows = SPARK.read().schema(MltRulesSpark.SCHEMA).json(out.toString()).collectAsList();
        SameAsCommandLineTest.assertSameAsCommandLine(inCommandLineOrder(rows), cli);
        try (var parts = Files.list(out)) {
            String first = Files.readAllLines(parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted().findFirst().orElseThrow()).get(0);
            assertThat(first).contains("\"caseId\":", "\"category\":", "\"candidacy\":", "\"assessment\":",
                    "\"error\":null");
        }
    }

    @Test
    @DisplayName("the summary gives the cases, the count by category and the cases not assessed")
    void summaryCountsByCategory() {
        Result r = jsonRun;

        assertThat(parquetRun.err().lines().findFirst()).isEqualTo(r.err().lines().findFirst());
        assertThat(r.err()).startsWith("mlt-rules-spark: 201 case(s), 200 assessed, 1 not assessed")
                .contains("rules: mlt-rules-bundled ", RuleSource.bundled().fingerprint());
        long byCategory = r.err().lines().filter(l -> l.matches("  [A-Z_]+ +\\d+"))
                .mapToLong(l -> Long.parseLong(l.trim().split(" +")[1])).sum();
        assertThat(byCategory).isEqualTo(200);
    }

    @Test
    @DisplayName("an existing output folder is a usage error, and nothing is overwritten")
    void existingOutputIsRefused(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        Result r = run("--input", input.toString(), "--output", out.toString());

        assertThat(r.status()).isEqualTo(AssessJob.USAGE);
        assertThat(r.err()).contains("exists already");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    @DisplayName("a missing input is a usage error naming it")
    void missingInputIsAUsageError(@TempDir Path dir) {
        Result r = run("--input", dir.resolve("none.jsonl").toString(), "--output", dir.resolve("o").toString());

        assertThat(r.status()).isEqualTo(AssessJob.USAGE);
        assertThat(r.err()).contains("cannot read", "none.jsonl");
    }

    @Test
    @DisplayName("unusable rules: every problem as file:line:column, status 4, nothing written")
    void unusableRules(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        Files.writeString(rules.resolve("broken.drl"), "package org.mltrules.rules;\n\nrule \"b\"\nwhen\n"
                + "    eval( true\nthen\nend\n");
        Path out = dir.resolve("out");

        Result r = run("--input", input.toString(), "--output", out.toString(), "--rules", rules.toString());

        assertThat(r.status()).isEqualTo(AssessJob.RULES_UNUSABLE);
        assertThat(r.err()).contains("are unusable", rules.resolve("broken.drl") + ":");
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("bad command lines are refused with a reason")
    void badCommandLines() {
        assertThatThrownBy(() -> AssessJob.parse(new String[] {"--input", "x"}))
                .isInstanceOf(AssessJob.UsageException.class).hasMessageContaining("--output");
        assertThatThrownBy(() -> AssessJob.parse(new String[] {"--input", "x", "--output", "y", "--format", "csv"}))
                .hasMessageContaining("json or parquet");
        assertThatThrownBy(() -> AssessJob.parse(new String[] {"--input", "x", "--output", "y", "--rules"}))
                .hasMessageContaining("--rules needs a value");
        assertThatThrownBy(() -> AssessJob.parse(new String[] {"--inptu", "x"}))
                .hasMessageContaining("unknown argument: --inptu");
        assertThat(AssessJob.parse(new String[] {"--input=a", "--output=b", "--format=PARQUET"}))
                .isEqualTo(new AssessJob.Options("a", "b", null, AssessJob.Format.parquet));
    }
}
