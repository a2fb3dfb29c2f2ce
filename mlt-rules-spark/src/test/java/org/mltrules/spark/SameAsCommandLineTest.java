package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated cohort of a few thousand cases, with malformed and invalid lines mixed in, assessed on Spark and by
 * the command line ({@code mlt-rules assess --format jsonl}, in-process): the same records, in the same order, every
 * assessment byte for byte.
 */
class SameAsCommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error-record schema that mlt-rules-json ships, found by its $id on the class path. */
    private static final Schema ERROR_RECORD = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix("https://github.com/mlt-rules/mlt-rules/schema/1/",
                    "classpath:org/mltrules/json/schema/"))).getSchema(SchemaLocation.of(
                            "https://github.com/mlt-rules/mlt-rules/schema/1/error-record.schema.json"));
    static final int COHORT = 3000;

    /** Lines the command line rejects, each for another reason; mixed into the cohort at these positions. */
    static final List<String> BAD_LINES = List.of(
            "{\"caseId\":\"bad-type\",\"ecog\":\"two\"}",
            "{\"caseId\":\"bad-truncated\",\"histology\":\"8890/3\",\"lesions\":[{\"id\":\"L1\",\"site\":\"LU",
            "[{\"caseId\":\"bad-array\"}]",
            "{\"caseId\":\"bad-unknown-field\",\"ecogg\":1}",
            "not json at all",
            "{\"caseId\":\"bad-range\",\"lesions\":[{\"id\":\"L1\",\"site\":\"LUNG\",\"sizeMm\":-5}]}",
            "{\"caseId\":\"bad-duplicate\",\"caseId\":\"again\"}",
            "{\"histology\":\"8890/3\"}",
            "{\"caseId\":\"bad-trailing\"} {}");

    private static Path cohort;
    private static List<byte[]> cli;
    private static List<Row> spark;

    @BeforeAll
    static void assessBothWays(@TempDir Path dir) throws IOException {
        // Given a generated cohort with bad lines, blank lines and a byte order mark mixed in
        Path generated = dir.resolve("generated.jsonl");
        CommandLine.generate(COHORT, 16, generated);
        List<String> lines = new ArrayList<>(Files.readAllLines(generated, StandardCharsets.UTF_8));
        for (int i = 0; i < BAD_LINES.size(); i++) {
            lines.add(7 + i * 331, BAD_LINES.get(i));
        }
        lines.add(100, "");
        lines.add(200, "  \t ");
        lines.set(0, "\uFEFF" + lines.get(0));
        cohort = dir.resolve("cohort.jsonl");
        Files.write(cohort, lines, StandardCharsets.UTF_8);

        // When it is assessed by the command line and on Spark with the bundled rules
        cli = CommandLine.assessJsonLines(cohort, null);
        spark = MltRulesSpark.assess(TestSpark.session().read().textFile(cohort.toString()), RuleSource.bundled())
                .collectAsList();
    }

    @Test
    @DisplayName("the cohort is read in several partitions, and every case gives one row, in input order")
    void oneRowPerCaseInOrder() {
        assertThat(TestSpark.session().read().textFile(cohort.toString()).rdd().getNumPartitions())
                .isGreaterThan(2);
        assertThat(spark).hasSize(COHORT + BAD_LINES.size()).hasSameSizeAs(cli);
    }

    @Test
    @DisplayName("every assessment of the generated cohort is byte-identical to the command line's jsonl line")
    void assessmentsAreByteIdentical() throws IOException {
        assertSameAsCommandLine(spark, cli);
        long assessed = spark.stream().filter(r -> r.getString(4) == null).count();
        assertThat(assessed).isEqualTo(COHORT);
    }

    @Test
    @DisplayName("a malformed or invalid line gives an error row with the command line's error record (valid by its "
            + "schema), and the batch goes on")
    void badLinesGiveErrorRows() throws IOException {
        List<Row> errors = spark.stream().filter(r -> r.getString(4) != null).toList();
        assertThat(errors).hasSize(BAD_LINES.size());
        assertThat(errors).extracting(r -> r.getString(0)).contains("bad-type", "bad-truncated", "bad-range",
                "bad-unknown-field", null);
        for (Row r : errors) {
            assertThat(r.getString(1)).isNull();
            assertThat(r.getString(2)).isNull();
            assertThat(r.getString(3)).isNull();
            assertThat(JSON.readTree(r.getString(4)).get("line").isNull()).isTrue();
            assertThat(ERROR_RECORD.validate(r.getString(4), InputFormat.JSON)).as(r.getString(4)).isEmpty();
        }
    }

    /**
     * Row i against the command line's line i: an assessment must be the same bytes, with its category and
     * candidacy in the columns; an error record the same JSON, except {@code line}, which a Dataset row has not.
     */
    static void assertSameAsCommandLine(List<Row> rows, List<byte[]> lines) throws IOException {
        assertThat(rows).hasSameSizeAs(lines);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            JsonNode expected = JSON.readTree(lines.get(i));
            if (expected.has("errors")) {
                assertThat(row.getString(3)).as("row %d", i).isNull();
                ObjectNode withoutLine = ((ObjectNode) expected).set("line", NullNode.getInstance());
                assertThat(JSON.readTree(row.getString(4))).as("error row %d", i).isEqualTo(withoutLine);
                assertThat(row.getString(0)).isEqualTo(expected.get("caseId").isNull() ? null
                        : expected.get("caseId").asText());
            } else {
                assertThat(row.getString(4)).as("row %d", i).isNull();
                assertThat(row.getString(3).getBytes(StandardCharsets.UTF_8)).as("assessment of row %d", i)
                        .isEqualTo(lines.get(i));
                assertThat(row.getString(0)).isEqualTo(expected.get("caseId").asText());
                assertThat(row.getString(1)).isEqualTo(expected.at("/classification/category").asText());
                assertThat(row.getString(2)).isEqualTo(expected.at("/candidacy/level").asText());
            }
        }
    }
}
