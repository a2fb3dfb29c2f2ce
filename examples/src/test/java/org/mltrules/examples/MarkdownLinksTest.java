package org.mltrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's documentation is self-contained: every relative link of every Markdown file resolves to a file or
 * folder of the repository, and a link to a heading of a Markdown file ({@code clinical-rules.md#candidacy}) to a
 * heading that exists (GitHub's anchor rules). The contract is cited inside the repository: no page sends a reader
 * to a specification they cannot open.
 */
class MarkdownLinksTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent().normalize();

    /** {@code [text](destination)} and {@code ![alt](destination)}; the destination may carry a "title". */
    private static final Pattern INLINE_LINK = Pattern.compile(
            "!?\\[((?:[^\\[\\]]++|\\[[^\\]]*+\\])*+)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: destination} on a line of its own. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

    @Test
    void everyRelativeLinkOfEveryMarkdownFileResolvesInsideTheRepository() throws IOException {
        List<Path> pages = markdownFiles();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String link : links(page)) {
                if (link.isEmpty() || link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // an absolute URL (https:, mailto:) is not a file of the repository
                }
                checked++;
                String problem = problem(page, link);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ": " + link + ": " + problem);
                }
            }
        }

        assertThat(pages).hasSizeGreaterThanOrEqualTo(8);
        assertThat(checked).as("relative links checked").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void noPageCitesTheContractOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path page : markdownFiles()) {
            String text = INLINE_LINK.matcher(withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)))
                    .replaceAll("");
            Matcher m = Pattern.compile("(?i)domain specification|domain\\.md|shared/spec|(?<![/\\w])case-format\\.md")
                    .matcher(text);
            while (m.find()) {
                outside.add(ROOT.relativize(page) + ": \"" + m.group() + "\"");
            }
        }

        assertThat(outside).as("references to a specification outside the repository (link to docs/case-format.md"
                + " or docs/clinical-rules.md instead)").isEmpty();
    }

    @Test
    void theAnchorsOfAPageFollowGitHubsRules() {
        List<String> lines = List.of("# Case format, assessment and command line (JSON format version 1)",
                "## The ESTRO/EORTC tree (Q1-Q5)", "## Input: a case", "### `candidacy.flags`", "## Limits",
                "## Limits", "<a id=\"flags\"></a>");

        assertThat(anchors(lines)).containsExactly("case-format-assessment-and-command-line-json-format-version-1",
                "the-estroeortc-tree-q1-q5", "input-a-case", "candidacyflags", "limits", "limits-1", "flags");
    }

    /** Why the link does not resolve, or {@code null} when it does. */
    private static String problem(Path page, String link) throws IOException {
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        String anchor = hash < 0 ? null : link.substring(hash + 1);
        Path target = file.isEmpty() ? page
                : page.getParent().resolve(java.net.URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
        if (!target.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (anchor != null && target.toString().endsWith(".md")) {
            Set<String> anchors = anchors(withoutCodeBlocks(Files.readString(target, StandardCharsets.UTF_8))
                    .lines().toList());
            if (!anchors.contains(anchor)) {
                return "no heading with anchor #" + anchor;
            }
        }
        return null;
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String rel = ROOT.relativize(p).toString().replace('\\', '/');
                        return !rel.startsWith(".") && !rel.contains("/.") && !rel.contains("target/")
                                && !rel.contains("node_modules/");
                    })
                    .sorted().toList();
        }
    }

    private static List<String> links(Path page) throws IOException {
        String text = withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8));
        text = CODE_SPAN.matcher(text).replaceAll("");
        List<String> out = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(text);
        while (inline.find()) {
            out.add(inline.group(2));
        }
        Matcher reference = REFERENCE_LINK.matcher(text);
        while (reference.find()) {
            out.add(reference.group(1));
        }
        return out;
    }

    /** The text with fenced code blocks blanked out (their lines kept, so that nothing else moves). */
    private static String withoutCodeBlocks(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean inFence = false;
        for (String line : text.split("\n", -1)) {
            boolean fence = line.trim().startsWith("```");
            if (fence) {
                inFence = !inFence;
            }
            b.append(inFence || fence ? "" : line).append('\n');
        }
        return b.toString();
    }

    /**
     * The anchors GitHub gives a page: each heading's text without formatting, lower-cased, with every character that
     * is not a letter, digit, space, hyphen or underscore removed and spaces turned into hyphens; a repeated anchor
     * gets {@code -1}, {@code -2}, ...; plus explicit {@code <a id="...">} anchors.
     */
    static Set<String> anchors(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : lines) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String text = INLINE_LINK.matcher(h.group(1)).replaceAll("$1").replaceAll("<[^>]+>", "");
                StringBuilder slug = new StringBuilder();
                text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
                    if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                        slug.appendCodePoint(c);
                    } else if (c == ' ') {
                        slug.append('-');
                    }
                });
                String base = slug.toString();
                int n = seen.merge(base, 1, Integer::sum) - 1;
                out.add(n == 0 ? base : base + "-" + n);
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                out.add(a.group(1));
            }
        }
        return out;
    }
}
