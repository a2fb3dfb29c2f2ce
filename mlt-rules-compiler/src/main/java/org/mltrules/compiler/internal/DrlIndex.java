package org.mltrules.compiler.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Where the rules of a rule set are: for each DRL file, its rules by name with their line, their metadata as the
 * Drools DRL parser reads it, and the token ranges of their header, conditions ({@code when}) and action
 * ({@code then}). Lets compiler messages and lint findings name the analyst's file, line and column.
 */
final class DrlIndex {

    /**
     * One rule as written.
     *
     * @param file        path relative to the rule-set folder
     * @param packageName the file's package
     * @param name        the rule's name
     * @param line        1-based line of the {@code rule} keyword
     * @param column      1-based column of the {@code rule} keyword
     * @param endLine     1-based line of its {@code end}
     * @param ruleToken   index of the {@code rule} token
     * @param whenToken   index of {@code when}, or -1
     * @param thenToken   index of {@code then}, or -1
     * @param endToken    index of {@code end}
     * @param metadata    the metadata as Drools reads it ({@code null} values for annotations without a value); empty
     *                    when the file did not parse
     * @param annotations offset of each annotation's {@code @}, by name
     */
    record RuleSite(String file, String packageName, String name, int line, int column, int endLine, int ruleToken,
                    int whenToken, int thenToken, int endToken, Map<String, Object> metadata,
                    Map<String, Integer> annotations) {
    }

    private final Map<String, DrlTokens> files = new LinkedHashMap<>();
    private final Map<String, Boolean> parsed = new HashMap<>();
    private final List<RuleSite> rules = new ArrayList<>();

    private DrlIndex() {
    }

    /** Indexes DRL files given by relative path. Never fails: a file that does not parse is indexed lexically. */
    static DrlIndex of(Map<String, String> drl) {
        DrlIndex index = new DrlIndex();
        for (Map.Entry<String, String> e : drl.entrySet()) {
            index.add(e.getKey(), e.getValue());
        }
        return index;
    }

    private void add(String file, String text) {
        DrlTokens tokens = DrlTokens.of(text);
        files.put(file, tokens);
        List<LexRule> lexical = scan(tokens);
        Map<Integer, RuleDescr> byLine = new HashMap<>();
        String packageName = "";
        boolean ok = false;
        try {
            DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
            PackageDescr pd = parser.parse(false, text);
            if (pd != null && !parser.hasErrors()) {
                ok = true;
                packageName = pd.getNamespace() == null ? "" : pd.getNamespace();
                for (RuleDescr r : pd.getRules()) {
                    byLine.put(r.getLine(), r);
                }
            }
        } catch (DroolsParserException | RuntimeException e) {
            // The compiler reports the syntax error with its position; this index stays lexical for the file.
            ok = false;
        }
        parsed.put(file, ok);
        for (LexRule lr : lexical) {
            DrlTokens.Token rt = tokens.tokens().get(lr.ruleToken);
            int line = tokens.line(rt.start());
            RuleDescr descr = byLine.get(line);
            Map<String, Object> meta = descr == null ? Map.of() : metadata(descr);
            String name = descr != null ? descr.getName() : lr.name;
            int endLine = tokens.line(tokens.tokens().get(lr.endToken).start());
            rules.add(new RuleSite(file, packageName, name, line, tokens.column(rt.start()), endLine, lr.ruleToken,
                    lr.whenToken, lr.thenToken, lr.endToken, meta, lr.annotations));
        }
    }

    private static Map<String, Object> metadata(RuleDescr r) {
        Map<String, Object> meta = new HashMap<>();
        for (String n : r.getAnnotationNames()) {
            AnnotationDescr ad = r.getAnnotation(n);
            Object v = !ad.hasValue() ? null
                    : ad.getValueMap().size() == 1 ? ad.getSingleValueStripped() : ad.getValueMap().toString();
            meta.put(n, v instanceof String s ? s.replace("\\\"", "\"") : v);
        }
        return Collections.unmodifiableMap(meta);
    }

    private record LexRule(String name, int ruleToken, int whenToken, int thenToken, int endToken,
                           Map<String, Integer> annotations) {
    }

