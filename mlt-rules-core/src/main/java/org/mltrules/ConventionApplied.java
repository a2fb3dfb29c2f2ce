package org.mltrules;

import java.util.Objects;

/**
 * An operational convention (K1-K11) whose trigger held for this case, with its value in force. Written in the
 * assessment as {@code {"id": "K1", "name": "synchronousWindowMonths", "value": 6}}.
 *
 * @param convention the convention
 * @param value      its value in force: a number or a boolean; {@code true} for a behaviour convention (K5, K6, K7,
 *                   K10)
 */
public record ConventionApplied(Convention convention, Object value) {
    public ConventionApplied {
        Objects.requireNonNull(convention, "convention");
    }

    /** The convention in force, with its value under {@code conventions} ({@link Convention#valueIn}). */
    public static ConventionApplied of(Convention convention, Conventions conventions) {
        return new ConventionApplied(convention, convention.valueIn(conventions));
    }

    /** {@code K1}..{@code K11}. */
    public String id() {
        return convention.name();
    }

    /** The convention's name, e.g. {@code synchronousWindowMonths} ({@link Convention#key()}). */
    public String name() {
        return convention.key();
    }
}
