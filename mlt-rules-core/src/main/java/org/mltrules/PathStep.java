package org.mltrules;

import java.util.Objects;

/**
 * One question answered on the classification path.
 *
 * @param step    the question: {@link Step#P1}-{@link Step#P3} (preconditions) or {@link Step#Q1}-{@link Step#Q5}
 *                (ESTRO/EORTC tree); {@link Step#question(Conventions)} gives its text
 * @param answer  the answer; {@link Answer#UNKNOWN} ends the path
 * @param because the deciding {@code field = value} pairs, joined by {@code "; "}
 */
public record PathStep(Step step, Answer answer, String because) {
    public PathStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(because, "because");
    }
}
