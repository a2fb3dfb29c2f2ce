package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HelpAndVersionTest {

    @ParameterizedTest(name = "mlt-rules {0} --help")
    @ValueSource(strings = {"assess", "explain", "generate", "check", "test"})
    @DisplayName("every command has help with examples, exit 0")
    void everyCommandHasHelp(String command) {
        Cli.Run run = Cli.run(command, "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: mlt-rules " + command).contains("Examples:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    @DisplayName("the top-level help lists the commands and the exit codes")
    void topLevelHelp() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("assess", "explain", "generate", "check", "test", "Exit status",
                "Decision support only");
    }

    @Test
    @DisplayName("assess --help documents the formats and the exit codes of the contract")
    void assessHelpDocumentsTheContract() {
        String help = Cli.run("assess", "--help").out();

        assertThat(help).contains("text", "json", "jsonl", "csv", "--rules", "FILE|-")
                .contains("0 every case assessed").contains("4 rules unusable");
    }

    @Test
    @DisplayName("--version names the tool and the bundled rule set with its fingerprint")
    void version() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("mlt-rules ")
                .containsPattern("bundled rules: mlt-rules-bundled \\S+ \\(sha256:[0-9a-f]{64}\\)");
    }

    @Test
    @DisplayName("'help assess' is the same as 'assess --help'")
    void helpSubcommand() {
        assertThat(Cli.run("help", "assess").out()).isEqualTo(Cli.run("assess", "--help").out());
    }
}
