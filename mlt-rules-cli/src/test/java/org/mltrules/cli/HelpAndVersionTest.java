package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
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

    @Test
    @DisplayName("the subcommands' names in the table the tool builds its command line from are their own")
    void subcommandTableMatchesTheCommands() {
        Map<String, String> declared = Main.SUBCOMMANDS.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getAnnotation(picocli.CommandLine.Command.class).name()));

        assertThat(declared).allSatisfy((name, annotated) -> assertThat(annotated).isEqualTo(name));
    }

    @Test
    @DisplayName("a command line built for one subcommand has only that one; any other gets them all")
    void oneSubcommandIsBuiltWhenNamedFirst() {
        Main.Io io = new Main.Io(System.in, new java.io.ByteArrayOutputStream(), System.err, false, false);

        assertThat(Main.commandLine(io, new String[] {"assess", "x.jsonl"}).getSubcommands())
                .containsOnlyKeys("assess");
        assertThat(Main.commandLine(io, new String[] {"help", "assess"}).getSubcommands())
                .containsOnlyKeys(Main.SUBCOMMANDS.keySet());
        assertThat(Main.commandLine(io, new String[] {"asess"}).getSubcommands())
                .containsOnlyKeys(Main.SUBCOMMANDS.keySet());
        assertThat(Main.commandLine(io, new String[0]).getSubcommands()).containsOnlyKeys(Main.SUBCOMMANDS.keySet());
    }

    @Test
    @DisplayName("a misspelt command still gets the suggestion of the right one")
    void misspeltCommandGetsSuggestions() {
        Cli.Run run = Cli.run("asess", "x.jsonl");

        assertThat(run.code()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("assess");
    }
}
