package org.mltrules.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
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

    /** Runs a command of the operating system (mkfifo, mknod); false when it is missing or fails. */
    private static boolean run(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads the folder, failing (instead of hanging) if that takes more than ten seconds. */
    private RuleSetException refusalOf(Path folder) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(RuleSetException.class,
                () -> RuleFolder.read(folder)), "reading the folder blocked");
    }

    @Test
    @DisplayName("a FIFO named x.drl is refused without being opened (opening it would block forever)")
    void aFifoIsRefusedWithoutBeingOpened() throws IOException {
        minimalRuleSet();
        assumeTrue(run("mkfifo", dir.resolve("x.drl").toString()), "mkfifo is not available");

        RuleSetException e = refusalOf(dir);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("x.drl");
            assertThat(p.message()).startsWith("not a regular file");
        });
    }

    @Test
    @DisplayName("a character device named z.drl is refused without being opened")
    void aDeviceIsRefusedWithoutBeingOpened() throws IOException {
        minimalRuleSet();
        // The null device: reading it would give nothing, and /dev/zero endless zeros; neither is a rule file.
        assumeTrue(run("mknod", dir.resolve("z.drl").toString(), "c", "1", "3"), "mknod needs root");

        RuleSetException e = refusalOf(dir);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("z.drl");
            assertThat(p.message()).startsWith("not a regular file");
        });
    }

    @Test
    @DisplayName("a hard link to a file outside the folder is refused without its content being read or quoted")
    void aHardLinkIsRefusedWithoutBeingRead(@TempDir Path outside) throws IOException {
        // Given a file outside the folder (on the same file system) and a hard link to it inside
        minimalRuleSet();
        Path secret = Files.writeString(outside.resolve("secret.txt"), "root:SECRET-PASSWORD-HASH\n");
        Path link;
        try {
            link = Files.createLink(dir.resolve("stolen.drl"), secret);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "hard links are not supported here");
            return;
        }

        // When the folder is read, and when it is built
        RuleSetException e = refusalOf(dir);
        RuleSetException build = catchThrowableOfType(RuleSetException.class,
                () -> MltRules.builder().rulesFrom(dir).build());

        // Then both refuse it, naming the file, and no message quotes its content
        assertThat(link).exists();
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("stolen.drl");
            assertThat(p.message()).startsWith("has 2 hard links");
        });
        assertThat(build.problems()).extracting(RuleProblem::render)
                .noneMatch(m -> m.contains("SECRET")).anyMatch(m -> m.contains("stolen.drl"));
    }

    @Test
    @DisplayName("a file over 4 MiB is refused before it is read")
    void anOversizedFileIsRefused() throws IOException {
        minimalRuleSet();
        Files.write(dir.resolve("huge.drl"), new byte[RuleFolder.MAX_FILE_BYTES + 1]);

        RuleSetException e = refusalOf(dir);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("huge.drl");
            assertThat(p.message()).startsWith("larger than 4194304 bytes");
        });
    }

    @Test
    @DisplayName("a DRL file declaring another package next to the others is refused; a package other than the "
            + "bundled rules' is a warning")
    void aSecondPackageIsRefused() throws IOException {
        // Given a rule set whose files declare org.mltrules.rules, and one more declaring com.evil
        Files.writeString(dir.resolve("ruleset.properties"), "name=t\nversion=1\n");
        Files.writeString(dir.resolve("a.drl"), "package org.mltrules.rules;\n");
        Files.writeString(dir.resolve("b.drl"), "package org.mltrules.rules;\n");
        Files.writeString(dir.resolve("evil.drl"), "// looks harmless\npackage com.evil;\n");

        RuleSetException e = catchThrowableOfType(RuleSetException.class,
                () -> MltRules.builder().rulesFrom(dir).build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(RuleProblem::render).containsExactly("evil.drl:2:1: package com.evil "
                + "differs from package org.mltrules.rules, which the other DRL files of the rule set declare: every "
                + "DRL file of a rule set declares the same package");

        // And a rule set all in another package builds, with a warning
        Files.writeString(dir.resolve("a.drl"), "package com.other;\n");
        Files.writeString(dir.resolve("b.drl"), "package com.other;\n");
        Files.delete(dir.resolve("evil.drl"));
        assertThat(MltRules.builder().rulesFrom(dir).build().warnings()).extracting(RuleProblem::render)
                .containsExactly("a.drl:1:1: warning: package com.other is not the bundled rules' package "
                        + "org.mltrules.rules: a rule set derived from the bundled rules keeps it");
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
