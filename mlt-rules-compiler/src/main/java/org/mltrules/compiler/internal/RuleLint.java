package org.mltrules.compiler.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mltrules.RuleMetadata;
import org.mltrules.RuleProblem;
import org.mltrules.facts.KnownFactPaths;
import org.mltrules.spi.RuleSetLayout;

/**
 * Checks a rule set beyond what the compiler checks, so that a rule set that compiles but would mislead a tumour
 * board is refused before it serves. Errors refuse the rule set; warnings are reported.
 *
 * <p>Errors: a rule without {@code @id}, {@code @evidence} or {@code @tier} (an {@code @undecided} rule needs only
 * {@code @id}); metadata that does not parse ({@code @effect} outside -2..+2 and not {@code EXCLUDE}, an unknown
 * technique, flag, tier or level); a rule name used twice in the rule set (in any package); one {@code @id} used in
 * two DRL files; rules sharing an {@code @id} that disagree on {@code @effect} or {@code @technique}; an action
 * that calls {@code outcome.apply} without {@code @effect} (or without {@code @technique}), {@code outcome.flag}
 * without {@code @flag}, or names an unknown fact path; an {@code @undecided} rule that concludes
 * ({@code apply}, {@code flag}, {@code notRecommended}) or a deciding rule that records unknown facts (the engine
 * refuses both only when the rule fires). Warnings: DRL syntax Drools deprecates (infix
 * {@code &&}/{@code ||} between patterns, half constraints such as {@code ecog > 1 && < 3}, {@code agenda-group}).
 */
