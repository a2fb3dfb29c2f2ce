package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line reads HL7 FHIR R4 / mCODE STU4 bundles wherever it reads cases: alone, in a JSON array, one per
 * JSON Lines line, mixed with cases; {@code --as-of}; the {@code map} command; error records for bad bundles.
 * The example bundles (examples/fhir) are the two of docs/fhir-mapping.md and HL7's Jenny M example.
 */
class FhirInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compares numbers by value ({@code 1.0} as written, {@code 1} as the case writer writes it). */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> x.isNumber() && y.isNumber()
            ? Double.compare(x.asDouble(), y.asDouble()) : x.equals(y) ? 0 : 1;
    static final Path V02 = Cli.ROOT.resolve("examples/fhir/lms-oligorecurrence-v02.json");
    static final Path V11 = Cli.ROOT.resolve("examples/fhir/gist-induced-oligoprogression-v11.json");
    static final Path JENNY = Cli.ROOT.resolve("examples/fhir/mcode-patient-bundle-jenny-m.json");

    @TempDir
    Path dir;

    static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle on one line (JSON Lines). */
    static String oneLine(Path p) {
        return Cli.json(text(p)).toString();
    }

    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a bundle with a second Patient: a mapping error. */
    static String withSecondPatient(Path p) {
        ObjectNode b = (ObjectNode) Cli.json(text(p));
        b.put("id", "two-patients");
        b.remove("identifier");
        ObjectNode entry = ((ArrayNode) b.get("entry")).addObject();
        entry.putObject("resource").put("resourceType", "Patient").put("id", "someone-else");
        return b.toString();
    }

    static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Nested
    @DisplayName("assess")
    class Assess {
        @Test
        @DisplayName("a bundle alone is mapped and assessed; its JSON assessment carries the mapping report last")
        void aBundleAlone() {
            // Given the leiomyosarcoma bundle (vignette v02), pretty-printed in its own file
            // When it is assessed as JSON
            Cli.Run run = Cli.run("assess", "--format", "json", V02.toString());

            // Then one assessment, of the vignette's category, with the report under "mapping", last
            assertThat(run.code()).isZero();
            JsonNode a = run.json();
            assertThat(a.at("/classification/category").asText()).isEqualTo("METACHRONOUS_OLIGORECURRENCE");
            assertThat(keys(a)).last().isEqualTo("mapping");
            assertThat(a.get("mapping")).anySatisfy(e -> {
                assertThat(e.get("field").asText()).isEqualTo("histology");
                assertThat(e.get("status").asText()).isEqualTo("SET");
                assertThat(e.get("source").asText()).startsWith("Condition/");
            });
        }

        @Test
        @DisplayName("bundles in a JSON array beside a case: each in its place, only the bundles with a mapping")
        void bundlesInAnArray() {
            // Given an array of a bundle, a case and another bundle
            String array = "[" + text(V02) + ",\n" + text(Cli.ONE) + ",\n" + text(V11) + "]";

            // When assessed as JSON
            Cli.Run run = Cli.runWithInput(array, "assess", "--format", "json", "-");

            // Then three assessments in input order
            assertThat(run.code()).isZero();
            JsonNode out = run.json();
            assertThat(out).hasSize(3);
            assertThat(out.get(0).at("/classification/category").asText()).isEqualTo("METACHRONOUS_OLIGORECURRENCE");
            assertThat(out.get(1).has("mapping")).isFalse();
            assertThat(out.get(2).at("/classification/category").asText()).isEqualTo("INDUCED_OLIGOPROGRESSION");
            assertThat(out.get(2).get("mapping").size()).isGreaterThan(20);
        }

        @Test
        @DisplayName("JSON Lines mixing cases and bundles: a bad bundle gets its error record with FHIR paths, the"
                + " batch goes on")
        void aBadBundleNeverStopsABatch() {
            // Given a case, a bundle, a bundle with two patients, a bundle without any, and another bundle
            String lines = Cli.json(text(Cli.ONE)) + "\n" + oneLine(V02) + "\n" + withSecondPatient(V02) + "\n"
                    + "{\"resourceType\": \"Bundle\", \"id\": \"empty\", \"type\": \"collection\"}\n" + oneLine(V11)
                    + "\n";

            // When assessed as JSON Lines
            Cli.Run run = Cli.runWithInput(lines, "assess", "--format", "jsonl", "-");

            // Then five records; the two bad bundles are error records naming their line and a FHIR path
            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            List<JsonNode> out = run.jsonLines();
            assertThat(out).hasSize(5);
            assertThat(out.get(0).has("classification")).isTrue();
            assertThat(out.get(1).has("mapping")).isTrue();
            assertThat(out.get(2).get("line").asLong()).isEqualTo(3);
            assertThat(out.get(2).get("caseId").asText()).isEqualTo("two-patients");
            assertThat(out.get(2).at("/errors/0/field").asText()).matches("Bundle\\.entry\\[\\d+]\\.resource");
            assertThat(out.get(2).at("/errors/0/value").isNull()).isTrue();
            assertThat(out.get(3).at("/errors/0/field").asText()).isEqualTo("Bundle.entry");
            assertThat(out.get(3).at("/errors/0/message").asText()).contains("no Patient");
            assertThat(out.get(4).at("/classification/category").asText()).isEqualTo("INDUCED_OLIGOPROGRESSION");
            assertThat(run.err()).contains("2 of 5");
        }

        @Test
        @DisplayName("the text report says as of when the record was read and lists the facts to record")
        void textReportListsTheFactsToRecord() {
            // When the leiomyosarcoma bundle is assessed as text
            Cli.Run run = Cli.run("assess", V02.toString());

            // Then the report names the source, the date and the unknown facts the record should hold
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("Category   METACHRONOUS_OLIGORECURRENCE")
                    .contains("Read from  an mCODE bundle, as of 2023-05-10 (Bundle.timestamp)")
                    .contains("Facts to record (unknown because the FHIR record does not hold them):")
                    .contains("medicallyOperable,").contains("lesions[1].resectableR0,");
            String facts = run.out().substring(run.out().indexOf("Facts to record"));
            assertThat(facts).doesNotContain("histology,").doesNotContain("ecog,");
            assertThat(facts.lines().takeWhile(l -> !l.isEmpty()))
                    .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(78));
        }

        @Test
        @DisplayName("a bundle that cannot be mapped reads, in the text report, as a bundle with its FHIR paths")
        void textReportOfABundleThatCannotBeMapped() {
            Cli.Run run = Cli.run("assess", write("two.json", withSecondPatient(V02)).toString());
            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            assertThat(run.out()).contains("FHIR bundle two-patients: NOT ASSESSED (case #1, line 1)")
                    .contains("The FHIR bundle could not be mapped to a case:")
                    .containsPattern("- Bundle\\.entry\\[\\d+]\\.resource: more than one Patient");
        }

        @Test
        @DisplayName("CSV rows of a bundle are those of the same case given in the case format")
        void csvAsForACase() throws IOException {
            // Given the v02 bundle and the case it maps to
            String mapped = Cli.run("map", "--format", "jsonl", V02.toString()).jsonLines().get(0).get("case")
                    .toString();

            // When both are assessed as CSV
            String fromBundle = Cli.run("assess", "--format", "csv", V02.toString()).out();
            String fromCase = Cli.runWithInput(mapped, "assess", "--format", "csv", "-").out();

            // Then the rows are the same
            assertThat(fromBundle).isEqualTo(fromCase).contains("mlt-example-lms-oligorecurrence,");
        }

        @Test
        @DisplayName("--as-of reads the record as it stood on that day: later resources are ignored")
        void asOfReadsTheRecordAsItStood() {
            // Given the v02 bundle, whose metastases were diagnosed on 2023-05-02
            // When read as of the day before
            Cli.Run before = Cli.run("assess", "--format", "jsonl", "--as-of", "2023-05-01", V02.toString());
            Cli.Run text = Cli.run("assess", "--as-of", "2023-05-01", V02.toString());

            // Then the metastases are not yet in the record: it is no longer an oligorecurrence
            JsonNode a = before.jsonLines().get(0);
            assertThat(a.at("/classification/category").asText()).isNotEqualTo("METACHRONOUS_OLIGORECURRENCE");
            assertThat(a.get("mapping").toString()).contains("2023-05-01");
            assertThat(text.out()).contains("Read from  an mCODE bundle, as of 2023-05-01 (--as-of)");
        }

        @Test
        @DisplayName("--as-of must be a calendar date")
        void asOfMustBeADate() {
            Cli.Run run = Cli.run("assess", "--as-of", "2023-13-01", V02.toString());
            assertThat(run.code()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("'2023-13-01' is not a date (yyyy-mm-dd");
            assertThat(run.out()).isEmpty();
        }

        @Test
        @DisplayName("HL7's Jenny M bundle (breast cancer, no metastasis recorded) is assessed, indeterminate")
        void anOfficialMcodeExample() {
            Cli.Run run = Cli.run("assess", JENNY.toString());
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("Category   INDETERMINATE")
                    .contains("(its latest dated resource; no Bundle.timestamp)")
                    .contains("Facts to record").contains("lesions");
        }

        @Test
        @DisplayName("a bundle over 1 MiB on one JSON Lines line is read (bundles may take 10 MiB); a case may not")
        void aLargeBundleOnOneLine() {
            // Given the v02 bundle grown past 1 MiB with resources the mapper does not read
            ObjectNode b = (ObjectNode) Cli.json(text(V02));
            String filler = "x".repeat(60_000);
            for (int i = 0; i < 20; i++) {
                ObjectNode r = ((ArrayNode) b.get("entry")).addObject().putObject("resource");
                r.put("resourceType", "Basic").put("id", "pad-" + i).putObject("code").put("text", filler);
            }
            String big = b.toString();
            String bigCase = "{\"caseId\": \"big\", \"x\": \"" + "y".repeat(60_000) + "\", \"lesions\": ["
                    + "{}, ".repeat(400_000) + "{}]}";

            // When it is assessed beside an over-long case line
            Cli.Run run = Cli.runWithInput(big + "\n" + bigCase + "\n", "assess", "--format", "jsonl", "-");

            // Then the bundle is assessed and the case line refused unread
            assertThat(big.length()).isGreaterThan(1 << 20);
            List<JsonNode> out = run.jsonLines();
            assertThat(out.get(0).at("/classification/category").asText()).isEqualTo("METACHRONOUS_OLIGORECURRENCE");
            assertThat(out.get(1).at("/errors/0/message").asText()).startsWith("line too long").contains("10 MiB");
        }
    }

    @Nested
    @DisplayName("map")
    class Map {
        @Test
        @DisplayName("a bundle maps to its case and report: {\"case\", \"mapping\"}")
        void aBundleMapsToItsCaseAndReport() throws IOException {
            // When the GIST bundle (vignette v11) is mapped
            Cli.Run run = Cli.run("map", V11.toString());

            // Then the case is the vignette's, field by field (its id comes from the bundle), with the report
            assertThat(run.code()).isZero();
            JsonNode out = run.json();
            assertThat(keys(out)).containsExactly("case", "mapping");
            ObjectNode c = (ObjectNode) out.get("case").deepCopy();
            assertThat(c.remove("caseId").asText()).isEqualTo("mlt-example-gist-induced-oligoprogression");
            ObjectNode expected = (ObjectNode) JSON.readTree("{\"histology\": \"8936/3\", \"primaryDiagnosisDate\":"
                    + " \"2019-02-14\", \"omdDiagnosisDate\": \"2024-01-15\", \"history\": {\"polymetastatic\": true,"
                    + " \"oligometastatic\": false}, \"systemicTherapy\": {\"status\": \"ONGOING\", \"kind\":"
                    + " \"TARGETED\"}, \"ecog\": 1, \"lesions\": [{\"id\": \"L1\", \"site\": \"LIVER\", \"laterality\":"
                    + " \"MIDLINE\", \"sizeMm\": 25, \"response\": \"PROGRESSING\", \"safelyTreatable\": true},"
                    + " {\"id\": \"L2\", \"site\": \"LIVER\", \"laterality\": \"MIDLINE\", \"sizeMm\": 32, \"response\":"
                    + " \"PROGRESSING\", \"safelyTreatable\": true}]}");
            assertThat(c).isEqualTo(expected);
            assertThat(out.get("mapping")).allSatisfy(e -> assertThat(keys(e))
                    .containsExactly("severity", "status", "field", "source", "rule", "message"));
            assertThat(run.out()).startsWith("{\n  \"case\": {\n");
        }

        @Test
        @DisplayName("JSON Lines: bundles mapped, a plain case passed through with an empty mapping, errors in place")
        void mixedInputAsJsonLines() {
            String lines = oneLine(V02) + "\n" + Cli.json(text(Cli.ONE)) + "\n" + withSecondPatient(V11) + "\n"
                    + "{\"caseId\": \"bad\", \"ecog\": 9}\n";

            Cli.Run run = Cli.runWithInput(lines, "map", "--format", "jsonl", "-");

            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            List<JsonNode> out = run.jsonLines();
            assertThat(out).hasSize(4);
            assertThat(out.get(0).at("/case/lesions")).hasSize(2);
            assertThat(out.get(1).get("case").equals(NUMBERS_BY_VALUE, Cli.json(text(Cli.ONE)))).isTrue();
            assertThat(out.get(1).get("mapping")).isEmpty();
            assertThat(out.get(2).at("/errors/0/field").asText()).startsWith("Bundle.entry[");
            assertThat(out.get(3).at("/errors/0/field").asText()).isEqualTo("ecog");
            assertThat(run.err()).contains("2 of 4 record(s) not mapped");
        }

        @Test
        @DisplayName("a JSON array gives a JSON array, in input order")
        void anArrayGivesAnArray() {
            Cli.Run run = Cli.runWithInput("[" + text(V11) + ", " + text(V02) + "]", "map", "-");
            assertThat(run.code()).isZero();
            assertThat(run.json()).hasSize(2);
            assertThat(run.json().get(1).at("/case/caseId").asText()).isEqualTo("mlt-example-lms-oligorecurrence");
        }

        @Test
        @DisplayName("--as-of applies to map too, and the report says where the date came from")
        void asOfInTheReport() {
            Cli.Run run = Cli.run("map", "--as-of", "2030-01-01", "--format", "jsonl", V02.toString());
            assertThat(run.jsonLines().get(0).get("mapping").toString()).contains("2030-01-01");
        }
    }

    @Test
    @DisplayName("explain of a bundle says where each fact came from")
    void explainABundle() {
        Cli.Run run = Cli.run("explain", "--case", "mlt-example-gist-induced-oligoprogression",
                write("both.jsonl", oneLine(V02) + "\n" + oneLine(V11) + "\n").toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Explanation of case mlt-example-gist-induced-oligoprogression")
                .contains("Read from an mCODE bundle, as of 2024-01-19 (Bundle.timestamp).")
                .containsPattern("histology +8936/3 \\(ICD-O-3\\) <- Condition/gist-primary-b \\[MAP-HISTOLOGY-1]")
                .contains("Facts to record");
    }
}
