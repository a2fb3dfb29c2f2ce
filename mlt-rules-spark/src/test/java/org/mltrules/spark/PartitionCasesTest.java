package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;
import scala.Tuple2;

/** The rows of one partition read through one command-line reader: order, indexes and odd rows. */
class PartitionCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MltRules RULES = MltRules.bundled();

    private static List<Row> assess(List<String> rows, long firstIndex) {
        List<Tuple2<String, Long>> indexed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            indexed.add(new Tuple2<>(rows.get(i), firstIndex + i));
        }
        List<Row> out = new ArrayList<>();
        new PartitionCases(RULES, indexed.iterator()).forEachRemaining(out::add);
        return out;
    }

    @Test
    @DisplayName("a pretty-printed case between lines is read as one document, in its place, and the lines after "
            + "it are read as before")
    void prettyPrintedRowInThePartition() throws IOException {
        List<String> demo = EngineOncePerJvmTest.demoCases().subList(0, 4);
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(demo.get(1)));
        List<String> rows = List.of(demo.get(0), pretty, "{\"caseId\":\"bad\",\"ecog\":", demo.get(2), pretty
                .replace("\"caseId\"", "\"caseId\" :").replace("}\n", "},\n"), demo.get(3));

        List<Row> out = assess(rows, 40);

        assertThat(out).hasSize(6);
        assertThat(out).extracting(r -> r.getString(0)).containsExactly(JSON.readTree(demo.get(0)).get("caseId")
                .asText(), JSON.readTree(demo.get(1)).get("caseId").asText(), "bad", JSON.readTree(demo.get(2))
                .get("caseId").asText(), null, JSON.readTree(demo.get(3)).get("caseId").asText());
        assertThat(out.get(1).getString(3)).isEqualTo(CaseRows.render(RULES.assess(
                org.mltrules.json.CaseJson.read(demo.get(1)))));
        assertThat(JSON.readTree(out.get(2).getString(4)).get("index").asLong()).isEqualTo(42);
        assertThat(JSON.readTree(out.get(4).getString(4)).get("index").asLong()).isEqualTo(44);
        assertThat(out.get(4).getString(4)).contains("line ");   // a document's messages give lines in the row
    }

    @Test
    @DisplayName("rows read in one stream are the command line's records for the same lines, except line numbers")
    void sameRecordsAsTheCommandLine(@TempDir Path dir) throws IOException {
        List<String> rows = new ArrayList<>(EngineOncePerJvmTest.demoCases().subList(0, 3));
        rows.addAll(1, SameAsCommandLineTest.BAD_LINES);
        rows.set(0, "\uFEFF" + rows.get(0));
        Path file = dir.resolve("rows.jsonl");
        Files.write(file, rows, StandardCharsets.UTF_8);

        SameAsCommandLineTest.assertSameAsCommandLine(assess(rows, 0), CommandLine.assessJsonLines(file, null));
    }

    @Test
    @DisplayName("a row that is only a byte order mark is blank, like an empty line")
    void byteOrderMarkAloneIsBlank() {
        assertThat(CaseRows.isBlank("\uFEFF")).isTrue();
        assertThat(CaseRows.isBlank("\uFEFF \t\r")).isTrue();
        assertThat(CaseRows.isBlank(null)).isTrue();
        assertThat(CaseRows.isBlank("\uFEFF{}")).isFalse();
        assertThat(CaseRows.isBlank("\u00a0")).isFalse();
    }
}
