package org.mltrules.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 *
 * <p>A rule that applies a reason must not carry {@code @undecided}; a rule that records unknown facts must carry
 * it (it then does not count as fired). A violation is a rule-set defect and fails the assessment, naming the rule.
 */
public final class Outcome {
    private final Function<String, RuleMeta> metadata;
    private final Patient patient;
    private final List<Metastasis> lesions;

    private final List<LesionOutcome> lesionOutcomes = new ArrayList<>();

    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final Map<Flag, List<Reason>> flagReasons = new EnumMap<>(Flag.class);
    private final List<Reason> notRecommendedReasons = new ArrayList<>();
    private final Set<String> candidacyMissing = new TreeSet<>(FactPaths.INPUT_ORDER);
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
        RuleMeta meta = decided(kcontext);
        if (meta.techniques().isEmpty()) {
            throw new IllegalStateException("rule \"" + meta.name() + "\" applies to a lesion but has no @technique");
        }
        apply(meta, lesion, meta.techniques());
    }

    /** Applies the calling rule to a lesion for one technique only (e.g. {@code UNAVAILABLE} for the technique). */
    public void apply(RuleContext kcontext, Metastasis lesion, Technique technique) {
        apply(decided(kcontext), lesion, Set.of(technique));
    }

    private void apply(RuleMeta meta, Metastasis lesion, Set<Technique> techniques) {
        if (!meta.exclude() && meta.effect() == null) {
            throw new IllegalStateException("rule \"" + meta.name()
                    + "\" applies to a lesion but has no @effect (an integer -2..+2 or EXCLUDE)");
        }
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
        RuleMeta meta = undecidedMeta(kcontext);
        LesionOutcome lo = lesionOutcomes.get(lesion.getIndex());
        for (String f : facts) {
            lo.record(meta, f);
        }
    }

    /**
     * The calling rule could not be decided for this lesion because of unknown facts: records, among the given
     * input paths ({@code ecog}, {@code lesions[].resectableR0}), those that are unknown for this patient and
     * lesion.
     */
    public void undecided(RuleContext kcontext, Metastasis lesion, String... facts) {
        RuleMeta meta = undecidedMeta(kcontext);
        LesionOutcome lo = lesionOutcomes.get(lesion.getIndex());
        for (String f : facts) {
            if (FactPaths.isUnknown(f, patient, lesion)) {
                lo.record(meta, f);
            }
        }
    }

    // ---- patient level ------------------------------------------------------------------------------------------

    /** Raises the calling rule's {@code @flag}, with its reason. */
    public void flag(RuleContext kcontext) {
        RuleMeta meta = decided(kcontext);
        if (meta.flag() == null) {
            throw new IllegalStateException("rule \"" + meta.name() + "\" raises a flag but has no @flag metadata");
        }
        flags.add(meta.flag());
        List<Reason> reasons = flagReasons.computeIfAbsent(meta.flag(), k -> new ArrayList<>());
        if (!reasons.contains(meta.reason())) {
            reasons.add(meta.reason());
        }
    }

    /** The calling rule makes local therapy not recommended ({@code @level("NOT_RECOMMENDED")}), with its reason. */
    public void notRecommended(RuleContext kcontext) {
        RuleMeta meta = decided(kcontext);
        notRecommended = true;
        if (!notRecommendedReasons.contains(meta.reason())) {
            notRecommendedReasons.add(meta.reason());
        }
    }

    /**
     * Among the given input paths, records those unknown as facts the candidacy depended on. A lesion path
     * ({@code lesions[].safelyTreatable}) is unknown when it is unknown for any counted lesion.
     */
    public void candidacyUndecided(RuleContext kcontext, String... facts) {
        undecidedMeta(kcontext);
        for (String f : facts) {
            boolean unknown = FactPaths.isLesionPath(f)
                    ? lesions.stream().anyMatch(m -> m.isCounted() && FactPaths.isUnknown(f, patient, m))
                    : FactPaths.isUnknown(f, patient, null);
            if (unknown) {
                candidacyMissing.add(f);
            }
        }
    }

    private RuleMeta meta(RuleContext kcontext) {
        return metadata.apply(kcontext.getRule().getName());
    }

    private RuleMeta decided(RuleContext kcontext) {
        RuleMeta meta = meta(kcontext);
        if (meta.undecided()) {
            throw new IllegalStateException("rule \"" + meta.name()
                    + "\" has @undecided but applies a conclusion: an undecided twin only records unknown facts");
        }
        return meta;
    }

    private RuleMeta undecidedMeta(RuleContext kcontext) {
        RuleMeta meta = meta(kcontext);
        if (!meta.undecided()) {
            throw new IllegalStateException("rule \"" + meta.name()
                    + "\" records unknown facts but lacks @undecided metadata (it would count as fired)");
        }
        return meta;
    }

    // ---- read by the engine ---------------------------------------------------------------------------------

    /** Orders input paths as the case format lists its fields (the order of every {@code missing[]}). */
    public static java.util.Comparator<String> factOrder() { return FactPaths.INPUT_ORDER; }

    public LesionOutcome lesion(int index) { return lesionOutcomes.get(index); }
    /** The flags raised, in {@link Flag} order. */
    public Set<Flag> flags() { return Collections.unmodifiableSet(flags); }
    /** The reasons of the raised flags, by flag. */
    public Map<Flag, List<Reason>> flagReasons() { return Collections.unmodifiableMap(flagReasons); }
    /** The reasons of rules that made local therapy not recommended. */
    public List<Reason> notRecommendedReasons() { return Collections.unmodifiableList(notRecommendedReasons); }
    /** Unknown facts the candidacy depended on, in case-format order. */
    public Set<String> candidacyMissing() { return Collections.unmodifiableSet(candidacyMissing); }
    public boolean isNotRecommended() { return notRecommended; }

    /** What the rules concluded for one lesion. */
    public static final class LesionOutcome {
        final Map<Technique, List<Reason>> exclusions = new EnumMap<>(Technique.class);
        final Map<Technique, List<Reason>> adjustments = new EnumMap<>(Technique.class);
        final Map<Technique, Set<String>> undecidedExclusions = new EnumMap<>(Technique.class);
        final Set<String> missing = new TreeSet<>(FactPaths.INPUT_ORDER);

        private void record(RuleMeta meta, String fact) {
            missing.add(fact);
            if (meta.exclude()) {
                for (Technique t : meta.techniques()) {
                    undecidedExclusions.computeIfAbsent(t, k -> new TreeSet<>(FactPaths.INPUT_ORDER)).add(fact);
                }
            }
        }

        /** Excluding reasons by technique, in firing order. */
        public Map<Technique, List<Reason>> exclusions() { return exclusions; }
        /** Score-changing reasons by technique, in firing order. */
        public Map<Technique, List<Reason>> adjustments() { return adjustments; }
        /**
         * For each technique an exclusion rule could not decide ({@code @undecided} twin of an {@code EXCLUDE}
         * rule), the unknown facts that left it undecided: the technique may still turn out excluded.
         */
        public Map<Technique, Set<String>> undecidedExclusions() { return undecidedExclusions; }
        /** Unknown facts that left a rule of this lesion undecided, in case-format order. */
        public Set<String> missing() { return missing; }
    }
}
