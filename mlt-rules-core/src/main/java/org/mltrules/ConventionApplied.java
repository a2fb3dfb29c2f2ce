package org.mltrules;

/**
 * An operational convention (K1-K10) whose trigger held for this case, with its value in force.
 *
 * @param id    {@code K1}..{@code K10}
 * @param name  the convention's name, e.g. {@code synchronousWindowMonths}
 * @param value its value in force: a number or a boolean; {@code true} for a behaviour convention (K5, K6, K7, K10)
 */
public record ConventionApplied(String id, String name, Object value) { }
