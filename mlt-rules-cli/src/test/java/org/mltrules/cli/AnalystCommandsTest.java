package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlt-rules check} and {@code mlt-rules test}: the analyst workflow on the command line. */
class AnalystCommandsTest {

    private static final String EXTRA_SCENARIOS = String.join("\n",
            "{",
            "  \"scenarios\": [",
            "    {",
            "      \"name\": \"board: same nodule, ECOG 3\",",
            "      \"base\": \"metachronous lung recurrence\",",
            "      \"change\": { \"ecog\": 3 },",
            "      \"expect\": { \"category\": \"METACHRONOUS_OLIGORECURRENCE\", \"candidacy\": \"NOT_RECOMMENDED\" }",
            "    }",
            "  ]",
            "}",
            "");

    @Test
    @DisplayName("check of the bundled rules: every scenario passes, every rule covered, exit 0")
    void checkBundledRules() {
        Cli.Run run = Cli.run("check");

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("rules: mlt-rules-bundled").contains("scenarios: ").contains("coverage: ")
                .contains("0 failed").endsWith("OK (0 error(s), 0 warning(s))\n");
    }

    @Test
    @DisplayName("check of a folder with a syntax error: file:line:column, FAILED, exit 4")
    void checkBrokenFolder(@TempDir Path dir) throws Exception {
        Path rules = RulesFolderTest.copyBundledRules(dir.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), String.join("\n",
                "package org.mltrules.rules;",
                "import org.mltrules.facts.Patient;",
                "",
                "rule \"broken\"",
                "when",
                "    Patient( ecog > 1",
                "then",
                "end",
                ""));

        Cli.Run run = Cli.run("check", "--rules", rules.toString());

        assertThat(run.code()).isEqualTo(Main.RULES_UNUSABLE);
        assertThat(run.out()).containsPattern("(?m)^broken\\.drl:7(:\\d+)?: ").contains("FAILED");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("check of a folder copied from the bundled rules passes too")
    void checkCopiedFolder(@TempDir Path dir) throws Exception {
        Path rules = RulesFolderTest.copyBundledRules(dir.resolve("rules"));

        Cli.Run run = Cli.run("check", "--rules", rules.toString());

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK (");
    }

    @Test
    @DisplayName("test runs extra scenario files based on the rule set's own: passing exits 0")
    void testPassingScenarios(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("board.json"), EXTRA_SCENARIOS);

        Cli.Run run = Cli.run("test", file.toString());

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("scenarios: 1 run, 1 passed, 0 failed");
    }

    @Test
    @DisplayName("test with a wrong expectation names the file, line, expected and actual; exit 4")
    void testFailingScenario(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("board.json"),
                EXTRA_SCENARIOS.replace("\"NOT_RECOMMENDED\"", "\"CANDIDATE\""));

        Cli.Run run = Cli.run("test", file.toString());

        assertThat(run.code()).isEqualTo(Main.RULES_UNUSABLE);
        assertThat(run.out()).contains(file + ":3:").contains("expected CANDIDATE, actual NOT_RECOMMENDED")
                .contains("FAILED");
    }

    @Test
    @DisplayName("test with a scenario file that cannot be read exits 2; without a file it is a usage error")
    void testUnreadableOrMissingFile(@TempDir Path dir) {
        Cli.Run unreadable = Cli.run("test", dir.resolve("nope.json").toString());
        assertThat(unreadable.code()).isEqualTo(Main.USAGE);
        assertThat(unreadable.out()).contains("nope.json");

        assertThat(Cli.run("test").code()).isEqualTo(Main.USAGE);
    }
}
