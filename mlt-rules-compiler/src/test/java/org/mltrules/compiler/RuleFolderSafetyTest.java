package org.mltrules.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/** Rules are code: a rule folder may hold only rule-set files, and nothing that leads outside it. */
class RuleFolderSafetyTest {
    @TempDir
    Path dir;

    void minimalRuleSet() throws IOException {
        Files.writeString(dir.resolve("ruleset.properties"), "name=t\nversion=1\n");
        Files.writeString(dir.resolve("a.drl"), "package t;\n");
    }

    @Test
    void aFolderWithOnlyRuleSetFilesIsRead() throws IOException {
        minimalRuleSet();
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/one.json"), "[]");
        assertThat(RuleFolder.read(dir)).containsOnlyKeys("a.drl", "ruleset.properties",
                "scenarios/one.json");
    }

    @Test
    void aFolderHoldingAnythingElseIsRefusedNamingTheFile() throws IOException {
        minimalRuleSet();
        Files.writeString(dir.resolve("helper.jar"), "PK");
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> RuleFolder.read(dir)).isInstanceOfSatisfying(RuleSetException.class,
                e -> assertThat(e.problems()).extracting(RuleProblem::file)
                        .containsExactlyInAnyOrder("helper.jar", "notes.txt"));
    }

    @Test
    void aSymbolicLinkLeadingOutsideTheFolderIsRefused(@TempDir Path outside) throws IOException {
        minimalRuleSet();
        Path secret = Files.writeString(outside.resolve("secret.drl"), "package x;\n");
        Files.createSymbolicLink(dir.resolve("linked.drl"), secret);
        assertThatThrownBy(() -> RuleFolder.read(dir)).isInstanceOfSatisfying(RuleSetException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("linked.drl");
                    assertThat(p.message()).contains("outside");
                }));
    }

    @Test
    void aFolderWithoutDescriptorOrRulesIsRefused() {
        assertThatThrownBy(() -> MltRules.builder().rulesFrom(dir).build())
                .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void aMissingFolderIsRefusedNotAStackTrace() {
        assertThatThrownBy(() -> RuleFolder.read(dir.resolve("nope")))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("cannot be read");
    }
}
