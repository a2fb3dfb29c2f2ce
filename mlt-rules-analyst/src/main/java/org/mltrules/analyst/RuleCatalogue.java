package org.mltrules.analyst;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mltrules.CandidacyLevel;
import org.mltrules.Flag;
import org.mltrules.MltRules;
import org.mltrules.RuleMetadata;
import org.mltrules.RuleSetInfo;
import org.mltrules.Technique;
import org.mltrules.Tier;
import org.mltrules.spi.RuleSetLayout;

/**
 * The rule catalogue of a rule set as a clinician reviews it: every rule with its id, name, techniques, effect, tier,
 * full citation and place in the DRL ({@code file:line}), grouped by concern (classification, exclusions, cautions,
 * favouring factors, candidacy). Undecided twins are listed with their rule, so that a reviewer sees where the rule's
 * unknown facts are named. Backs {@code mlt-rules rules}. Immutable.
 *
 * @param ruleSet the rule set's name, version and fingerprint
 * @param entries every rule, by concern, then id, the deciding rules of an id before its twins
 */
public record RuleCatalogue(RuleSetInfo ruleSet, List<Entry> entries) {

    /** What a rule is about, in the order a review goes through them. */
    public enum Concern {
        /** P1-P3 and Q1-Q5: the disease state. */
        CLASSIFICATION("Classification (preconditions P1-P3, ESTRO/EORTC questions Q1-Q5)"),
        /** Rules that exclude a technique for a lesion. */
        EXCLUSION("Exclusions: the technique is not ranked"),
        /** Negative effects on a technique's score. */
        CAUTION("Cautions: negative effect on a technique's score"),
        /** Positive effects on a technique's score. */
        FAVOURING("Favouring factors: positive effect on a technique's score"),
        /** Patient-level reasons and flags. */
        CANDIDACY("Candidacy: patient-level reasons and flags"),
        /** Anything else an analyst's rule set holds. */
        OTHER("Other rules");

        private final String heading;

        Concern(String heading) {
            this.heading = heading;
        }

        /** The heading of the group in the text catalogue. */
        public String heading() {
            return heading;
        }
    }

    /**
     * One rule.
     *
     * @param concern    what the rule is about
     * @param id         {@code @id}
     * @param name       the rule's name
     * @param techniques the techniques it acts on (empty for a patient-level or classification rule)
     * @param effect     {@code EXCLUDE}, a signed weight ({@code -2} ... {@code +2}) or empty
     * @param tier       the evidence tier, {@code null} for none
     * @param text       the reason's text
     * @param citation   the full citation ({@code @evidence} resolved through {@code references.properties})
     * @param evidenceKeys the reference keys the rule names
     * @param flag       the flag it raises, or {@code null}
     * @param level      the candidacy level it forces, or {@code null}
     * @param undecided  an undecided twin: records unknown facts, decides nothing
     * @param file       the DRL file, relative to the rule-set folder ({@code null} when unknown)
     * @param line       the line of its {@code rule} keyword (0 when unknown)
     */
    public record Entry(Concern concern, String id, String name, Set<Technique> techniques, String effect, Tier tier,
                        String text, String citation, List<String> evidenceKeys, Flag flag, CandidacyLevel level,
                        boolean undecided, String file, int line) {
        public Entry {
            techniques = Set.copyOf(techniques);
            evidenceKeys = List.copyOf(evidenceKeys);
        }

        /** {@code file:line}, or the empty string when the rule's source is not known. */
        public String where() {
            return file == null ? "" : file + ":" + line;
        }
    }

