package org.mltrules;

import java.util.Objects;

/**
 * One problem in a rule set: a compile error, a lint finding, or a failed scenario.
 *
 * @param severity {@link Severity#ERROR} refuses the rule set; {@link Severity#WARNING} does not
 * @param file     path of the file relative to the rule-set folder, or {@code null} when not tied to one
 * @param line     1-based line, or 0 when unknown
 * @param column   1-based column, or 0 when unknown
 * @param rule     the rule's name, or {@code null}
 * @param message  what is wrong
 */
public record RuleProblem(Severity severity, String file, int line, int column, String rule, String message) {

    /** How serious a problem is. */
    public enum Severity { ERROR, WARNING }

    public RuleProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}, leaving out what is unknown rather than printing a wrong position. */
    public String render() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
            if (line > 0) {
                b.append(':').append(line);
                if (column > 0) {
                    b.append(':').append(column);
                }
            }
            b.append(": ");
        }
        if (severity == Severity.WARNING) {
            b.append("warning: ");
        }
        if (rule != null) {
            b.append("rule \"").append(rule).append("\": ");
        }
        return b.append(message).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
