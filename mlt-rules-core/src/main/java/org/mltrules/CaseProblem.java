package org.mltrules;

import java.util.Objects;

/**
 * One problem with an input case.
 *
 * @param field   the input path, indexed from 0 ({@code lesions[2].sizeMm}); {@code ""} for the whole case
 * @param value   the offending value as given (may be {@code null})
 * @param message why it is refused
 */
public record CaseProblem(String field, Object value, String message) {
    public CaseProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The field and the message, without the value: a problem list ends up in logs, and the value is case
     * content ({@link #value()} gives it to a caller that reports it to the user). Both are escaped with
     * {@link SafeText}, as a field path holds the input's own keys (a message may quote one).
     */
    @Override
    public String toString() {
        return SafeText.escape(field.isEmpty() ? "case" : field) + ": " + SafeText.escape(message);
    }
}
