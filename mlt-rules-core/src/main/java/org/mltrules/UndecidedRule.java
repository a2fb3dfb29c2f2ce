package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * A rule that unknown facts left undecided for one lesion: its id and the unknown facts, by input path, that would
 * decide it. On a ranked option ({@link RankedOption#openExclusions()}) it is an exclusion rule that could still
 * exclude the option, which is therefore provisional; on a lesion ({@link LesionAssessment#undecided()}) any
 * per-lesion rule.
 *
 * @param rule    the rule's id, e.g. {@code H5}
 * @param missing the unknown facts that left it undecided, in case-format order, never empty
 */
public record UndecidedRule(String rule, List<String> missing) {
    public UndecidedRule {
        Objects.requireNonNull(rule, "rule");
        missing = List.copyOf(missing);
    }
}