final class RuleLint {
    private static final Pattern ANNOTATION_IN_MESSAGE = Pattern.compile("@(\\w+)");
    private static final Set<String> GROUP_KEYWORDS = Set.of("not", "exists", "forall", "and", "or", "collect",
            "accumulate", "acc", "groupby", "when");
    private static final Set<String> RELATIONAL = Set.of("==", "!=", "<", ">", "<=", ">=");
    private static final Set<String> KEYWORD_OPERATORS = Set.of("in", "matches", "memberOf", "contains",
            "soundslike", "str", "excludes");
    private static final Set<String> PATH_METHODS = Set.of("undecided", "candidacyUndecided", "candidacyNoted",
            "missing");
    private static final Set<String> CONCLUSIONS = Set.of("apply", "flag", "notRecommended", "discuss");
    private static final Pattern REFERENCE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /**
     * {@code casson1992}, {@code expert-convention} or {@code navarria2015, tetta2021}: keys, not a citation (a
     * citation has spaces; a key of the bundled style has a digit or a hyphen, unlike a placeholder such as "toy").
     */
    private static boolean looksLikeKeys(String evidence) {
        return KEY_LIST.matcher(evidence).matches() && evidence.chars().anyMatch(c -> c == '-' || Character.isDigit(c));
    }
    /** A comma-separated list of plain words. */
    private static final Pattern KEY_LIST = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]*(\\s*,\\s*[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private final DrlIndex index;
    private final String referencesText;
    private final Map<String, String> references;
    private final List<RuleProblem> problems = new ArrayList<>();

    private RuleLint(DrlIndex index, String referencesText) {
        this.index = index;
        this.referencesText = referencesText;
        this.references = parse(referencesText);
    }

    /** Every lint finding of the indexed rule set, errors and warnings (a rule set without citations file). */
    static List<RuleProblem> lint(DrlIndex index) {
        return lint(index, null);
    }

    /**
     * Every lint finding of the indexed rule set, errors and warnings; {@code referencesText} is its
     * {@code references.properties} ({@code null} when it has none): then every {@code @evidence} must name keys
     * of it, and a key no rule names is a warning.
     */
    static List<RuleProblem> lint(DrlIndex index, String referencesText) {
        RuleLint lint = new RuleLint(index, referencesText);
        lint.run();
        lint.problems.sort(DrlCompiler.BY_POSITION);
        return List.copyOf(lint.problems);
    }

    /** A global named {@code outcome} must be the engine's {@link org.mltrules.facts.Outcome}. */
    private void globals() {
        for (String file : index.files()) {
            DrlTokens dt = index.tokens(file);
            List<DrlTokens.Token> t = dt.tokens();
            for (int i = 0; i + 2 < t.size(); i++) {
                if (!t.get(i).is("global")) {
                    continue;
                }
                int j = i + 1;
                StringBuilder type = new StringBuilder();
                while (j + 1 < t.size() && (t.get(j + 1).is(".") || t.get(j).is("."))) {
                    type.append(t.get(j).text());
                    j++;
                }
                type.append(t.get(j).text());
                if (j + 1 < t.size() && t.get(j + 1).is(DrlCompiler.OUTCOME)) {
                    String declared = type.toString();
                    if (!declared.equals("org.mltrules.facts.Outcome") && !declared.equals("Outcome")) {
                        problems.add(new RuleProblem(RuleProblem.Severity.ERROR, file, dt.line(t.get(i).start()),
                                dt.column(t.get(i).start()), null, "global 'outcome' declared as " + declared
                                + ": it must be org.mltrules.facts.Outcome, the engine's"));
                    }
                }
            }
        }
    }

    private void run() {
        globals();
        Set<String> keysUsed = new java.util.HashSet<>();
        boolean allParsed = true;
        Map<String, DrlIndex.RuleSite> names = new LinkedHashMap<>();
        Map<String, List<DrlIndex.RuleSite>> ids = new LinkedHashMap<>();
        for (DrlIndex.RuleSite r : index.rules()) {
            DrlIndex.RuleSite first = names.putIfAbsent(r.name(), r);
            if (first != null) {
                error(r, r.line(), r.column(), DrlMessages.DUPLICATE_NAME + ": also the name of the rule at "
                        + where(first) + " (Drools would replace one rule by the other)");
            }
            deprecatedSyntax(r);
            stepAsString(r);
            if (!index.parsed(r.file())) {
                allParsed = false;
                continue;
            }
            RuleMetadata meta = RuleMetadata.parse(r.name(), r.metadata(), references);
            keysUsed.addAll(meta.evidenceKeys());
            metadata(r, meta);
            action(r, meta);
            if (r.metadata().get("id") != null) {
                ids.computeIfAbsent(meta.id(), k -> new ArrayList<>()).add(r);
            }
        }
        ids.forEach(this::sharedId);
        references(keysUsed, allParsed);
    }

    // ---- references.properties ------------------------------------------------------------------------------

    /**
     * The citations file: each line {@code key = full citation}; a key must be a plain word ({@code casson1992},
     * {@code expert-convention}) so that {@code @evidence} can name it; a key no rule names is a warning (a stale
     * citation), reported only when every DRL file parsed (otherwise its rules are unknown).
     */
    private void references(Set<String> keysUsed, boolean allParsed) {
        if (referencesText == null) {
            return;
        }
        String file = RuleSetLayout.REFERENCES;
        try {
            new java.util.Properties().load(new java.io.StringReader(referencesText));
        } catch (java.io.IOException | IllegalArgumentException e) {
            problems.add(new RuleProblem(RuleProblem.Severity.ERROR, file, 0, 0, null,
                    "not a valid properties file: " + e.getMessage()));
            return;
        }
        if (references.isEmpty()) {
            problems.add(new RuleProblem(RuleProblem.Severity.WARNING, file, 0, 0, null,
                    "no citation: @evidence is then free text; delete the file or add key = citation lines"));
        }
        Map<String, Integer> lines = keyLines(referencesText);
        for (Map.Entry<String, String> e : references.entrySet()) {
            int line = lines.getOrDefault(e.getKey(), 0);
            if (!REFERENCE_KEY.matcher(e.getKey()).matches()) {
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, file, line, line == 0 ? 0 : 1, null,
                        "reference key '" + e.getKey() + "' is not a plain word: use letters, digits, '.', '-', '_'"));
            } else if (e.getValue().isBlank()) {
                problems.add(new RuleProblem(RuleProblem.Severity.ERROR, file, line, line == 0 ? 0 : 1, null,
                        "reference key '" + e.getKey() + "' has no citation"));
            } else if (allParsed && !keysUsed.contains(e.getKey())) {
                problems.add(new RuleProblem(RuleProblem.Severity.WARNING, file, line, line == 0 ? 0 : 1, null,
                        "reference key '" + e.getKey() + "' is named by no rule's @evidence: remove it or cite it"));
            }
        }
    }

    /** The citations by key; empty when there is no file or it cannot be read (reported by {@link #references}). */
    private static Map<String, String> parse(String text) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (text == null) {
            return out;
        }
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return out;
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    /** The line (from 1) on which each key of a properties text starts (comments and continuations skipped). */
    static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\\R", -1);
        boolean continued = false;
        for (int i = 0; i < all.length; i++) {
            String l = all[i];
            String t = l.stripLeading();
            boolean wasContinued = continued;
            continued = endsWithOddBackslashes(l);
            if (wasContinued || t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                continue;
            }
            int end = 0;
            while (end < t.length() && "=: \t\f".indexOf(t.charAt(end)) < 0) {
                end += t.charAt(end) == '\\' ? 2 : 1;
            }
            String key = t.substring(0, Math.min(end, t.length())).replace("\\", "");
            lines.putIfAbsent(key, i + 1);
        }
        return lines;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    private void metadata(DrlIndex.RuleSite r, RuleMetadata meta) {
        List<String> required = meta.undecided() ? List.of("id") : List.of("id", "evidence", "tier");
        List<String> missing = new ArrayList<>();
        for (String key : required) {
            Object v = r.metadata().get(key);
            if (v == null || String.valueOf(v).isBlank()) {
                missing.add("@" + key);
            }
        }
        if (!missing.isEmpty()) {
            error(r, r.line(), r.column(), "missing " + String.join(", ", missing) + ": every rule needs @id, "
                    + "@evidence and @tier (a rule marked @undecided needs only @id)");
        }
        for (String p : meta.problems()) {
            Matcher m = ANNOTATION_IN_MESSAGE.matcher(p);
            int[] pos = m.find() ? annotation(r, m.group(1)) : new int[] {r.line(), r.column()};
            error(r, pos[0], pos[1], p);
        }
        // A folder copied without its references.properties would print the keys as citations.
        Object evidence = r.metadata().get("evidence");
        if (referencesText == null && evidence != null && looksLikeKeys(String.valueOf(evidence).trim())) {
            int[] pos = annotation(r, "evidence");
            problems.add(new RuleProblem(RuleProblem.Severity.WARNING, r.file(), pos[0], pos[1], r.name(),
                    "@evidence '" + evidence + "' looks like reference keys, but the rule set has no "
                            + RuleSetLayout.REFERENCES + ": the keys would be printed as the citation"));
        }
    }

    private int[] annotation(DrlIndex.RuleSite r, String name) {
        Integer offset = r.annotations().get(name);
        if (offset == null) {
            return new int[] {r.line(), r.column()};
        }
        DrlTokens t = index.tokens(r.file());
        return new int[] {t.line(offset), t.column(offset)};
    }

    /** Rules sharing an id: one file only, and the same effect and techniques wherever they are declared. */
    private void sharedId(String id, List<DrlIndex.RuleSite> rules) {
        DrlIndex.RuleSite first = rules.get(0);
        DrlIndex.RuleSite firstEffect = null;
        DrlIndex.RuleSite firstTechnique = null;
        for (DrlIndex.RuleSite r : rules) {
            if (!r.file().equals(first.file())) {
                int[] pos = annotation(r, "id");
                error(r, pos[0], pos[1], "rule id '" + id + "' used twice: already used in " + where(first)
                        + "; the rules of one id belong in one file");
                continue;
            }
            if (r.metadata().containsKey("effect") && r.metadata().get("effect") != null) {
                if (firstEffect == null) {
                    firstEffect = r;
                } else if (!sameEffect(firstEffect, r)) {
                    int[] pos = annotation(r, "effect");
                    error(r, pos[0], pos[1], "rule id '" + id + "' has @effect " + effect(r) + " here but "
                            + effect(firstEffect) + " in the rule at " + where(firstEffect)
                            + ": rules sharing an id must agree on @effect");
                }
            }
            if (r.metadata().get("technique") != null) {
                if (firstTechnique == null) {
                    firstTechnique = r;
                } else if (!RuleMetadata.parse(r.name(), r.metadata()).techniques().equals(
                        RuleMetadata.parse(firstTechnique.name(), firstTechnique.metadata()).techniques())) {
                    int[] pos = annotation(r, "technique");
                    error(r, pos[0], pos[1], "rule id '" + id + "' has @technique(\"" + r.metadata().get("technique")
                            + "\") here but @technique(\"" + firstTechnique.metadata().get("technique")
                            + "\") in the rule at " + where(firstTechnique)
                            + ": rules sharing an id must agree on @technique");
                }
            }
        }
    }

    private static boolean sameEffect(DrlIndex.RuleSite a, DrlIndex.RuleSite b) {
        RuleMetadata x = RuleMetadata.parse(a.name(), a.metadata());
        RuleMetadata y = RuleMetadata.parse(b.name(), b.metadata());
        return x.exclude() == y.exclude() && Objects.equals(x.effect(), y.effect());
    }

    private static String effect(DrlIndex.RuleSite r) {
        return String.valueOf(r.metadata().get("effect"));
    }

    // ---- actions --------------------------------------------------------------------------------------------

    /** Calls on the {@code outcome} global that need metadata or fact paths the engine checks only at run time. */
    private void action(DrlIndex.RuleSite r, RuleMetadata meta) {
        if (r.thenToken() < 0) {
            return;
        }
        DrlTokens dt = index.tokens(r.file());
        List<DrlTokens.Token> t = dt.tokens();
        for (int i = r.thenToken() + 1; i + 3 < r.endToken(); i++) {
            if (!t.get(i).is("outcome") || !t.get(i + 1).is(".") || !t.get(i + 3).is("(")) {
                continue;
            }
            DrlTokens.Token method = t.get(i + 2);
            List<List<DrlTokens.Token>> args = arguments(t, i + 3);
            int line = dt.line(method.start());
            int column = dt.column(method.start());
            if (CONCLUSIONS.contains(method.text()) && meta.undecided()) {
                error(r, line, column, "outcome." + method.text() + " in a rule marked @undecided: an undecided "
                        + "twin only records unknown facts (outcome.undecided)");
            }
            if (PATH_METHODS.contains(method.text()) && !meta.undecided()) {
                error(r, line, column, "outcome." + method.text() + " records unknown facts: mark the rule "
                        + "@undecided (otherwise it would count as fired)");
            }
            switch (method.text()) {
                case "apply" -> {
                    if (!meta.undecided() && !meta.exclude() && meta.effect() == null
                            && !hasProblemWith(meta, "@effect")) {
                        error(r, line, column, "outcome.apply needs @effect: an integer -2..+2 or \"EXCLUDE\"");
                    }
                    if (!meta.undecided() && args.size() < 3 && r.metadata().get("technique") == null) {
                        error(r, line, column, "outcome.apply needs @technique: technique names or \"ALL\"");
                    }
                }
                case "flag" -> {
                    if (!meta.undecided() && r.metadata().get("flag") == null) {
                        error(r, line, column, "outcome.flag needs @flag: the flag the rule raises");
                    }
                }
                case "notRecommended", "discuss" -> {
                    String level = method.text().equals("discuss") ? "DISCUSS" : "NOT_RECOMMENDED";
                    if (!meta.undecided() && meta.level() != null && !meta.level().name().equals(level)) {
                        error(r, line, column, "outcome." + method.text() + " in a rule with @level(\""
                                + meta.level() + "\"): it needs @level(\"" + level + "\")");
                    }
                }
                default -> {
                    if (PATH_METHODS.contains(method.text())) {
                        for (List<DrlTokens.Token> arg : args) {
                            if (arg.size() == 1 && arg.get(0).kind() == DrlTokens.Kind.STRING) {
                                String path = DrlIndex.unquote(arg.get(0).text());
                                if (!KnownFactPaths.contains(path)) {
                                    error(r, dt.line(arg.get(0).start()), dt.column(arg.get(0).start()),
                                            "unknown fact path \"" + path + "\" in outcome." + method.text()
                                                    + ": input paths such as \"ecog\" or \"lesions[].sizeMm\"");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean hasProblemWith(RuleMetadata meta, String annotation) {
        return meta.problems().stream().anyMatch(p -> p.contains(annotation));
    }

    /** The comma-separated arguments of the call whose '(' is at {@code open}. */
    private static List<List<DrlTokens.Token>> arguments(List<DrlTokens.Token> t, int open) {
        List<List<DrlTokens.Token>> args = new ArrayList<>();
        List<DrlTokens.Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            DrlTokens.Token x = t.get(i);
            if (x.is("(") || x.is("[") || x.is("{")) {
                if (depth++ == 0) {
                    continue;
                }
            } else if (x.is(")") || x.is("]") || x.is("}")) {
                if (--depth == 0) {
                    break;
                }
            } else if (depth == 1 && x.is(",")) {
                args.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(x);
        }
        if (!current.isEmpty()) {
            args.add(current);
        }
        return args;
    }

    // ---- deprecated syntax ----------------------------------------------------------------------------------

    /**
     * Infix {@code &&}/{@code ||} between patterns and half constraints in the conditions, {@code agenda-group}
     * in the attributes. Drools 10 only logs these (LanguageLevel DRL10 will drop them); the analyst should see
     * them with a position.
     */
    private void deprecatedSyntax(DrlIndex.RuleSite r) {
        DrlTokens dt = index.tokens(r.file());
        List<DrlTokens.Token> t = dt.tokens();
        int headerEnd = r.whenToken() >= 0 ? r.whenToken() : r.thenToken() >= 0 ? r.thenToken() : r.endToken();
        for (int i = r.ruleToken(); i + 2 < headerEnd; i++) {
            if (t.get(i).is("agenda") && t.get(i + 1).is("-") && t.get(i + 2).is("group")) {
                warning(r, dt, t.get(i), "'agenda-group' is deprecated (dropped by DRL10): use 'ruleflow-group'");
            }
        }
        if (r.whenToken() < 0) {
            return;
        }
        int lhsEnd = r.thenToken() >= 0 ? r.thenToken() : r.endToken();
        // A stack of contexts: true = a group of patterns (where && and || join patterns), false = inside a
        // pattern's constraints or an expression.
        List<Boolean> stack = new ArrayList<>();
        DrlTokens.Token previous = t.get(r.whenToken());
        for (int i = r.whenToken() + 1; i < lhsEnd; i++) {
            DrlTokens.Token x = t.get(i);
            boolean inGroup = stack.isEmpty() || stack.get(stack.size() - 1);
            if (x.is("(")) {
                boolean group;
                if (previous.kind() == DrlTokens.Kind.IDENT) {
                    group = GROUP_KEYWORDS.contains(previous.text());
                } else {
                    group = inGroup && (previous.is("(") || previous.is("&&") || previous.is("||")
                            || previous.is(":") || previous.is(","));
                }
                stack.add(group);
            } else if (x.is(")")) {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
            } else if (x.is("&&") || x.is("||")) {
                String word = x.is("&&") ? "and" : "or";
                if (inGroup) {
                    warning(r, dt, x, "'" + x.text() + "' between patterns is deprecated (dropped by DRL10): use '"
                            + word + "'");
                } else if (i + 1 < lhsEnd && halfConstraintStart(t, i + 1, lhsEnd)) {
                    warning(r, dt, x, "half constraint after '" + x.text() + "' is deprecated (dropped by DRL10): "
                            + "repeat the left operand, e.g. 'ecog > 1 " + x.text() + " ecog < 3'");
                }
            }
            previous = x;
        }
    }

    private static boolean halfConstraintStart(List<DrlTokens.Token> t, int i, int end) {
        DrlTokens.Token next = t.get(i);
        if (next.kind() == DrlTokens.Kind.OP) {
            return RELATIONAL.contains(next.text());
        }
        if (next.kind() != DrlTokens.Kind.IDENT) {
            return false;
        }
        if (next.is("not") && i + 1 < end) {
            next = t.get(i + 1);
        }
        return next.kind() == DrlTokens.Kind.IDENT && KEYWORD_OPERATORS.contains(next.text());
    }

    // ---- reporting ------------------------------------------------------------------------------------------

    private String where(DrlIndex.RuleSite r) {
        return r.file() + ":" + r.line() + " (rule \"" + r.name() + "\")";
    }

    /**
     * {@code Path( at == "Q3" )}: the path's question is a {@code Step}, so a string never equals it and the rule
     * would silently never match (rule sets written before the Step vocabulary compared strings).
     */
    private void stepAsString(DrlIndex.RuleSite r) {
        if (r.whenToken() < 0) {
            return;
        }
        DrlTokens dt = index.tokens(r.file());
        List<DrlTokens.Token> t = dt.tokens();
        int lhsEnd = r.thenToken() >= 0 ? r.thenToken() : r.endToken();
        for (int i = r.whenToken() + 1; i + 2 < lhsEnd; i++) {
            DrlTokens.Token op = t.get(i + 1);
            DrlTokens.Token value = t.get(i + 2);
            if (t.get(i).is("at") && (op.is("==") || op.is("!=")) && value.kind() == DrlTokens.Kind.STRING) {
                String literal = value.text().length() >= 2 ? value.text().substring(1, value.text().length() - 1)
                        : value.text();
                String step = literal.matches("[PQ][1-5]") ? "Step." + literal : "a Step (Step.P1 ... Step.Q5)";
                error(r, dt.line(value.start()), dt.column(value.start()), "Path.at is a Step, never equal to the"
                        + " string " + value.text() + ": compare it with " + step + " (import org.mltrules.Step)");
            }
        }
    }

    private void error(DrlIndex.RuleSite r, int line, int column, String message) {
        problems.add(new RuleProblem(RuleProblem.Severity.ERROR, r.file(), line, column, r.name(), message));
    }

    private void warning(DrlIndex.RuleSite r, DrlTokens dt, DrlTokens.Token at, String message) {
        problems.add(new RuleProblem(RuleProblem.Severity.WARNING, r.file(), dt.line(at.start()),
                dt.column(at.start()), r.name(), message));
    }
}
