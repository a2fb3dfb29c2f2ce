package org.mltrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.Assessment;
import org.mltrules.CaseField;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.json.CaseJson;

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

    @Test
    @DisplayName("the snippet's case is examples/cases/one.json: every fact of the file is set, and the output matches")
    void snippetCaseIsOneJson() throws IOException {
        // Given the case file and the snippet
        String file = Files.readString(MODULE.resolve("cases/one.json"), StandardCharsets.UTF_8);
        PatientCase one = CaseJson.read(file);
        String source = Files.readString(
                MODULE.resolve("src/main/java/org/mltrules/examples/QuickStart.java"), StandardCharsets.UTF_8);

        // Then every known fact of one.json is set in the snippet (history and therapy through their records)
        for (CaseField f : CaseField.values()) {
            boolean known = f.isLesionField() ? f.get(one.lesions().get(0)) != null : f.get(one) != null;
            if (!known || f == CaseField.CASE_ID || f == CaseField.LESIONS || f == CaseField.LESION_ID
                    || f == CaseField.LESION_SITE) {
                continue;
            }
            String call = f.group().isEmpty() || f.isLesionField() ? "." + f.key() + "(" : "." + f.group() + "(";
            assertThat(source).as("the snippet sets %s", f.path()).contains(call);
        }
        assertThat(source).contains("PatientCase.builder(\"" + one.caseId() + "\")",
                "Lesion.builder(\"L1\", Site.LUNG)");

        // And running it prints what the file's assessment says
        MltRules rules = MltRules.bundled();
        Assessment a = rules.assess(one);
        StringBuilder expected = new StringBuilder(a.category() + "\n");
        a.lesions().get(0).options().forEach(o -> expected.append(o.rank()).append(". ").append(o.technique())
                .append(" (score ").append(o.score()).append(")\n"));
        expected.append(a.disclaimer()).append('\n');
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(expected.toString());
    }

    /** The lines without their common leading indentation, and without trailing blank lines. */
    static List<String> dedent(String text) {
        List<String> lines = Arrays.asList(text.stripTrailing().split("\n", -1));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).toList();
    }
}
