package org.mltrules.compiler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;
import org.mltrules.RuleProblem;

/**
 * Turns Drools build messages (classic compiler) into problems that name the analyst's file, line and column.
 *
 * <p>Drools gives column 0 in every message, the pattern's first line for an unknown field, and only the rule's
 * first line for an error in a rule's action. The position is recovered from the message text (the parser's
 * {@code Line l:c}) or by finding the identifier the message names among the rule's tokens; when that is
 * ambiguous the column is left unknown (0) rather than guessed, and the line is the rule's own.
 */
final class DrlMessages {
    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern PARSER = Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*?)(?: in rule \"?([^\"]*)\"?)?$",
            Pattern.DOTALL);
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unable to resolve ObjectType '([^']+)'");
    private static final Pattern ANALYSE = Pattern.compile("^Unable to Analyse Expression (.*?):\\s*\\[Error: (.*?)\\]",
            Pattern.DOTALL);
    private static final Pattern STRICT_METHOD = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern GENERATED_TYPE = Pattern.compile("\\s*(?:for|in) the type \\w*Rule_\\w+");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate rule name: (.*)$");
    private static final List<Pattern> ACTION_IDENTIFIERS = List.of(
            Pattern.compile("The method (\\w+)\\("),
            Pattern.compile("The constructor (\\w+)\\("),
            Pattern.compile("The field [\\w.]*?(\\w+) is not visible"),
            Pattern.compile("^(\\w+) cannot be resolved"),
            Pattern.compile("^[\\w.]+\\.(\\w+) cannot be resolved"),
            Pattern.compile("^(\\w+) is not a field"));

    private DrlMessages() {
    }

    /** Whether a problem reports a rule name used twice (by Drools or by the linter). */
    static boolean isDuplicateRuleName(RuleProblem p) {
        return p.message().startsWith(DUPLICATE_NAME);
    }

    /** Start of the message of a rule name used twice. */
    static final String DUPLICATE_NAME = "rule name used twice";

    /** The problems a message stands for (a rule's action may carry several compiler errors in one message). */
    static List<RuleProblem> toProblems(Message m, DrlIndex index) {
        RuleProblem.Severity severity = m.getLevel() == Message.Level.ERROR
                ? RuleProblem.Severity.ERROR : RuleProblem.Severity.WARNING;
        String file = m.getPath();
        if (file != null && file.startsWith(RESOURCES)) {
            file = file.substring(RESOURCES.length());
        }
        if (file != null && (file.isEmpty() || file.endsWith(".java"))) {
            // Generated Java: never point the analyst there.
            file = null;
        }
        int line = Math.max(m.getLine(), 0);
        String text = m.getText() == null ? "" : m.getText().trim();
        List<RuleProblem> out = new ArrayList<>();

        Matcher parser = PARSER.matcher(text);
        if (parser.matches()) {
            int l = Integer.parseInt(parser.group(1));
            int c = Integer.parseInt(parser.group(2));
            String rule = parser.group(4);
            String message = oneLine(parser.group(3)) + unclosedParenthesis(index, file, l, c);
            out.add(new RuleProblem(severity, file, l, c + 1, rule, message));
            return out;
        }
        Optional<DrlIndex.RuleSite> site = file == null || line == 0 ? Optional.empty() : index.ruleAt(file, line);
        String rule = site.map(DrlIndex.RuleSite::name).orElse(null);

        Matcher type = UNKNOWN_TYPE.matcher(text);
        if (type.find()) {
            String simple = type.group(1).substring(type.group(1).lastIndexOf('.') + 1);
            int[] pos = locate(index, site, simple, line, false);
            out.add(new RuleProblem(severity, file, pos[0], pos[1], rule, "unknown fact type '" + type.group(1)
                    + "': not a class of the fact model (org.mltrules.facts) and not imported"));
            return out;
        }
        Matcher analyse = ANALYSE.matcher(text);
        if (analyse.find()) {
            String expression = oneLine(analyse.group(1));
            String error = oneLine(analyse.group(2));
            Matcher strict = STRICT_METHOD.matcher(error);
            if (strict.find()) {
                String owner = strict.group(1).substring(strict.group(1).lastIndexOf('.') + 1);
                String field = strict.group(2);
                int[] pos = locate(index, site, field, line, false);
                out.add(new RuleProblem(severity, file, pos[0], pos[1], rule,
                        "unknown property '" + field + "' of " + owner + " in '" + expression + "'"));
            } else {
                out.add(new RuleProblem(severity, file, line, 0, rule,
                        "cannot analyse '" + expression + "': " + error));
            }
            return out;
        }
        if (text.startsWith("Rule Compilation error")) {
            String rest = text.substring("Rule Compilation error".length()).trim();
            for (String error : rest.split("\\R")) {
                error = GENERATED_TYPE.matcher(error.trim()).replaceAll("").trim();
                if (error.isEmpty()) {
                    continue;
                }
                String identifier = actionIdentifier(error);
                int[] pos = identifier == null ? new int[] {line, 0} : locate(index, site, identifier, line, true);
                out.add(new RuleProblem(severity, file, pos[0], pos[1], rule, error));
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        Matcher duplicate = DUPLICATE.matcher(text);
        if (duplicate.matches() && file != null) {
            Optional<DrlIndex.RuleSite> named = index.rule(file, duplicate.group(1).trim());
            int column = named.filter(r -> r.line() == m.getLine()).map(DrlIndex.RuleSite::column).orElse(0);
            out.add(new RuleProblem(severity, file, line, column, duplicate.group(1).trim(),
                    DUPLICATE_NAME));
            return out;
        }
        if (text.equals("Parser returned a null Package")) {
            out.add(new RuleProblem(severity, file, 0, 0, null, "the file could not be parsed"));
            return out;
        }
        out.add(new RuleProblem(severity, file, line, 0, rule, oneLine(text)));
        return out;
    }

    /** Whether a problem is the parser's follow-up "could not be parsed", redundant when the file has other errors. */
    static boolean isParseFollowUp(RuleProblem p) {
        return p.line() == 0 && p.message().equals("the file could not be parsed");
    }

    private static String actionIdentifier(String error) {
        for (Pattern p : ACTION_IDENTIFIERS) {
            Matcher m = p.matcher(error);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * Line and column of the identifier in the rule: the only occurrence at or after the reported line (in the
     * action, for action errors). Several candidates: the reported line without a column.
     */
    private static int[] locate(DrlIndex index, Optional<DrlIndex.RuleSite> site, String identifier, int line,
                                boolean inAction) {
        if (site.isEmpty()) {
            return new int[] {line, 0};
        }
        DrlIndex.RuleSite r = site.get();
        DrlTokens tokens = index.tokens(r.file());
        int from = inAction && r.thenToken() >= 0 ? r.thenToken() : Math.max(r.ruleToken(), tokens.indexAt(
                tokens.lineStart(line)));
        List<Integer> hits = index.find(r, identifier, from, r.endToken() + 1);
        if (inAction && hits.isEmpty()) {
            // An action error may sit in an eval() or a from-expression of the conditions.
            hits = index.find(r, identifier, r.ruleToken(), r.endToken() + 1);
        }
        if (hits.size() == 1) {
            int offset = hits.get(0);
            return new int[] {tokens.line(offset), tokens.column(offset)};
        }
        return new int[] {line, 0};
    }

    /**
     * For a parser error inside a rule's conditions: where the '(' that is still open at the error was opened
     * (the usual cause of "mismatched input" is a missing ')').
     */
    private static String unclosedParenthesis(DrlIndex index, String file, int line, int column) {
        if (file == null || index.tokens(file) == null) {
            return "";
        }
        Optional<DrlIndex.RuleSite> site = index.ruleAt(file, line);
        if (site.isEmpty() || site.get().whenToken() < 0) {
            return "";
        }
        DrlTokens tokens = index.tokens(file);
        int errorOffset = tokens.lineStart(line) + column;
        List<DrlTokens.Token> t = tokens.tokens();
        List<DrlTokens.Token> open = new ArrayList<>();
        for (int i = site.get().whenToken() + 1; i < t.size() && t.get(i).start() < errorOffset; i++) {
            if (t.get(i).is("(")) {
                open.add(t.get(i));
            } else if (t.get(i).is(")") && !open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }
        if (open.isEmpty()) {
            return "";
        }
        DrlTokens.Token p = open.get(open.size() - 1);
        return " (the '(' at " + tokens.line(p.start()) + ":" + tokens.column(p.start()) + " is not closed)";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
