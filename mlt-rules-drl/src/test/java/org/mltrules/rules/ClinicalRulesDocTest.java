package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/clinical-rules.md tells a clinician what the bundled rules do: its catalogue tables must say what the DRL
 * files say. Every H, C and F rule and {@code UNAVAILABLE} appears once in the tables, with the DRL's techniques,
 * effect and tier; the candidacy reasons and flags with their tiers. (Conditions and citations are prose, reviewed by
 * people; a changed weight, tier or technique cannot slip through unnoticed.)
 */
class ClinicalRulesDocTest {
    private static final Path DOC = Path.of("../docs/clinical-rules.md");
    private static final Path RULES = FailingRuleSet.bundledFolder();
    private static final Pattern RULE = Pattern.compile("(?s)\\nrule \"([^\"]+)\"(.*?)\\nwhen");
    private static final Pattern META = Pattern.compile("@(\\w+)(?:\\(\"([^\"]*)\"\\))?");

    /** Metadata of one deciding rule (twins left out), as written in its DRL file. */
    record Meta(String id, String techniques, String effect, String tier, String flag, String level) {
    }

    @Test
    void theCatalogueTablesGiveEachRulesTechniquesEffectAndTier() throws IOException {
        Map<String, String> inDrl = new TreeMap<>();
        for (Meta m : drlRules()) {
            if (m.id().matches("[HCF]\\d+|UNAVAILABLE") && m.techniques() != null) {
                inDrl.put(m.id(), techniques(m.techniques()) + " " + effect(m.effect()) + " " + m.tier());
            }
        }
        Map<String, String> inDoc = new TreeMap<>();
        for (Map<String, String> row : tableRows("Techniques")) {
            String id = row.get("Id");
            String effect = row.containsKey("Effect") ? effect(row.get("Effect")) : "EXCLUDE";
            String tier = row.get("Tier").equals("none") ? "-" : row.get("Tier");
            assertThat(inDoc.put(id, techniques(row.get("Techniques")) + " " + effect + " " + tier))
                    .as("rule %s described twice", id).isNull();
        }

        assertThat(inDrl).hasSizeGreaterThan(35);
        assertThat(inDoc).containsExactlyEntriesOf(inDrl);
    }

    @Test
    void theCandidacyTablesGiveEachReasonAndFlagWithItsTier() throws IOException {
        List<String> levelsInDrl = new ArrayList<>(List.of("ALL_EXCLUDED G")); // assembled in Java, not in DRL
        List<String> flagsInDrl = new ArrayList<>();
        for (Meta m : drlRules()) {
            if (m.level() != null) {
                levelsInDrl.add(m.id() + " " + m.tier());
            }
            if (m.flag() != null) {
                flagsInDrl.add(m.flag() + " " + m.tier());
            }
        }
        List<String> levelsInDoc = tableRows("Reason id").stream()
                .map(r -> r.get("Reason id").replace("`", "") + " " + r.get("Tier")).toList();
        List<String> flagsInDoc = tableRows("Flag").stream()
                .map(r -> r.get("Flag").replace("`", "") + " " + r.get("Tier")).toList();

        assertThat(levelsInDoc).containsExactlyInAnyOrderElementsOf(levelsInDrl);
        assertThat(flagsInDoc).containsExactlyInAnyOrderElementsOf(flagsInDrl);
    }

    @Test
    void thePageSaysWhichRuleSetItDescribes() throws IOException {
        String version = Files.readAllLines(RULES.resolve("ruleset.properties")).stream()
                .filter(l -> l.startsWith("version=")).findFirst().orElseThrow().substring("version=".length());

        assertThat(Files.readString(DOC)).contains("`mlt-rules-bundled` version " + version);
    }

    private static List<Meta> drlRules() throws IOException {
        List<Meta> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                Matcher r = RULE.matcher(Files.readString(f));
                while (r.find()) {
                    Map<String, String> meta = new LinkedHashMap<>();
                    Matcher m = META.matcher(r.group(2).replaceAll("(?m)^\\s*//.*$", ""));
                    while (m.find()) {
                        meta.put(m.group(1), m.group(2) == null ? "" : m.group(2));
                    }
                    if (!meta.containsKey("undecided")) {
                        out.add(new Meta(meta.get("id"), meta.get("technique"), meta.get("effect"), meta.get("tier"),
                                meta.get("flag"), meta.get("level")));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The rows of every Markdown table of the page whose header has a column named {@code column}, each as a map
     * from column name to cell text (backticks kept, trimmed).
     */
    private static List<Map<String, String>> tableRows(String column) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : Files.readAllLines(DOC)) {
            String t = line.trim();
            if (!t.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = Arrays.stream(t.substring(1, t.length() - 1).split("\\|", -1)).map(String::trim)
                    .toList();
            if (header == null) {
                header = cells;
            } else if (!cells.get(0).startsWith("---") && header.contains(column)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Technique names as a sorted set; "all"/"any"/"ALL" for every technique. */
    private static String techniques(String cell) {
        String c = cell.replace("`", "").trim();
        if (c.equalsIgnoreCase("all") || c.equalsIgnoreCase("any")) {
            return "ALL";
        }
        return new TreeSet<>(Arrays.stream(c.split(",")).map(String::trim).toList()).toString();
    }

    /** An effect with its sign made explicit: "+2", "-1", or "EXCLUDE". */
    private static String effect(String value) {
        String v = value.trim();
        return v.equals("EXCLUDE") || v.startsWith("-") || v.startsWith("+") ? v : "+" + v;
    }
}
