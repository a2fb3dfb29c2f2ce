package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * The local-therapy ranking for one lesion. Every technique appears exactly once, in {@code options} or in
 * {@code excluded}.
 *
 * @param lesionId  the input lesion's id
 * @param missing   input paths of unknown facts that left a rule of this lesion undecided
 * @param options   the techniques not excluded, by rank
 * @param excluded  the excluded techniques, in the fixed technique order
 * @param firedRules the ids of the per-lesion rules that fired for this lesion, by rule id, including those whose
 *                  techniques ended up excluded by another rule (their reasons are then not shown). Java API only,
 *                  for audit and for checking the rules: the JSON assessment carries the case's {@code firedRules}
 * @param undecided each per-lesion rule that unknown facts left undecided, with the facts that would decide it, by
 *                  rule id (the union of their facts is {@code missing}). Java API only: the JSON assessment
 *                  carries {@code missing} and, per option, the exclusions among them ({@code openExclusions})
 */
public record LesionAssessment(String lesionId, List<String> missing, List<RankedOption> options,
                               List<Exclusion> excluded, List<String> firedRules, List<UndecidedRule> undecided) {
    public LesionAssessment {
        Objects.requireNonNull(lesionId, "lesionId");
        missing = List.copyOf(missing);
        options = List.copyOf(options);
        excluded = List.copyOf(excluded);
        firedRules = List.copyOf(firedRules);
        undecided = List.copyOf(undecided);
    }

    /** A lesion without its per-rule trace (fired and undecided rules). */
    public LesionAssessment(String lesionId, List<String> missing, List<RankedOption> options,
                            List<Exclusion> excluded) {
        this(lesionId, missing, options, excluded, List.of(), List.of());
    }
}
