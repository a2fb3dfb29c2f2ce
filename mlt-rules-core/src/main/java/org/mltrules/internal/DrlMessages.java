package org.mltrules.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;
import org.mltrules.RuleProblem;

/** Turns Drools build messages into problems that name the analyst's file, line and column. */
final class DrlMessages {
    private static final Pattern LINE_COL = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)\\]");
    private static final Pattern RULE = Pattern.compile("Rule Compilation error|rule \"?([^\"\\]]+)\"?");

    private DrlMessages() {
    }

    static RuleProblem toProblem(Message m, Map<String, String> drl) {
        String file = m.getPath();
        if (file != null && file.startsWith("src/main/resources/")) {
            file = file.substring("src/main/resources/".length());
        }
        int line = Math.max(m.getLine(), 0);
        int column = Math.max(m.getColumn(), 0);
        String text = m.getText() == null ? "" : m.getText().trim();
        Matcher lc = LINE_COL.matcher(text);
        if (lc.find()) {
            int l = Integer.parseInt(lc.group(1));
            int c = Integer.parseInt(lc.group(2));
            if (l > 0) {
                line = l;
            }
            // Drools counts columns from 0 in this text; report 1-based, and only when it is not the default 0.
            column = c > 0 ? c + 1 : 0;
        }
        return new RuleProblem(RuleProblem.Severity.ERROR, file, line, column, null, text.replaceAll("\\s+", " "));
    }
}
