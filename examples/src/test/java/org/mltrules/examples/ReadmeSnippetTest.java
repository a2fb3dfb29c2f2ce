package org.mltrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's Java snippet is real code: it must equal the compiled QuickStart between its markers. */
class ReadmeSnippetTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();

    @Test
    @DisplayName("the README's ```java snippet equals QuickStart.java between README-SNIPPET-START and -END")
    void readmeSnippetIsQuickStart() throws IOException {
        // Given the README at the repository root and the example source
        String readme = Files.readString(MODULE.getParent().resolve("README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(
                MODULE.resolve("src/main/java/org/mltrules/examples/QuickStart.java"), StandardCharsets.UTF_8);

        // When the README's java block and the code between the markers are compared without their indentation
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("the README has a ```java block").isTrue();
        Matcher marked = Pattern.compile("// README-SNIPPET-START\\n(.*?)\\n\\s*// README-SNIPPET-END",
                Pattern.DOTALL).matcher(source);
        assertThat(marked.find()).as("QuickStart has the snippet markers").isTrue();

        // Then they are the same lines
        assertThat(dedent(block.group(1))).isEqualTo(dedent(marked.group(1)));
    }

    /** The lines without their common leading indentation, and without trailing blank lines. */
    static List<String> dedent(String text) {
        List<String> lines = Arrays.asList(text.stripTrailing().split("\n", -1));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).toList();
    }
}
