package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mCODE bundle rows beside case rows: each bundle is mapped and assessed exactly as {@code mlt-rules assess} maps
 * and assesses the same line (the assessment with its {@code mapping}, byte for byte); a bundle that cannot be
 * mapped gives an error row with FHIR paths, and the job goes on. The bundles are the project's examples
 * (examples/fhir: vignettes v02 and v11, HL7's Jenny M).
 */
class BundleRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("../examples/fhir");

    private static List<String> lines;
    private static List<byte[]> cli;
    private static List<Row> spark;

    static String oneLine(String file) throws IOException {
        return JSON.readTree(Files.readString(EXAMPLES.resolve(file), StandardCharsets.UTF_8)).toString();
    }

    /** The v02 bundle with a second Patient: it cannot be mapped. */
    static String twoPatients() throws IOException {
        ObjectNode b = (ObjectNode) JSON.readTree(oneLine("lms-oligorecurrence-v02.json"));
        b.put("id", "bundle-two-patients");
        b.remove("identifier");
        ((ArrayNode) b.get("entry")).addObject().putObject("resource").put("resourceType", "Patient")
                .put("id", "someone-else");
        return b.toString();
    }

    @BeforeAll
    static void assessBothWays(@TempDir Path dir) throws IOException {
        // Given generated case rows with bundles, good and bad, mixed in
        Path generated = dir.resolve("generated.jsonl");
        CommandLine.generate(40, 7, generated);
        lines = new ArrayList<>(Files.readAllLines(generated, StandardCharsets.UTF_8));
        lines.add(3, oneLine("lms-oligorecurrence-v02.json"));
        lines.add(11, twoPatients());
        lines.add(17, oneLine("gist-induced-oligoprogression-v11.json"));
        lines.add(29, oneLine("mcode-patient-bundle-jenny-m.json"));
        lines.add(35, "{\"resourceType\":\"Bundle\",\"id\":\"no-patient\",\"type\":\"collection\",\"entry\":[]}");
        Path mixed = Files.write(dir.resolve("mixed.jsonl"), lines, StandardCharsets.UTF_8);

        // When the command line and Spark assess them
        cli = CommandLine.assessJsonLines(mixed, null);
        spark = MltRulesSpark.assess(TestSpark.session().read().textFile(mixed.toString()), RuleSource.bundled())
                .collectAsList();
    }

    @Test
    @DisplayName("each bundle row's assessment, mapping included, is byte-identical to the command line's line")
    void bundleAssessmentsAreTheCommandLines() throws IOException {
        SameAsCommandLineTest.assertSameAsCommandLine(spark, cli);
        assertThat(spark).extracting(r -> r.getString(0)).contains("mlt-example-lms-oligorecurrence",
                "mlt-example-gist-induced-oligoprogression", "mcode-patient-bundle-jenny-m");
        Row v11 = spark.get(17);
        assertThat(v11.getString(1)).isEqualTo("INDUCED_OLIGOPROGRESSION");
        JsonNode assessment = JSON.readTree(v11.getString(3));
        assertThat(assessment.get("mapping").isArray()).isTrue();
        assertThat(spark.get(3).getString(1)).isEqualTo("METACHRONOUS_OLIGORECURRENCE");
        assertThat(JSON.readTree(spark.get(0).getString(3)).has("mapping")).as("a case row has no mapping").isFalse();
    }

    @Test
    @DisplayName("a bundle that cannot be mapped gives an error row with FHIR paths, and the rows after it are assessed")
    void aBadBundleGivesAnErrorRow() throws IOException {
        Row two = spark.get(11);
        assertThat(two.getString(0)).isEqualTo("bundle-two-patients");
        assertThat(two.getString(3)).isNull();
        JsonNode error = JSON.readTree(two.getString(4));
        assertThat(error.get("index").asLong()).isEqualTo(11);
        assertThat(error.at("/errors/0/field").asText()).startsWith("Bundle.entry[");
        assertThat(error.at("/errors/0/value").isNull()).isTrue();
        assertThat(JSON.readTree(spark.get(35).getString(4)).at("/errors/0/message").asText())
                .contains("no Patient");
        assertThat(spark.stream().filter(r -> r.getString(4) == null).count()).isEqualTo(lines.size() - 2);
    }

    @Test
    @DisplayName("a bundle pretty-printed in one row (a Dataset not read from JSON Lines) gives the same assessment")
    void aPrettyPrintedBundleRow() throws IOException {
        String pretty = Files.readString(EXAMPLES.resolve("gist-induced-oligoprogression-v11.json"),
                StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>(lines);
        rows.set(17, pretty);
        List<Row> parts = MltRulesSpark.assess(TestSpark.session().createDataset(rows, Encoders.STRING()),
                RuleSource.bundled()).collectAsList();

        assertThat(pretty).contains("\n");
        assertThat(parts).hasSameSizeAs(spark);
        assertThat(parts.get(17).getString(3)).isEqualTo(spark.get(17).getString(3));
    }
}
