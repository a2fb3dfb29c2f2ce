package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * A candidate technique for one lesion.
 *
 * @param technique the technique
 * @param rank      1..n without gaps
 * @param score     the sum of the reasons' effects
 * @param reasons   every favouring factor and caution that applied
 */
public record RankedOption(Technique technique, int rank, int score, List<Reason> reasons) {
    public RankedOption {
        Objects.requireNonNull(technique, "technique");
        reasons = List.copyOf(reasons);
    }
}
