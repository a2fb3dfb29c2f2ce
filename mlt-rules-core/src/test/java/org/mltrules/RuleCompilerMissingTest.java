package org.mltrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core alone runs precompiled rules only: compiling a rule set asks for the compiler module, by name. */
class RuleCompilerMissingTest {

    @Test
    @DisplayName("a rule folder without mlt-rules-compiler on the class path: a RuleSetException naming the artifact")
    void aFolderNeedsTheCompilerModule(@TempDir Path dir) throws Exception {
        // Given a rule folder, and only the core on the class path (this module's tests)
        Files.writeString(dir.resolve("ruleset.properties"), "name=t\nversion=1\n");
        Files.writeString(dir.resolve("a.drl"), "package t;\n");

        // When it is built, then the exception says which artifact to add
        assertThatThrownBy(() -> MltRules.builder().rulesFrom(dir).build())
                .isInstanceOfSatisfying(RuleSetException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("org.mltrules:mlt-rules-compiler")));
        assertThatThrownBy(() -> MltRules.builder().rulesFrom(Map.of("a.drl",
                "package t;\n".getBytes(StandardCharsets.UTF_8))).build())
                .isInstanceOf(RuleSetException.class).hasMessageContaining("org.mltrules:mlt-rules-compiler");
    }

    @Test
    @DisplayName("without mlt-rules-drl, the bundled rules are missing and the exception says which artifact to add")
    void theBundledRulesNeedTheDrlModule() {
        assertThatThrownBy(MltRules::bundled).isInstanceOfSatisfying(RuleSetException.class,
                e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("org.mltrules:mlt-rules-drl")));
    }
}
