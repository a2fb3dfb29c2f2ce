package org.mltrules.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Category;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/** A rule set shipped as its files' contents (e.g. to a Spark executor) is the rule set of the folder they came from. */
class InMemoryRuleSetTest {
    private static final String DRL = """
            package tiny;
            import org.mltrules.Category;
            import org.mltrules.Step;
            import org.mltrules.facts.Path;
            rule "T1 everything is indeterminate"
                @id("T1") @tier("E") @evidence("test")
            when
                $path : Path( at == Step.P1 )
            then
                modify( $path ) { setCategory( Category.INDETERMINATE ), setAt( Path.DONE ) }
            end
            """;

    @TempDir
    Path dir;

    private void writeFolder() throws IOException {
        Files.writeString(dir.resolve("ruleset.properties"), "name=tiny\nversion=1\nconventions.maxLesions=3\n");
        Files.writeString(dir.resolve("tiny.drl"), DRL.replace("\n", "\r\n"));
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/none.json"), "[]");
    }

    @Test
    @DisplayName("the files of a folder, read elsewhere and built from memory, give the folder's rule set and fingerprint")
    void contentsGiveTheFolderFingerprint() throws IOException {
        // Given a rule folder, and its files read into memory as a driver would ship them
        writeFolder();
        Map<String, byte[]> files = RuleFolder.read(dir);

        // When both are built
        MltRules fromFolder = MltRules.builder().rulesFrom(dir).build();
        MltRules fromMemory = MltRules.builder().rulesFrom(files).build();

        // Then they are one rule set, with the descriptor's conventions, and assess alike
        assertThat(fromMemory.ruleSet()).isEqualTo(fromFolder.ruleSet());
        assertThat(fromMemory.conventions().maxLesions()).isEqualTo(3);
        assertThat(fromMemory.scenarioFiles()).containsOnlyKeys("scenarios/none.json");
        assertThat(fromMemory.sourceFiles()).containsOnlyKeys(files.keySet());
        PatientCase c = PatientCase.builder("c").build();
        assertThat(fromMemory.assess(c)).isEqualTo(fromFolder.assess(c));
        assertThat(fromMemory.assess(c).category()).isEqualTo(Category.INDETERMINATE);
    }

    @Test
    @DisplayName("the contents are copied: changing the map afterwards changes nothing")
    void contentsAreCopied() throws IOException {
        writeFolder();
        Map<String, byte[]> files = new LinkedHashMap<>(RuleFolder.read(dir));
        MltRules.Builder builder = MltRules.builder().rulesFrom(files);
        String before = builder.build().ruleSet().fingerprint();
        files.get("tiny.drl")[0] = 'X';
        files.put("extra.drl", "package broken".getBytes(StandardCharsets.UTF_8));
        assertThat(builder.build().ruleSet().fingerprint()).isEqualTo(before);
    }

    @Test
    @DisplayName("contents with a path that is not a rule-set file, or leads outside the folder, are refused, naming each")
    void foreignPathsAreRefused() {
        Map<String, byte[]> files = Map.of(
                "ruleset.properties", "name=x\nversion=1\n".getBytes(StandardCharsets.UTF_8),
                "a.drl", DRL.getBytes(StandardCharsets.UTF_8),
                "../outside.drl", DRL.getBytes(StandardCharsets.UTF_8),
                "/etc/abs.drl", DRL.getBytes(StandardCharsets.UTF_8),
                "lib/helper.jar", new byte[] {1});
        assertThatThrownBy(() -> MltRules.builder().rulesFrom(files).build())
                .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::file)
                        .containsExactlyInAnyOrder("../outside.drl", "/etc/abs.drl", "lib/helper.jar"));
    }

    @Test
    @DisplayName("broken contents are refused with the positions in the analyst's file")
    void brokenContentsNameTheirPosition() {
        Map<String, byte[]> files = Map.of(
                "ruleset.properties", "name=x\nversion=1\n".getBytes(StandardCharsets.UTF_8),
                "rules/broken.drl", DRL.replace("then\n", "").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> MltRules.builder().rulesFrom(files).build())
                .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo("rules/broken.drl");
                            assertThat(p.line()).isPositive();
                        }));
    }

    @Test
    @DisplayName("references.properties: @evidence names a key, the rules carry its full citation, a corrected"
            + " citation changes the fingerprint")
    void citationsComeFromTheReferencesFileWhichTheFingerprintCovers() throws IOException {
        // Given a rule citing a key, and the references file with that key's full citation
        writeFolder();
        Files.writeString(dir.resolve("tiny.drl"), DRL.replace("@evidence(\"test\")", "@evidence(\"roth1985\")"));
        Files.writeString(dir.resolve("references.properties"),
                "roth1985 = Putnam JB, Cancer 1985;55:1361\n");
        MltRules wrong = MltRules.builder().rulesFrom(dir).build();

        // When the citation is corrected in the references file only
        Files.writeString(dir.resolve("references.properties"),
                "roth1985 = Roth JA, Putnam JB, Wesley MN, Rosenberg SA. Cancer 1985;55(6):1361-1366\n");
        MltRules corrected = MltRules.builder().rulesFrom(dir).build();

        // Then the rule carries the full citation of its key, and the rule set is another one
        assertThat(wrong.rules().get("T1 everything is indeterminate").evidence()).isEqualTo("Putnam JB, Cancer 1985;55:1361");
        assertThat(corrected.rules().get("T1 everything is indeterminate").evidence()).startsWith("Roth JA, Putnam JB");
        assertThat(corrected.references()).containsOnlyKeys("roth1985");
        assertThat(corrected.ruleSet().fingerprint()).isNotEqualTo(wrong.ruleSet().fingerprint());
    }
}
