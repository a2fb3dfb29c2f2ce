package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReportTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "demo-02|demo-02",
        "F1;F2;F3|F1;F2;F3",
        "board 17, Lyon|\"board 17, Lyon\"",
        "say \"hi\"|\"say \"\"hi\"\"\"",
        "' padded'|'\" padded\"'"
    })
    @DisplayName("fields are quoted only when they must be, with quotes doubled")
    void quoting(String value, String expected) {
        assertThat(CsvReport.field(value)).isEqualTo(expected);
    }

    @Test
    @DisplayName("line breaks are quoted, so that a row stays one row")
    void lineBreaks() {
        assertThat(CsvReport.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvReport.field("a\rb")).isEqualTo("\"a\rb\"");
    }

    @Test
    @DisplayName("a case id with a comma is quoted in every row of its case")
    void caseIdWithComma() {
        String input = "{\"caseId\": \"Lyon, board 17\", \"lesions\": [{\"id\": \"L1\", \"site\": \"LUNG\"}]}\n";

        Cli.Run run = Cli.runWithInput(input, "assess", "--format", "csv", "-");

        assertThat(run.code()).isZero();
        String[] rows = run.out().split("\n");
        assertThat(rows).hasSize(6);
        for (int i = 1; i < rows.length; i++) {
            assertThat(rows[i]).startsWith("\"Lyon, board 17\",INDETERMINATE,");
        }
    }
}
