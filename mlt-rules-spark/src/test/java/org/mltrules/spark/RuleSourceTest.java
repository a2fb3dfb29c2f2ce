package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/** What travels to the executors: file contents and a fingerprint, never a compiled rule base. */
class RuleSourceTest {
    @AfterEach
    void forget() {
        EngineCache.clear();
    }

    @Test
    @DisplayName("a rule folder ships as its files' bytes and fingerprint: no Drools or KIE class is serialised")
    void shipsContentNotDroolsObjects(@TempDir Path dir) throws Exception {
        // Given an analyst's rule folder
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        RuleSource source = RuleSource.folder(rules);

        // When it is serialised as Spark serialises a task's closure
        List<String> classes = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            @Override
            protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
                classes.add(desc.getName());
                super.writeClassDescriptor(desc);
            }
        }) {
            out.writeObject(source);
        }

        // Then only the source, its map and byte arrays travel, and the copy is the same rule set
        assertThat(classes).noneMatch(c -> c.startsWith("org.drools") || c.startsWith("org.kie"))
                .contains(RuleSource.class.getName());
        RuleSource copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RuleSource) in.readObject();
        }
        assertThat(copy).isEqualTo(source);
        assertThat(copy.files()).containsOnlyKeys(source.files().keySet()).containsKey("ruleset.properties");
        assertThat(bytes.size()).isLessThan(1 << 20);
    }

    @Test
    @DisplayName("the bundled rules and the same files from a folder have the same fingerprint, as the CLI's")
    void fingerprintIsTheCommandLines(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);

        assertThat(RuleSource.folder(rules).fingerprint()).isEqualTo(RuleSource.bundled().fingerprint())
                .isEqualTo(MltRules.bundled().ruleSet().fingerprint());
        assertThat(RuleSource.bundled().isBundled()).isTrue();
        assertThat(RuleSource.bundled().files()).isEmpty();
    }

    @Test
    @DisplayName("a rule folder that does not compile is refused on the driver, with the file and line")
    void brokenFolderIsRefusedOnTheDriver(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        Files.writeString(rules.resolve("broken.drl"), """
                package org.mltrules.rules;

                rule "broken"
                when
                    eval( true
                then
                end
                """);

        RuleSetException e = catchThrowableOfType(RuleSetException.class, () -> RuleSource.folder(rules));

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(RuleProblem.Severity.ERROR);
            assertThat(p.file()).isEqualTo("broken.drl");
            assertThat(p.line()).isPositive();
        });
        assertThat(EngineCache.builds()).isEqualTo(1);
    }

    @Test
    @DisplayName("a folder holding other files, or a link out of it, is refused as the command line refuses it")
    void strayFilesAreRefused(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        CommandLine.copyBundledRules(rules);
        Files.writeString(rules.resolve("notes.txt"), "not a rule file");
        Files.writeString(dir.resolve("secret.drl"), "outside");
        Files.createSymbolicLink(rules.resolve("link.drl"), dir.resolve("secret.drl"));

        RuleSetException e = catchThrowableOfType(RuleSetException.class, () -> RuleSource.folder(rules));

        assertThat(e.problems()).extracting(RuleProblem::file).contains("link.drl");
        Files.delete(rules.resolve("link.drl"));
        RuleSetException stray = catchThrowableOfType(RuleSetException.class, () -> RuleSource.folder(rules));
        assertThat(stray.problems()).extracting(RuleProblem::file).contains("notes.txt");
    }

    @Test
    @DisplayName("a missing folder is refused with its name")
    void missingFolderIsRefused(@TempDir Path dir) {
        RuleSetException e = catchThrowableOfType(RuleSetException.class,
                () -> RuleSource.folder(dir.resolve("nowhere")));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.file()).endsWith("nowhere"));
    }
}
