package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Category;

class AssessCommandTest {

    @Nested
    @DisplayName("the demo cases")
    class DemoCases {
        @Test
        @DisplayName("each demo case gets its category, and together they cover every category")
        void everyDemoCaseGetsItsCategory() {
            // Given the bundled demo cases
            // When they are assessed as JSON Lines
            Cli.Run run = Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString());

            // Then every case is assessed, with the category its vignette describes
            assertThat(run.code()).isZero();
            assertThat(run.err()).isEmpty();
            Map<String, String> categories = new LinkedHashMap<>();
            for (JsonNode a : run.jsonLines()) {
                categories.put(a.get("caseId").asText(), a.at("/classification/category").asText());
            }
            assertThat(categories).containsExactly(
                    entry("demo-01", "SYNCHRONOUS_OMD"),
                    entry("demo-02", "METACHRONOUS_OLIGORECURRENCE"),
                    entry("demo-03", "METACHRONOUS_OLIGOPROGRESSION"),
                    entry("demo-04", "REPEAT_OLIGORECURRENCE"),
                    entry("demo-05", "REPEAT_OLIGOPROGRESSION"),
                    entry("demo-06", "REPEAT_OLIGOPERSISTENCE"),
                    entry("demo-07", "INDUCED_OLIGORECURRENCE"),
                    entry("demo-08", "INDUCED_OLIGOPROGRESSION"),
                    entry("demo-09", "INDUCED_OLIGOPERSISTENCE"),
                    entry("demo-10", "NOT_OLIGOMETASTATIC"),
                    entry("demo-11", "NOT_OLIGOMETASTATIC"),
                    entry("demo-12", "NO_DISTANT_METASTASIS"),
                    entry("demo-13", "INDETERMINATE"),
                    entry("demo-14", "INDETERMINATE"));
            Set<String> all = Arrays.stream(Category.values()).map(Enum::name).collect(Collectors.toSet());
            assertThat(Set.copyOf(categories.values())).isEqualTo(all);
        }

        @Test
        @DisplayName("the indeterminate demo cases name exactly the facts they lack")
        void indeterminateCasesNameTheirMissingFacts() {
            // Given the demo cases with an unknown history and with no prior imaging
            // When assessed
            List<JsonNode> out = Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString()).jsonLines();