    public RuleCatalogue {
        Objects.requireNonNull(ruleSet, "ruleSet");
        entries = List.copyOf(entries);
    }

    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*rule[ \\t]+\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The catalogue of a loaded rule set (the bundled one, or a folder's). */
    public static RuleCatalogue of(MltRules rules) {
        Objects.requireNonNull(rules, "rules must not be null");
        Map<String, String[]> where = new HashMap<>();
        rules.sourceFiles().forEach((path, bytes) -> {
            if (RuleSetLayout.isDrlFile(path)) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                Matcher m = RULE.matcher(text);
                while (m.find()) {
                    where.putIfAbsent(m.group(1).replace("\\\"", "\""),
                            new String[] {path, Integer.toString(line(text, m.start(1)))});
                }
            }
        });
        Map<String, Concern> byId = new HashMap<>();
        for (RuleMetadata m : rules.rules().values()) {
            if (!m.undecided()) {
                byId.merge(m.id(), concern(m), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (RuleMetadata m : rules.rules().values()) {
            Concern c = m.undecided() ? byId.getOrDefault(m.id(), Concern.OTHER) : concern(m);
            String[] w = where.get(m.name());
            String effect = m.exclude() ? "EXCLUDE" : m.effect() == null ? ""
                    : m.effect() > 0 ? "+" + m.effect() : m.effect().toString();
            entries.add(new Entry(c, m.id(), m.name(), m.techniques(), effect, m.tier(),
                    m.undecided() ? "" : m.text(), m.evidence() == null ? "" : m.evidence(), m.evidenceKeys(),
                    m.flag(), m.level(), m.undecided(), w == null ? null : w[0], w == null ? 0 : Integer.parseInt(w[1])));
        }
        entries.sort(Comparator.comparing(Entry::concern).thenComparing(Entry::id, RuleCatalogue::compareIds)
                .thenComparing(Entry::undecided).thenComparing(Entry::name));
        return new RuleCatalogue(rules.ruleSet(), entries);
    }

    /** A deciding rule's concern, from its metadata. */
    static Concern concern(RuleMetadata m) {
        if (m.id().matches("[PQ]\\d+")) {
            return Concern.CLASSIFICATION;
        }
        if (m.exclude()) {
            return Concern.EXCLUSION;
        }
        if (m.effect() != null) {
            return m.effect() < 0 ? Concern.CAUTION : Concern.FAVOURING;
        }
        if (m.flag() != null || m.level() != null) {
            return Concern.CANDIDACY;
        }
        return Concern.OTHER;
    }

    /** Ids by their letters, then their number as a number (C3 before C14), then as text. */
    static int compareIds(String x, String y) {
        Matcher a = ID.matcher(x);
        Matcher b = ID.matcher(y);
        if (a.matches() && b.matches()) {
            int c = a.group(1).compareTo(b.group(1));
            if (c != 0) {
                return c;
            }
            c = Long.compare(Long.parseLong(a.group(2)), Long.parseLong(b.group(2)));
            if (c != 0) {
                return c;
            }
        }
        return x.compareTo(y);
    }

    private static final Pattern ID = Pattern.compile("([A-Za-z_]*?)(\\d{1,18})");

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The deciding rules (twins left out). */
    public List<Entry> deciding() {
        return entries.stream().filter(e -> !e.undecided()).toList();
    }

    /** The catalogue for a clinician's review: grouped by concern, each rule with its citation and place. */
    public String renderText() {
        StringBuilder b = new StringBuilder(16_384);
        long twins = entries.stream().filter(Entry::undecided).count();
        b.append("Rule catalogue: ").append(ruleSet.name()).append(' ').append(ruleSet.version()).append(" (")
                .append(ruleSet.fingerprint()).append(")\n");
        b.append(entries.size()).append(" rules: ").append(entries.size() - twins).append(" deciding, ").append(twins)
                .append(" undecided twins (a twin names the unknown facts that leave its rule undecided)\n");
        Concern current = null;
        for (Entry e : entries) {
            if (e.concern() != current) {
                current = e.concern();
                b.append('\n').append(current.heading()).append('\n');
            }
            if (e.undecided()) {
                b.append("        undecided when a fact is unknown: ").append(e.where()).append("  \"")
                        .append(e.name()).append("\"\n");
                continue;
            }
            b.append(String.format(java.util.Locale.ROOT, "  %-6s %-30s %-7s %s%n", e.id(), techniques(e), e.effect(),
                    e.tier() == null ? "-" : e.tier().name()).replace("\r\n", "\n"));
            String what = e.text().equals(e.name()) ? "" : e.text();
            if (e.flag() != null) {
                what = "flag " + e.flag() + (what.isEmpty() ? "" : ": " + what);
            } else if (e.level() != null) {
                what = e.level() + (what.isEmpty() ? "" : ": " + what);
            }
            if (!what.isEmpty()) {
                b.append("         ").append(what).append('\n');
            }
            if (!e.citation().isEmpty()) {
                b.append("         evidence: ").append(e.citation()).append('\n');
            }
            b.append("         ").append(e.where()).append("  \"").append(e.name()).append("\"\n");
        }
        b.append("\nTiers: G guideline or consensus, P prospective, R retrospective, E expert convention; - none.\n");
        return b.toString();
    }

    /** The techniques of an entry as a reviewer reads them: "all techniques", a list, or "patient". */
    static String techniques(Entry e) {
        if (e.techniques().isEmpty()) {
            return e.concern() == Concern.CLASSIFICATION ? "classification" : "patient";
        }
        if (e.techniques().size() == Technique.values().length) {
            return "all techniques";
        }
        return String.join(", ", e.techniques().stream().sorted().map(Enum::name).toList());
    }
}
