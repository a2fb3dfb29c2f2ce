package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the tool prints of hostile input: keys escaped everywhere, no formula in CSV, bounded workers. */
class HostileOutputTest {
    /** A case whose unknown key holds an escape sequence that clears the screen and a line break forging a line. */
    private static final String HOSTILE_KEY = "{\"caseId\": \"k-1\", \"x\\u001b[2J\\nFAKE: all clear\": 1}\n";

    @Test
    @DisplayName("a key with an escape sequence and a newline is escaped in the text report")
    void keysAreEscapedInTheTextReport() {
        Cli.Run run = Cli.runWithInput(HOSTILE_KEY, "assess", "-");

        assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\nFAKE")
                .contains("x\\u001b[2J\\u000aFAKE: all clear");
    }

    @Test
    @DisplayName("in CSV mode, standard error names the field and the problem, escaped, never a value or the id")
    void keysAreEscapedOnStandardErrorInCsvMode() {
        Cli.Run run = Cli.runWithInput(HOSTILE_KEY + "{\"caseId\": \"PATIENT-Q\", \"ecog\": 77}\n",
                "assess", "--format", "csv", "-");

        assertThat(run.err()).doesNotContain("\u001b").doesNotContain("\nFAKE").doesNotContain("77")
                .doesNotContain("PATIENT-Q").doesNotContain("k-1")
                .contains("case #1, line 1 not assessed: x\\u001b[2J\\u000aFAKE: all clear: unknown field")
                .contains("case #2, line 2 not assessed: ecog: ");
    }

    @Test
    @DisplayName("explain escapes the key too")
    void keysAreEscapedInExplain() {
        Cli.Run run = Cli.runWithInput(HOSTILE_KEY, "explain", "-");

        assertThat(run.code()).isEqualTo(Main.CASE_ERRORS);
        assertThat(run.out()).doesNotContain("\u001b").contains("x\\u001b[2J\\u000aFAKE");
    }

    @Test
    @DisplayName("CSV cells that a spreadsheet would run as formulas get a quote in front; numbers stay numbers")
    void csvFormulaInjectionIsNeutralised() {
        // Given cases whose ids start like formulas, one lesion each
        String input = """
                {"caseId": "=HYPERLINK(\\"http://evil\\",\\"x\\")", "lesions": [{"id": "+1", "site": "LUNG"}]}
                {"caseId": "@SUM(A1)", "lesions": [{"id": "-2", "site": "LIVER"}]}
                {"caseId": "plain", "lesions": []}
                """;

        Cli.Run run = Cli.runWithInput(input, "assess", "--format", "csv", "-");

        // Then every such cell starts with a single quote, inside the usual quoting, and plain ids are unchanged
        List<String> rows = run.out().lines().toList();
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(",'+1,"));
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("'@SUM(A1),").contains(",'-2,"));
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("plain,"));
        assertThat(rows.subList(1, rows.size())).noneMatch(r -> r.matches("^[=+\\-@].*") || r.contains(",=")
                || r.contains(",+") || r.contains(",@"));
    }

    @Test
    @DisplayName("--workers beyond four per processor is a usage error, not an exhausted memory or an overflow")
    void workersAreBounded() {
        int max = 4 * Runtime.getRuntime().availableProcessors();
        for (String command : List.of("assess", "map")) {
            for (String n : List.of("2000", "67108864", String.valueOf(max + 1))) {
                Cli.Run run = Cli.run(command, "--workers", n, Cli.ONE.toString());
                assertThat(run.code()).as(command + " " + n).isEqualTo(Main.USAGE);
                assertThat(run.err()).as(command + " " + n).isEqualTo("mlt-rules: --workers must be between 1 and "
                        + max + " (4 per processor)\n");
                assertThat(run.out()).as(command + " " + n).isEmpty();
            }
        }
        assertThat(Cli.run("assess", "--workers", String.valueOf(max), "--format", "jsonl", Cli.ONE.toString())
                .code()).isZero();
    }
}
