package org.mltrules;

import java.util.Objects;

/**
 * One question answered on the classification path.
 *
 * @param step    {@code P1}-{@code P3} (preconditions) or {@code Q1}-{@code Q5} (ESTRO/EORTC tree)
 * @param answer  the answer; {@link Answer#UNKNOWN} ends the path
 * @param because the deciding {@code field = value} pairs, joined by {@code "; "}
 */
public record PathStep(String step, Answer answer, String because) {
    public PathStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(because, "because");
    }
}