            // Then each names the unknown fact that stopped its path
            assertThat(byId(out, "demo-13").at("/classification/missing").toString())
                    .isEqualTo("[\"history.polymetastatic\"]");
            assertThat(byId(out, "demo-14").at("/classification/missing").toString())
                    .isEqualTo("[\"lesions[].response\"]");
            assertThat(byId(out, "demo-10").at("/classification/reasons").toString()).contains("TOO_MANY_LESIONS");
            assertThat(byId(out, "demo-11").at("/classification/reasons").toString()).contains("UNTREATABLE_SITE");
        }
        @Test
        @DisplayName("the demo cases show every candidacy level and the board's flags")
        void candidacyLevelsAndFlags() {
            // When the demo cases are assessed
            List<JsonNode> out = Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString()).jsonLines();

            // Then not oligometastatic and no distant metastasis are not recommended; the rest are discussed or
            // candidates, with the flags their histology and category call for
            for (String id : List.of("demo-10", "demo-11", "demo-12")) {
                assertThat(byId(out, id).at("/candidacy/level").asText()).as(id).isEqualTo("NOT_RECOMMENDED");
            }
            assertThat(byId(out, "demo-02").at("/candidacy/level").asText()).isEqualTo("CANDIDATE");
            assertThat(byId(out, "demo-05").at("/candidacy/flags").toString()).contains("OLIGOPROGRESSION");
            assertThat(byId(out, "demo-06").at("/candidacy/flags").toString()).contains("STAGING_MRI");
            assertThat(byId(out, "demo-14").at("/candidacy/flags").toString())
                    .contains("HISTOLOGY_PROTOCOL", "INDETERMINATE_CLASSIFICATION");
            assertThat(out.stream().map(a -> a.at("/candidacy/level").asText()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("CANDIDATE", "DISCUSS", "NOT_RECOMMENDED");
        }
    }

    @Nested
    @DisplayName("a batch with bad cases")
    class BadCases {
        @Test
        @DisplayName("a malformed line and an invalid case yield error records in place; the rest is assessed; exit 3")
        void badLinesDoNotStopTheBatch() {
            // Given demo-bad.jsonl: good, malformed, good, invalid, blank line, good
            // When assessed as JSON Lines
            Cli.Run run = Cli.run("assess", "--format", "jsonl", Cli.DEMO_BAD.toString());

            // Then there are five records in input order, the two bad ones at their index and line
            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            List<JsonNode> records = run.jsonLines();
            assertThat(records).hasSize(5);
            assertThat(records.get(0).get("caseId").asText()).isEqualTo("demo-01");
            assertThat(records.get(0).has("classification")).isTrue();

            JsonNode malformed = records.get(1);
            assertThat(malformed.get("index").asLong()).isEqualTo(1);
            assertThat(malformed.get("line").asLong()).isEqualTo(2);
            assertThat(malformed.get("errors").get(0).get("message").asText()).contains("malformed JSON");
            assertThat(malformed.get("errors").get(0).get("rule").isNull()).isTrue();

            assertThat(records.get(2).get("caseId").asText()).isEqualTo("demo-02");
            assertThat(records.get(2).has("classification")).isTrue();

            JsonNode invalid = records.get(3);
            assertThat(invalid.get("index").asLong()).isEqualTo(3);
            assertThat(invalid.get("line").asLong()).isEqualTo(4);
            assertThat(invalid.get("caseId").asText()).isEqualTo("demo-bad-04");
            List<String> fields = invalid.get("errors").findValuesAsText("field");
            assertThat(fields).contains("histology", "ecog", "smoker", "lesions[0].sizeMm", "lesions[1].site");

            // the blank line 5 is skipped: the last case is index 4, line 6
            assertThat(records.get(4).get("caseId").asText()).isEqualTo("demo-12");
            assertThat(records.get(4).has("classification")).isTrue();
            assertThat(run.err()).contains("2 of 5 case(s) not assessed").doesNotContain("Exception");
        }

        @Test
        @DisplayName("in the text report a bad case is a readable block naming its line and every problem")
        void textReportShowsErrorBlocks() {
            // When the bad batch is assessed with the default format
            Cli.Run run = Cli.run("assess", Cli.DEMO_BAD.toString());

            // Then the report has the good cases and readable error blocks in their place
            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            assertThat(run.out()).contains("Case demo-01", "Case demo-02", "Case demo-12")
                    .contains("NOT ASSESSED (case #2, line 2)")
                    .contains("Case demo-bad-04: NOT ASSESSED (case #4, line 4)")
                    .contains("lesions[0].sizeMm = -4")
                    .contains("Summary: 5 case(s), 3 assessed, 2 not assessed");
            assertThat(run.out().indexOf("Case demo-01")).isLessThan(run.out().indexOf("case #2, line 2"));
        }

        @Test
        @DisplayName("a single invalid object exits 3 with one error record and no line number")
        void singleInvalidObject() {
            // Given one pretty-printed case with an impossible ECOG
            String input = "{\n  \"caseId\": \"x-1\",\n  \"ecog\": 7\n}\n";

            // When assessed from standard input as JSON
            Cli.Run run = Cli.runWithInput(input, "assess", "--format", "json", "-");

            // Then the output is one error record
            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            JsonNode record = run.json();
            assertThat(record.get("caseId").asText()).isEqualTo("x-1");
            assertThat(record.get("line").isNull()).isTrue();
            assertThat(record.at("/errors/0/field").asText()).isEqualTo("ecog");
        }
    }

    @Nested
    @DisplayName("input and usage errors")
    class UsageErrors {
        @Test
        @DisplayName("a file that does not exist exits 2 with a one-line message, no stack trace")
        void missingFileExits2() {
            Cli.Run run = Cli.run("assess", "no/such/file.jsonl");

            assertThat(run.code()).isEqualTo(Main.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("cannot read no/such/file.jsonl: no such file")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        @DisplayName("a folder given as input exits 2")
        void folderAsInputExits2(@TempDir Path dir) {
            Cli.Run run = Cli.run("assess", dir.toString());

            assertThat(run.code()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("it is a folder");
        }

        @Test
        @DisplayName("an unreadable file exits 2")
        void unreadableFileExits2(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("secret.jsonl"), "{}");
            boolean denied = file.toFile().setReadable(false, false) && !Files.isReadable(file);

            Cli.Run run = Cli.run("assess", file.toString());

            if (denied) {
                assertThat(run.code()).isEqualTo(Main.USAGE);
                assertThat(run.err()).contains("permission denied");
            } else {
                // running as root: the file stays readable, and "{}" is a case without caseId
                assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            }
        }

        @Test
        @DisplayName("no input argument, an unknown option or an unknown format exit 2 with a hint")
        void usageErrorsExit2() {
            assertThat(Cli.run("assess").code()).isEqualTo(Main.USAGE);
            Cli.Run unknownOption = Cli.run("assess", "--fromat", "csv", Cli.ONE.toString());
            assertThat(unknownOption.code()).isEqualTo(Main.USAGE);
            assertThat(unknownOption.err()).contains("Unknown option", "--fromat", "mlt-rules assess --help");
            Cli.Run badFormat = Cli.run("assess", "--format", "xml", Cli.ONE.toString());
            assertThat(badFormat.code()).isEqualTo(Main.USAGE);
            assertThat(badFormat.err()).contains("xml");
            assertThat(Cli.run("frobnicate").code()).isEqualTo(Main.USAGE);
            assertThat(Cli.run("assess", "--workers", "0", Cli.ONE.toString()).code()).isEqualTo(Main.USAGE);
            assertThat(Cli.run().code()).isEqualTo(Main.USAGE);
        }

        @Test
        @DisplayName("an empty input is an empty batch: exit 0, an empty JSON array")
        void emptyInput() {
            Cli.Run run = Cli.runWithInput("", "assess", "--format", "json", "-");

            assertThat(run.code()).isZero();
            assertThat(run.json().isArray()).isTrue();
            assertThat(run.json()).isEmpty();
        }
    }

    @Nested
    @DisplayName("output formats")
    class Formats {
        @Test
        @DisplayName("json: one object for an object input")
        void jsonForOneObject() {
            Cli.Run run = Cli.run("assess", "--format", "json", Cli.ONE.toString());

            assertThat(run.code()).isZero();
            JsonNode a = run.json();
            assertThat(a.isObject()).isTrue();
            assertThat(a.get("caseId").asText()).isEqualTo("demo-02");
            assertThat(a.at("/classification/category").asText()).isEqualTo("METACHRONOUS_OLIGORECURRENCE");
            assertThat(a.at("/rules/fingerprint").asText()).startsWith("sha256:");
            assertThat(a.get("disclaimer").asText()).contains("multidisciplinary sarcoma board");
        }

        @Test
        @DisplayName("json: an array, in input order, for a JSON Lines or array input")
        void jsonForManyCases() throws IOException {
            Cli.Run fromLines = Cli.run("assess", "--format", "json", Cli.DEMO.toString());
            String array = "[" + String.join(",", Files.readAllLines(Cli.DEMO, StandardCharsets.UTF_8)) + "]";
            Cli.Run fromArray = Cli.runWithInput(array, "assess", "--format", "json", "-");

            assertThat(fromLines.code()).isZero();
            assertThat(fromLines.json().isArray()).isTrue();
            assertThat(fromLines.json()).hasSize(14);
            assertThat(fromLines.json().get(0).get("caseId").asText()).isEqualTo("demo-01");
            assertThat(fromLines.json().get(13).get("caseId").asText()).isEqualTo("demo-14");
            assertThat(fromArray.code()).isZero();
            assertThat(fromArray.json()).isEqualTo(fromLines.json());
        }

        @Test
        @DisplayName("jsonl: one compact assessment per line, equal to the json format's")
        void jsonLinesMatchJson() {
            Cli.Run lines = Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString());
            Cli.Run json = Cli.run("assess", "--format", "json", Cli.DEMO.toString());

            assertThat(lines.out().split("\n")).hasSize(14);
            assertThat(lines.jsonLines()).containsExactlyElementsOf(json.json());
        }

        @Test
        @DisplayName("csv: a header, then one row per lesion and technique, every technique once per lesion")
        void csvRows() {
            Cli.Run run = Cli.run("assess", "--format", "csv", Cli.DEMO.toString());

            assertThat(run.code()).isZero();
            String[] rows = run.out().split("\n");
            assertThat(rows[0]).isEqualTo("caseId,category,candidacy,lesionId,technique,status,rank,score,rules");
            for (String row : rows) {
                assertThat(row.split(",", -1)).as(row).hasSize(9);
            }
            List<String> demo02 = Arrays.stream(rows).filter(r -> r.startsWith("demo-02,")).toList();
            assertThat(demo02).hasSize(5);
            assertThat(demo02).allMatch(r -> r.startsWith("demo-02,METACHRONOUS_OLIGORECURRENCE,"));
            assertThat(demo02.stream().map(r -> r.split(",", -1)[4]).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("SABR", "MWA", "RFA", "CRYOABLATION", "SURGERY");
            assertThat(demo02.stream().map(r -> r.split(",", -1)[5]))
                    .allMatch(s -> s.equals("RANKED") || s.equals("EXCLUDED"));
            // 7 lesions of demo-10 x 5 techniques
            assertThat(Arrays.stream(rows).filter(r -> r.startsWith("demo-10,"))).hasSize(35);
        }

        @Test
        @DisplayName("csv: ranked rows carry rank and score; errors are ERROR rows with the details on stderr")
        void csvRanksAndErrors() {
            Cli.Run run = Cli.run("assess", "--format", "csv", Cli.DEMO_BAD.toString());

            assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
            List<String[]> rows = Arrays.stream(run.out().split("\n")).skip(1).map(r -> r.split(",", -1)).toList();
            for (String[] r : rows) {
                if (r[5].equals("RANKED")) {
                    assertThat(Integer.parseInt(r[6])).isBetween(1, 5);
                    Integer.parseInt(r[7]);
                } else if (r[5].equals("EXCLUDED")) {
                    assertThat(r[6]).isEmpty();
                    assertThat(r[8]).isNotEmpty();
                }
            }
            assertThat(rows.stream().filter(r -> r[5].equals("ERROR")).map(r -> r[0]).toList())
                    .containsExactly("demo-bad-02", "demo-bad-04");
            assertThat(run.err()).containsPattern("case #2, line 2 not assessed: .*malformed JSON")
                    .contains("case #4, line 4 not assessed:").contains("lesions[0].sizeMm");
        }

        @Test
        @DisplayName("text: the tumour-board report with category, path, ranking, candidacy, rules and disclaimer")
        void textReport() {
            Cli.Run run = Cli.run("assess", Cli.ONE.toString());

            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("Case demo-02")
                    .contains("Category   METACHRONOUS_OLIGORECURRENCE")
                    .contains("Why this category")
                    .contains("Q3  more than 6 months after the primary?")
                    .contains("primaryDiagnosisDate = 2019-03-12; omdDiagnosisDate = 2023-05-02")
                    .contains("Conventions applied: K1 synchronousWindowMonths = 6")
                    .contains("Lesion L1")
                    .contains("1. ")
                    .contains("Candidacy for local therapy:")
                    .contains("Rules: mlt-rules-bundled")
                    .endsWith("Decision support only: discuss in a multidisciplinary sarcoma board.\n\n");
            assertThat(run.out()).doesNotContain("Summary:");
        }

        @Test
        @DisplayName("'-' reads standard input, whatever the layout")
        void stdin() throws IOException {
            String lines = Files.readString(Cli.DEMO, StandardCharsets.UTF_8);

            Cli.Run run = Cli.runWithInput(lines, "assess", "--format", "jsonl", "-");

            assertThat(run.code()).isZero();
            assertThat(run.jsonLines()).hasSize(14);
            assertThat(run.jsonLines()).containsExactlyElementsOf(
                    Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString()).jsonLines());
        }
    }

    @Nested
    @DisplayName("output that cannot be written")
    class OutputFailures {
        private int runInto(OutputStream out, ByteArrayOutputStream err) {
            return Main.run(new String[] {"assess", "--format", "jsonl", Cli.DEMO.toString()},
                    new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        @Test
        @DisplayName("a reader that went away (broken pipe) ends the run quietly with status 1")
        void brokenPipeIsQuiet() {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = runInto(failing("Broken pipe"), err);

            assertThat(code).isEqualTo(Main.INTERNAL_ERROR);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }

        @Test
        @DisplayName("any other write failure (a full disk) is reported in one line, status 1")
        void diskFullIsReported() {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = runInto(failing("No space left on device"), err);

            assertThat(code).isEqualTo(Main.INTERNAL_ERROR);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("mlt-rules: cannot write the output: No space left on device\n");
        }

        private OutputStream failing(String message) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException(message);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException(message);
                }
            };
        }
    }

    @Test
    @DisplayName("the output order is the input order and does not depend on the number of workers")
    void orderIndependentOfWorkers(@TempDir Path dir) throws IOException {
        // Given a generated cohort of 300 cases
        Path cohort = dir.resolve("cohort.jsonl");
        assertThat(Cli.run("generate", "--count", "300", "--seed", "42", "--output", cohort.toString()).code())
                .isZero();

        // When assessed with one and with four workers
        Cli.Run one = Cli.run("assess", "--format", "jsonl", "--workers", "1", cohort.toString());
        Cli.Run four = Cli.run("assess", "--format", "jsonl", "--workers", "4", cohort.toString());

        // Then the outputs are identical, in input order
        assertThat(four.out()).isEqualTo(one.out());
        List<JsonNode> records = one.jsonLines();
        assertThat(records).hasSize(300);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("caseId").asText()).isEqualTo("syn-42-" + (i + 1));
        }
    }

    @Test
    @DisplayName("a generated cohort covers every category")
    void generatedCohortCoversEveryCategory() {
        // Given 3,000 generated cases piped into assess
        Cli.Run gen = Cli.run("generate", "--count", "3000", "--seed", "2024");
        Cli.Run run = Cli.runWithInput(gen.out(), "assess", "--format", "jsonl", "-");

        // Then every one is assessed, and every category occurs
        assertThat(run.code()).isZero();
        Set<Category> seen = EnumSet.noneOf(Category.class);
        for (JsonNode a : run.jsonLines()) {
            seen.add(Category.valueOf(a.at("/classification/category").asText()));
        }
        assertThat(seen).containsExactlyInAnyOrder(Category.values());
    }

    private static JsonNode byId(List<JsonNode> records, String caseId) {
        return records.stream().filter(r -> r.get("caseId").asText().equals(caseId)).findFirst().orElseThrow();
    }
}
