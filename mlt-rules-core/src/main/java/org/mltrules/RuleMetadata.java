package org.mltrules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rule's metadata, as its DRL annotations state it and as the engine reads it, parsed once when the rule set is
 * loaded: {@code @id}, {@code @technique}, {@code @effect}, {@code @text}, {@code @evidence}, {@code @tier},
 * {@code @flag}, {@code @level}, {@code @undecided} (see {@code docs/authoring-rules.md}), with {@code @evidence}
 * resolved through the rule set's {@code references.properties} when it has one. {@link MltRules#rules()}
 * lists every rule's, e.g. for a rule catalogue.
 *
 * @param name       the rule's name
 * @param id         {@code @id}, e.g. {@code H3}; the rule name when absent
 * @param techniques {@code @technique}: comma-separated technique names or {@code ALL}
 * @param exclude    {@code @effect("EXCLUDE")}
 * @param effect     numeric {@code @effect}, or {@code null}
 * @param text       {@code @text}
 * @param evidence   the citation: {@code @evidence} as written, or, in a rule set with a {@code references.properties},
 *                   the full citations of the keys it names, joined by {@code "; "}
 * @param tier       {@code @tier}, or {@code null} (absent, or {@code "-"}: no tier)
 * @param flag       {@code @flag}, or {@code null}
 * @param level      {@code @level} (candidacy level this reason forces), or {@code null}
 * @param undecided  {@code @undecided}: the rule only records unknown facts; it does not count as fired
 * @param problems   metadata that could not be parsed (reported by the linter)
 * @param evidenceKeys the reference keys {@code @evidence} names, in its order (empty in a rule set without
 *                   {@code references.properties}, where {@code @evidence} is the citation itself)
 */
public record RuleMetadata(String name, String id, Set<Technique> techniques, boolean exclude, Integer effect,
                       String text, String evidence, Tier tier, Flag flag, CandidacyLevel level, boolean undecided,
                       List<String> problems, List<String> evidenceKeys) {

    /** The {@code @tier} value of a rule without evidence tier (configuration). */
    public static final String NO_TIER = "-";

    public RuleMetadata {
        // An enum set, so that the techniques iterate in the fixed technique order.
        EnumSet<Technique> copy = EnumSet.noneOf(Technique.class);
        copy.addAll(techniques);
        techniques = Collections.unmodifiableSet(copy);
        problems = List.copyOf(problems);
        evidenceKeys = List.copyOf(evidenceKeys);
    }

    /** Separates the keys of an {@code @evidence} that names references: {@code "casson1992, roth1985"}. */
    public static final String KEY_SEPARATORS = "[,;\\s]+";

    /**
     * Parses a rule's metadata map as Drools returns it ({@code Rule.getMetaData()}, or the DRL parser's
     * annotations); what cannot be parsed is listed in {@link #problems()}, never thrown.
     */
    public static RuleMetadata parse(String name, Map<String, Object> meta) {
        return parse(name, meta, Map.of());
    }

    /**
     * Parses a rule's metadata in a rule set whose {@code references.properties} maps keys to citations: a
     * non-empty {@code references} makes {@code @evidence} a list of keys (comma-separated), each of which must be
     * a key of {@code references} (an unknown key is a problem); the evidence is their citations joined by
     * {@code "; "}. With no references, {@code @evidence} is the citation as written.
     */
    public static RuleMetadata parse(String name, Map<String, Object> meta, Map<String, String> references) {
        List<String> problems = new ArrayList<>();
        String id = str(meta.get("id"));
        Set<Technique> techniques = EnumSet.noneOf(Technique.class);
        String techniqueList = str(meta.get("technique"));
        if (techniqueList != null) {
            for (String t : techniqueList.split("[,\\s]+")) {
                if (t.isEmpty()) {
                    continue;
                }
                if (t.equalsIgnoreCase("ALL")) {
                    techniques.addAll(EnumSet.allOf(Technique.class));
                    continue;
                }
                try {
                    techniques.add(Technique.valueOf(t));
                } catch (IllegalArgumentException e) {
                    problems.add("unknown technique '" + t + "' in @technique: expected one of "
                            + List.of(Technique.values()) + " or ALL");
                }
            }
        }
        boolean exclude = false;
        Integer effect = null;
        String effectText = str(meta.get("effect"));
        if (effectText != null) {
            if (effectText.equalsIgnoreCase("EXCLUDE")) {
                exclude = true;
            } else {
                try {
                    effect = Integer.valueOf(effectText.replace("+", ""));
                    if (effect < -2 || effect > 2) {
                        problems.add("@effect " + effect + " is outside -2..+2");
                    }
                } catch (NumberFormatException e) {
                    problems.add("@effect '" + effectText + "' is neither an integer -2..+2 nor EXCLUDE");
                }
            }
        }
        Tier tier = null;
        String tierText = str(meta.get("tier"));
        // "-" states that a rule has no evidence tier (a configuration rule such as UNAVAILABLE): the linter
        // requires every rule to state its tier, and this is how a rule states it has none.
        if (tierText != null && !tierText.equals(NO_TIER)) {
            try {
                tier = Tier.valueOf(tierText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("unknown @tier '" + tierText + "': expected G, P, R, E or \"-\" (no tier)");
            }
        }
        Flag flag = null;
        String flagText = str(meta.get("flag"));
        if (flagText != null) {
            try {
                flag = Flag.valueOf(flagText);
            } catch (IllegalArgumentException e) {
                problems.add("unknown @flag '" + flagText + "': expected one of " + List.of(Flag.values()));
            }
        }
        CandidacyLevel level = null;
        String levelText = str(meta.get("level"));
        if (levelText != null) {
            try {
                level = CandidacyLevel.valueOf(levelText);
            } catch (IllegalArgumentException e) {
                problems.add("unknown @level '" + levelText + "': expected one of "
                        + List.of(CandidacyLevel.values()));
            }
        }
        String text = str(meta.get("text"));
        String evidence = str(meta.get("evidence"));
        List<String> keys = new ArrayList<>();
        if (evidence != null && !references.isEmpty()) {
            List<String> citations = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String key : evidence.trim().split(KEY_SEPARATORS)) {
                if (key.isEmpty()) {
                    continue;
                }
                keys.add(key);
                String citation = references.get(key);
                if (citation == null) {
                    unknown.add(key);
                    citations.add(key);
                } else {
                    citations.add(citation);
                }
            }
            // A citation written out (words with spaces) is one mistake, not one unknown key per word.
            boolean writtenOut = java.util.Arrays.stream(evidence.split("[,;]")).anyMatch(p -> p.trim().contains(" "));
            if (!unknown.isEmpty() && writtenOut) {
                problems.add("@evidence is a written-out citation, but this rule set cites through references.properties:"
                        + " add the citation there under a key and name the key (e.g. @evidence(\"casson1992\"))");
            } else {
                unknown.forEach(key -> problems.add("unknown reference key '" + key + "' in @evidence: not a key of"
                        + " references.properties (@evidence names keys, e.g. @evidence(\"casson1992, roth1985\"))"));
            }
            evidence = String.join("; ", citations);
        }
        return new RuleMetadata(name, id == null ? name : id, Collections.unmodifiableSet(techniques), exclude, effect,
                text == null ? name : text, evidence, tier, flag, level,
                meta.containsKey("undecided"), List.copyOf(problems), keys);
    }

    private static String str(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The reason this rule gives, with its effect when it has one. */
    public Reason reason() {
        return new Reason(id, exclude ? null : effect, text, evidence, tier);
    }
}
