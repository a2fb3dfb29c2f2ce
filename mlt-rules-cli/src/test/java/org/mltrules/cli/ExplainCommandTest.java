package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

    @Test
    @DisplayName("explain shows the facts as read, every path step, conventions, fired rules and the full report")
    void explainsOneCase() {
        Cli.Run run = Cli.run("explain", Cli.ONE.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Explanation of case demo-02")
                .contains("1. Facts as read")
                .contains("histology                      8890/3")
                .contains("[0] L1: LUNG, laterality RIGHT, size 15 mm, response NEW")
                .contains("2. Classification: METACHRONOUS_OLIGORECURRENCE")
                .contains("Q4  during active systemic therapy?")
                .contains("answer NO, because systemicTherapy.status = NONE")
                .contains("K1 synchronousWindowMonths = 6: Q3 counts calendar months")
                .contains("Conventions in force: synchronousWindowMonths=6, activeTherapyWindowDays=30")
                .contains("3. Fired rules")
                .contains("Q3     path step Q3 = YES")
                .contains("4. Full report")
                .contains("Decision support only");
    }

    @Test
    @DisplayName("--case picks a case from a batch; unknown facts are named as unknown")
    void picksACaseById() {
        Cli.Run run = Cli.run("explain", "--case", "demo-13", Cli.DEMO.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Explanation of case demo-13")
                .contains("history.polymetastatic         unknown")
                .contains("2. Classification: INDETERMINATE")
                .contains("Missing facts: history.polymetastatic");
        assertThat(run.err()).isEmpty();
    }

    @Test
    @DisplayName("without --case, a batch explains its first case and says so on stderr")
    void firstCaseOfABatch() {
        Cli.Run run = Cli.run("explain", Cli.DEMO.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Explanation of case demo-01");
        assertThat(run.err()).contains("--case ID");
    }

    @Test
    @DisplayName("an unknown case id exits 2; a rejected case exits 3 with its problems")
    void errors() {
        Cli.Run missing = Cli.run("explain", "--case", "nobody", Cli.DEMO.toString());
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("no case with caseId nobody");

        Cli.Run rejected = Cli.run("explain", "--case", "demo-bad-04", Cli.DEMO_BAD.toString());
        assertThat(rejected.code()).isEqualTo(Main.CASE_ERRORS);
        assertThat(rejected.out()).contains("NOT ASSESSED").contains("ecog = 5");
    }
}
