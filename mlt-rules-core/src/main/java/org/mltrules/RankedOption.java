package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * A candidate technique for one lesion.
 *
 * @param technique      the technique
 * @param rank           the competition rank by score and strongest positive tier: options equal on both share a
 *                       rank (1, 2, 2, 4); the fixed technique order only orders the listing inside a tie
 * @param score          the sum of the reasons' effects
 * @param reasons        every favouring factor and caution that applied
 * @param openExclusions exclusion rules that unknown facts left undecided for this technique: while any is listed,
 *                       the option is provisional (it could still be excluded)
 */
public record RankedOption(Technique technique, int rank, int score, List<Reason> reasons,
                           List<UndecidedRule> openExclusions) {
    public RankedOption {
        Objects.requireNonNull(technique, "technique");
        reasons = List.copyOf(reasons);
        openExclusions = List.copyOf(openExclusions);
    }

    /** An option no undecided exclusion rule applies to. */
    public RankedOption(Technique technique, int rank, int score, List<Reason> reasons) {
        this(technique, rank, score, reasons, List.of());
    }

    /** Whether an undecided exclusion rule could still exclude this option. */
    public boolean provisional() {
        return !openExclusions.isEmpty();
    }
}
