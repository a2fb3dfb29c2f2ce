package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * The local-therapy ranking for one lesion. Every technique appears exactly once, in {@code options} or in
 * {@code excluded}.
 *
 * @param lesionId the input lesion's id
 * @param missing  input paths of unknown facts that left a rule of this lesion undecided
 * @param options  the techniques not excluded, by rank
 * @param excluded the excluded techniques, in the fixed technique order
 */
public record LesionAssessment(String lesionId, List<String> missing, List<RankedOption> options,
                               List<Exclusion> excluded) {
    public LesionAssessment {
        Objects.requireNonNull(lesionId, "lesionId");
        missing = List.copyOf(missing);
        options = List.copyOf(options);
        excluded = List.copyOf(excluded);
    }
}
