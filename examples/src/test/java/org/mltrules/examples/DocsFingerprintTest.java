package org.mltrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.MltRules;

/**
 * Every full rule-set fingerprint shown in the repository's Markdown files (README, docs, examples) is the bundled
 * rule set's, so that no example output goes stale when a rule file changes. Abbreviated fingerprints
 * ({@code sha256:3f1c...}) are illustrations and are not checked.
 */
class DocsFingerprintTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();
    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}(?![0-9a-f])");

    @Test
    @DisplayName("every sha256 fingerprint in a Markdown file of the repository is the bundled rule set's")
    void fingerprintsInTheDocsAreCurrent() throws IOException {
        // Given the bundled rule set's fingerprint, with its default conventions
        String bundled = MltRules.bundled().ruleSet().fingerprint();

        // When every Markdown file of the repository is searched for fingerprints
        List<String> shown = new ArrayList<>();
        List<Path> markdown;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            markdown = walk.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !ROOT.relativize(p).toString().replace('\\', '/').matches("(.*/)?(target|\\.git)/.*"))
                    .toList();
        }
        for (Path md : markdown) {
            String text = Files.readString(md, StandardCharsets.UTF_8);
            Matcher m = FINGERPRINT.matcher(text);
            while (m.find()) {
                int line = text.substring(0, m.start()).split("\n", -1).length;
                shown.add(ROOT.relativize(md) + ":" + line + " " + m.group());
            }
        }

        // Then the README shows some, and each is the bundled one
        assertThat(markdown).extracting(p -> ROOT.relativize(p).toString()).contains("README.md");
        assertThat(shown).as("fingerprints shown in the docs").isNotEmpty()
                .allSatisfy(s -> assertThat(s).as("update it to %s", bundled).endsWith(" " + bundled));
    }
}