    /**
     * Finds rules lexically: {@code rule "name" ... when ... then ... end} at the top level, skipping
     * {@code declare}, {@code query} and {@code function} blocks.
     */
    private static List<LexRule> scan(DrlTokens dt) {
        List<DrlTokens.Token> t = dt.tokens();
        List<LexRule> out = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            DrlTokens.Token tok = t.get(i);
            if (tok.kind() == DrlTokens.Kind.IDENT && (tok.is("declare") || tok.is("query"))) {
                i = endOf(t, i + 1);
                continue;
            }
            if (tok.kind() == DrlTokens.Kind.IDENT && tok.is("function")) {
                int j = i;
                while (j < t.size() && !t.get(j).is("{")) {
                    j++;
                }
                int depth = 0;
                for (; j < t.size(); j++) {
                    if (t.get(j).is("{")) {
                        depth++;
                    } else if (t.get(j).is("}") && --depth == 0) {
                        break;
                    }
                }
                i = j + 1;
                continue;
            }
            if (tok.kind() != DrlTokens.Kind.IDENT || !tok.is("rule") || i + 1 >= t.size()) {
                i++;
                continue;
            }
            DrlTokens.Token nameToken = t.get(i + 1);
            String name = nameToken.kind() == DrlTokens.Kind.STRING
                    ? unquote(nameToken.text()) : nameToken.text();
            int when = -1;
            int then = -1;
            int braces = 0;
            Map<String, Integer> annotations = new LinkedHashMap<>();
            int j = i + 2;
            for (; j < t.size(); j++) {
                DrlTokens.Token x = t.get(j);
                if (x.is("{")) {
                    braces++;
                } else if (x.is("}")) {
                    braces = Math.max(0, braces - 1);
                } else if (x.kind() == DrlTokens.Kind.IDENT) {
                    // Keywords are recognised whatever the parentheses, so that a missing ')' does not swallow
                    // the rest of the file.
                    if (x.is("rule") && j + 1 < t.size() && t.get(j + 1).kind() == DrlTokens.Kind.STRING) {
                        j--;
                        break;
                    } else if (when < 0 && then < 0 && x.is("when")) {
                        when = j;
                    } else if (then < 0 && x.is("then")) {
                        then = j;
                    } else if (then >= 0 && braces == 0 && x.is("end") && (j + 1 >= t.size()
                            || t.get(j + 1).kind() == DrlTokens.Kind.IDENT)) {
                        break;
                    }
                }
                if (when < 0 && then < 0 && x.is("@") && j + 1 < t.size()
                        && t.get(j + 1).kind() == DrlTokens.Kind.IDENT) {
                    annotations.putIfAbsent(t.get(j + 1).text(), x.start());
                }
            }
            int end = Math.min(j, t.size() - 1);
            out.add(new LexRule(name, i, when, then, end, Collections.unmodifiableMap(annotations)));
            i = end + 1;
        }
        return out;
    }

    private static int endOf(List<DrlTokens.Token> t, int from) {
        for (int j = from; j < t.size(); j++) {
            if (t.get(j).kind() == DrlTokens.Kind.IDENT && t.get(j).is("end")) {
                return j + 1;
            }
        }
        return t.size();
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"");
        }
        return s;
    }

    /** The indexed files, by relative path. */
    java.util.Set<String> files() {
        return files.keySet();
    }

    /** Every rule, in file order then position. */
    List<RuleSite> rules() {
        return rules;
    }

    /** Whether the Drools parser read the file without error (lint only trusts metadata of parsed files). */
    boolean parsed(String file) {
        return parsed.getOrDefault(file, false);
    }

    /** The tokens of a file, or {@code null} for a file not in the rule set. */
    DrlTokens tokens(String file) {
        return files.get(file);
    }

    /** The rule whose text spans the line (from its {@code rule} keyword to its {@code end}). */
    Optional<RuleSite> ruleAt(String file, int line) {
        return rules.stream().filter(r -> r.file().equals(file) && r.line() <= line && line <= r.endLine())
                .findFirst();
    }

    /** The rule of that name in a file. */
    Optional<RuleSite> rule(String file, String name) {
        return rules.stream().filter(r -> r.file().equals(file) && r.name().equals(name)).findFirst();
    }

    /**
     * Offsets of the identifier tokens equal to {@code identifier} among a rule's tokens from index {@code from}
     * (inclusive) to {@code to} (exclusive); strings and comments are not searched.
     */
    List<Integer> find(RuleSite r, String identifier, int from, int to) {
        List<DrlTokens.Token> t = files.get(r.file()).tokens();
        List<Integer> out = new ArrayList<>();
        for (int i = Math.max(from, 0); i < Math.min(to, t.size()); i++) {
            DrlTokens.Token x = t.get(i);
            if (x.kind() == DrlTokens.Kind.IDENT && x.text().equals(identifier)) {
                out.add(x.start());
            }
        }
        return out;
    }
}
