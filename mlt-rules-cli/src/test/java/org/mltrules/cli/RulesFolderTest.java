package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;

/** {@code --rules DIR}: an analyst's rule folder. */
class RulesFolderTest {
    private static final String BUNDLED = "org/mltrules/rules/";

    /** Copies the bundled rule set (from the mlt-rules-drl jar or classes folder) into a folder, flat. */
    static Path copyBundledRules(Path dir) throws IOException, URISyntaxException {
        URL descriptor = MltRules.class.getClassLoader().getResource(BUNDLED + "ruleset.properties");
        assertThat(descriptor).as("the bundled rules are on the test class path").isNotNull();
        URI uri = descriptor.toURI();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(fs.getPath("/" + BUNDLED), dir);
            }
        } else {
            copyTree(Path.of(uri).getParent(), dir);
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                if (!Files.isRegularFile(p) || !(name.endsWith(".drl") || name.endsWith(".json")
                        || name.equals("ruleset.properties") || name.equals("references.properties"))) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
    }

    @Test
    @DisplayName("a copy of the bundled rules in a folder assesses the same, with the same fingerprint")
    void folderWithTheBundledRules(@TempDir Path dir) throws Exception {
        // Given the bundled rule files copied into a folder
        Path rules = copyBundledRules(dir.resolve("rules"));

        // When the demo cases are assessed with the folder and with the bundled rules
        Cli.Run fromFolder = Cli.run("assess", "--format", "jsonl", "--rules", rules.toString(), Cli.DEMO.toString());
        Cli.Run bundled = Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString());

        // Then the assessments are identical, fingerprint included
        assertThat(fromFolder.code()).isZero();
        assertThat(fromFolder.jsonLines()).containsExactlyElementsOf(bundled.jsonLines());
    }

    @Test
    @DisplayName("a folder with a DRL syntax error exits 4, prints file:line, and writes no assessment")
    void brokenFolderExits4(@TempDir Path dir) throws Exception {
        // Given the bundled rules plus a file whose rule misses a closing parenthesis
        Path rules = copyBundledRules(dir.resolve("rules"));
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

        // When cases are assessed with it
        Cli.Run run = Cli.run("assess", "--rules", rules.toString(), Cli.DEMO.toString());

        // Then nothing is assessed and each problem is printed as file:line[:column]: message
        assertThat(run.code()).isEqualTo(Main.RULES_UNUSABLE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(
                rules.resolve("broken.drl").toString()) + ":\\d+(:\\d+)?: ");
        assertThat(run.err()).contains("unusable").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a folder that does not exist is unusable rules: exit 4, naming it")
    void missingFolderExits4(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");

        Cli.Run run = Cli.run("assess", "--rules", missing.toString(), Cli.ONE.toString());

        assertThat(run.code()).isEqualTo(Main.RULES_UNUSABLE);
        assertThat(run.err()).contains(missing.toString());
        assertThat(run.out()).isEmpty();
    }

    @Test
    @DisplayName("a rule that fails for one case yields an error record naming the rule; the batch goes on; exit 3")
    void failingRuleYieldsRecordWithRule(@TempDir Path dir) throws Exception {
        // Given the bundled rules plus a rule whose action throws for patients with ECOG 2
        Path rules = copyBundledRules(dir.resolve("rules"));
        Files.writeString(rules.resolve("failing.drl"), String.join("\n",
                "package org.mltrules.rules;",
                "import org.mltrules.facts.Patient;",
                "",
                "rule \"Z9 fails on purpose\"",
                "    @id(\"Z9\") @tier(\"E\") @evidence(\"expert-convention\")",
                "when",
                "    Patient( ecog == 2 )",
                "then",
                "    throw new IllegalStateException(\"deliberate failure\");",
                "end",
                ""));

        // When the demo cases are assessed (demo-08 and demo-11 have ECOG 2)
        Cli.Run run = Cli.run("assess", "--format", "jsonl", "--rules", rules.toString(), Cli.DEMO.toString());

        // Then those two get error records with the rule set, in place; the others are assessed
        assertThat(run.code()).as(run.err()).isEqualTo(Main.CASE_ERRORS);
        List<JsonNode> records = run.jsonLines();
        assertThat(records).hasSize(14);
        for (JsonNode r : records) {
            String id = r.get("caseId").asText();
            if (id.equals("demo-08") || id.equals("demo-11")) {
                assertThat(r.has("errors")).as(id).isTrue();
                assertThat(r.at("/errors/0/rule").asText()).contains("Z9");
                // the exception's type, never its message: a message may carry case content
                assertThat(r.at("/errors/0/message").asText()).contains("Z9", "IllegalStateException")
                        .doesNotContain("deliberate failure");
            } else {
                assertThat(r.has("classification")).as(id).isTrue();
            }
        }
        assertThat(records.get(7).get("index").asLong()).isEqualTo(7);
        assertThat(records.get(7).get("line").asLong()).isEqualTo(8);
    }
}
