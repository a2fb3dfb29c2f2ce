package org.mltrules.facts;

import org.kie.api.runtime.rule.RuleContext;
import org.mltrules.Technique;

/**
 * Where rules record their conclusions: the global {@code outcome}, one per assessment (never shared between
 * threads), provided by the engine. Every method takes the rule's {@code kcontext} and reads the rule's metadata for
 * the reason's id, effect, text, evidence and tier, so the DRL action stays one line and a weight lives only in the
 * metadata.
 *
 * <p>A rule that applies a reason must not carry {@code @undecided}; a rule that records unknown facts must carry
 * it (it then does not count as fired). A violation is a rule-set defect and fails the assessment, naming the rule.
 * Facts are named by their input paths ({@code ecog}, {@code lesions[].resectableR0}; see {@link KnownFactPaths}).
 */
public interface Outcome {

    /**
     * Applies the calling rule to a lesion: for each technique of its {@code @technique}, an exclusion
     * ({@code @effect("EXCLUDE")}) or a score change ({@code @effect(n)}) with the rule's reason.
     */
    void apply(RuleContext kcontext, Metastasis lesion);

    /** Applies the calling rule to a lesion for one technique only (e.g. {@code UNAVAILABLE} for the technique). */
    void apply(RuleContext kcontext, Metastasis lesion, Technique technique);

    /**
     * Records the given input paths as unknown facts that left the calling rule undecided for this lesion,
     * without checking them (for facts that are not the lesion's own, e.g. another lung lesion's laterality).
     */
    void missing(RuleContext kcontext, Metastasis lesion, String... facts);

    /**
     * The calling rule could not be decided for this lesion because of unknown facts: records, among the given
     * input paths ({@code ecog}, {@code lesions[].resectableR0}), those that are unknown for this patient and
     * lesion.
     */
    void undecided(RuleContext kcontext, Metastasis lesion, String... facts);

    /** Raises the calling rule's {@code @flag}, with its reason. */
    void flag(RuleContext kcontext);

    /** The calling rule makes local therapy not recommended ({@code @level("NOT_RECOMMENDED")}), with its reason. */
    void notRecommended(RuleContext kcontext);

    /**
     * The calling rule asks the board to discuss local therapy ({@code @level("DISCUSS")}): a patient-level reason
     * without a flag, which makes the candidacy {@code DISCUSS} unless it is not recommended.
     */
    void discuss(RuleContext kcontext);

    /**
     * Among the given input paths, records those unknown as facts the candidacy depended on. A lesion path
     * ({@code lesions[].safelyTreatable}) is unknown when it is unknown for any counted lesion.
     */
    void candidacyUndecided(RuleContext kcontext, String... facts);

    /**
     * Records the given input paths in {@code candidacy.missing} without making the level {@code DISCUSS}: the
     * unknown facts of a flag or a {@code DISCUSS} reason, and the one documented exception of step 1 (an unknown
     * life expectancy, which the board estimates). The calling twin's condition establishes that they are unknown,
     * so they are not checked (a regional node's {@code NOT_ASSESSABLE} response counts as unknown).
     */
    void candidacyNoted(RuleContext kcontext, String... facts);
}
