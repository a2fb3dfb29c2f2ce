package org.mltrules.facts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.kie.api.runtime.rule.RuleContext;
import org.mltrules.Flag;
import org.mltrules.Reason;
import org.mltrules.Technique;
import org.mltrules.internal.RuleMeta;

/**
 * Where rules record their conclusions: the global {@code outcome}, one per assessment (never shared between
 * threads). Every method that takes the rule's {@code kcontext} reads the rule's metadata for the reason's id,
 * effect, text, evidence and tier, so the DRL action stays one line and a weight lives only in the metadata.
 */
public final class Outcome {
    private final Function<String, RuleMeta> metadata;
    private final Patient patient;
    private final List<Metastasis> lesions;

    private final List<LesionOutcome> lesionOutcomes = new ArrayList<>();

    private final Set<Flag> flags = new LinkedHashSet<>();
    private final List<Reason> candidacyReasons = new ArrayList<>();
    private final Set<String> candidacyMissing = new LinkedHashSet<>();
    private boolean notRecommended;

    public Outcome(Function<String, RuleMeta> metadata, Patient patient, List<Metastasis> lesions) {
        this.metadata = metadata;
        this.patient = patient;
        this.lesions = lesions;
        for (int i = 0; i < lesions.size(); i++) {
            lesionOutcomes.add(new LesionOutcome());
        }
    }

    // ---- local therapy, per lesion ----------------------------------------------------------------------------

    /**
     * Applies the calling rule to a lesion: for each technique of its {@code @technique}, an exclusion
     * ({@code @effect("EXCLUDE")}) or a score change ({@code @effect(n)}) with the rule's reason.
     */
    public void apply(RuleContext kcontext, Metastasis lesion) {
        RuleMeta meta = meta(kcontext);
        apply(meta, lesion, meta.techniques());
    }

    /** Applies the calling rule to a lesion for one technique only (e.g. {@code UNAVAILABLE} for the technique). */
    public void apply(RuleContext kcontext, Metastasis lesion, Technique technique) {
        apply(meta(kcontext), lesion, Set.of(technique));
    }

    private void apply(RuleMeta meta, Metastasis lesion, Set<Technique> techniques) {
        LesionOutcome lo = lesionOutcomes.get(lesion.getIndex());
        Reason reason = meta.reason();
        for (Technique t : techniques) {
            Map<Technique, List<Reason>> target = meta.exclude() ? lo.exclusions : lo.adjustments;
            List<Reason> reasons = target.computeIfAbsent(t, k -> new ArrayList<>());
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
    }

    /**
     * Records the given input paths as unknown facts that left the calling rule undecided for this lesion,
     * without checking them (for facts that are not the lesion's own, e.g. another lung lesion's laterality).
     */
    public void missing(RuleContext kcontext, Metastasis lesion, String... facts) {
        Set<String> missing = lesionOutcomes.get(lesion.getIndex()).missing;
        for (String f : facts) {
            missing.add(f);
        }
    }

    /**
     * The calling rule could not be decided for this lesion because of unknown facts: records, among the given
     * input paths ({@code ecog}, {@code lesions[].resectableR0}), those that are unknown for this patient and
     * lesion.
     */
    public void undecided(RuleContext kcontext, Metastasis lesion, String... facts) {
        Set<String> missing = lesionOutcomes.get(lesion.getIndex()).missing;
        for (String f : facts) {
            if (FactPaths.isUnknown(f, patient, lesion)) {
                missing.add(f);
            }
        }
    }

    // ---- patient level ------------------------------------------------------------------------------------------

    /** Raises the calling rule's {@code @flag}, with its reason. */
    public void flag(RuleContext kcontext) {
        RuleMeta meta = meta(kcontext);
        if (meta.flag() == null) {
            throw new IllegalStateException("rule \"" + meta.name() + "\" raises a flag but has no @flag metadata");
        }
        flags.add(meta.flag());
        addCandidacyReason(meta.reason());
    }

    /** The calling rule makes local therapy not recommended ({@code @level("NOT_RECOMMENDED")}), with its reason. */
    public void notRecommended(RuleContext kcontext) {
        notRecommended = true;
        addCandidacyReason(meta(kcontext).reason());
    }

    /** Among the given input paths, records those unknown as facts the candidacy depended on. */
    public void candidacyUndecided(RuleContext kcontext, String... facts) {
        for (String f : facts) {
            if (FactPaths.isUnknown(f, patient, null)) {
                candidacyMissing.add(f);
            }
        }
    }

    private void addCandidacyReason(Reason reason) {
        if (!candidacyReasons.contains(reason)) {
            candidacyReasons.add(reason);
        }
    }

    private RuleMeta meta(RuleContext kcontext) {
        return metadata.apply(kcontext.getRule().getName());
    }

    // ---- read by the engine ---------------------------------------------------------------------------------

    public LesionOutcome lesion(int index) { return lesionOutcomes.get(index); }
    public List<Metastasis> lesions() { return lesions; }
    public Set<Flag> flags() { return flags; }
    public List<Reason> candidacyReasons() { return candidacyReasons; }
    public Set<String> candidacyMissing() { return candidacyMissing; }
    public boolean isNotRecommended() { return notRecommended; }

    /** What the rules concluded for one lesion. */
    public static final class LesionOutcome {
        final Map<Technique, List<Reason>> exclusions = new EnumMap<>(Technique.class);
        final Map<Technique, List<Reason>> adjustments = new EnumMap<>(Technique.class);
        final Set<String> missing = new LinkedHashSet<>();

        public Map<Technique, List<Reason>> exclusions() { return exclusions; }
        public Map<Technique, List<Reason>> adjustments() { return adjustments; }
        public Set<String> missing() { return missing; }
    }
}
