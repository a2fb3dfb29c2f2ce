package org.mltrules.internal;

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
import org.mltrules.CaseField;
import org.mltrules.Flag;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Reason;
import org.mltrules.RuleMetadata;
import org.mltrules.Technique;
import org.mltrules.facts.KnownFactPaths;
import org.mltrules.facts.Metastasis;
import org.mltrules.facts.Outcome;

/**
 * The engine's {@link Outcome}: what the rules concluded for one assessment (one per assessment, never shared between
 * threads), read by the {@link Assembler}. Only the engine creates it, so no host or rule can stand in for it.
 */
final class Recorder implements Outcome {
    private final Function<String, RuleMetadata> metadata;
    private final PatientCase patient;
    private final List<Metastasis> lesions;

    private final List<LesionOutcome> lesionOutcomes = new ArrayList<>();

    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final Map<Flag, List<Reason>> flagReasons = new EnumMap<>(Flag.class);
    private final List<Reason> notRecommendedReasons = new ArrayList<>();
    private final List<Reason> discussReasons = new ArrayList<>();
    private final Set<String> candidacyMissing = new TreeSet<>(KnownFactPaths.inputOrder());
    private final Set<String> candidacyNoted = new TreeSet<>(KnownFactPaths.inputOrder());
    private boolean notRecommended;

    /**
     * @param metadata the rule set's metadata by rule name
     * @param patient  the case assessed
     * @param lesions  its lesions as the rules see them, in input order
     */
    Recorder(Function<String, RuleMetadata> metadata, PatientCase patient, List<Metastasis> lesions) {
        this.metadata = metadata;
        this.patient = patient;
        this.lesions = lesions;
        for (int i = 0; i < lesions.size(); i++) {
            lesionOutcomes.add(new LesionOutcome());
        }
    }

    // ---- local therapy, per lesion ----------------------------------------------------------------------------

    @Override
    public void apply(RuleContext kcontext, Metastasis lesion) {
        RuleMetadata meta = decided(kcontext);
        if (meta.techniques().isEmpty()) {
            throw new IllegalStateException("rule \"" + meta.name() + "\" applies to a lesion but has no @technique");
        }
        apply(meta, lesion, meta.techniques());
    }

    @Override
    public void apply(RuleContext kcontext, Metastasis lesion, Technique technique) {
        apply(decided(kcontext), lesion, Set.of(technique));
    }

    private void apply(RuleMetadata meta, Metastasis lesion, Set<Technique> techniques) {
        if (!meta.exclude() && meta.effect() == null) {
            throw new IllegalStateException("rule \"" + meta.name()
                    + "\" applies to a lesion but has no @effect (an integer -2..+2 or EXCLUDE)");
        }
        LesionOutcome lo = lesionOutcomes.get(lesion.getIndex());
        lo.applied.add(meta.id());
        Reason reason = meta.reason();
        for (Technique t : techniques) {
            Map<Technique, List<Reason>> target = meta.exclude() ? lo.exclusions : lo.adjustments;
            List<Reason> reasons = target.computeIfAbsent(t, k -> new ArrayList<>());
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
    }

    @Override
    public void missing(RuleContext kcontext, Metastasis lesion, String... facts) {
        RuleMetadata meta = undecidedMeta(kcontext);
        LesionOutcome lo = lesionOutcomes.get(lesion.getIndex());
        for (String f : facts) {
            lo.record(meta, f);
        }
    }

    @Override
    public void undecided(RuleContext kcontext, Metastasis lesion, String... facts) {
        RuleMetadata meta = undecidedMeta(kcontext);
        LesionOutcome lo = lesionOutcomes.get(lesion.getIndex());
        for (String f : facts) {
            if (isUnknown(f, lesion)) {
                lo.record(meta, f);
            }
        }
    }

    // ---- patient level ------------------------------------------------------------------------------------------

    @Override
    public void flag(RuleContext kcontext) {
        RuleMetadata meta = decided(kcontext);
        if (meta.flag() == null) {
            throw new IllegalStateException("rule \"" + meta.name() + "\" raises a flag but has no @flag metadata");
        }
        flags.add(meta.flag());
        List<Reason> reasons = flagReasons.computeIfAbsent(meta.flag(), k -> new ArrayList<>());
        if (!reasons.contains(meta.reason())) {
            reasons.add(meta.reason());
        }
    }

    @Override
    public void notRecommended(RuleContext kcontext) {
        RuleMetadata meta = decided(kcontext);
        notRecommended = true;
        if (!notRecommendedReasons.contains(meta.reason())) {
            notRecommendedReasons.add(meta.reason());
        }
    }

    @Override
    public void discuss(RuleContext kcontext) {
        RuleMetadata meta = decided(kcontext);
        if (!discussReasons.contains(meta.reason())) {
            discussReasons.add(meta.reason());
        }
    }

    @Override
    public void candidacyNoted(RuleContext kcontext, String... facts) {
        undecidedMeta(kcontext);
        for (String f : facts) {
            KnownFactPaths.field(f).orElseThrow(() -> new IllegalArgumentException(
                    "unknown fact path '" + f + "': expected one of " + KnownFactPaths.all()));
            candidacyNoted.add(f);
        }
    }

    @Override
    public void candidacyUndecided(RuleContext kcontext, String... facts) {
        undecidedMeta(kcontext);
        for (String f : facts) {
            boolean unknown = f.startsWith(CaseField.LESION_PREFIX)
                    ? lesions.stream().anyMatch(m -> m.isCounted() && isUnknown(f, m))
                    : isUnknown(f, null);
            if (unknown) {
                candidacyMissing.add(f);
            }
        }
    }

    private RuleMetadata meta(RuleContext kcontext) {
        return metadata.apply(kcontext.getRule().getName());
    }

    private RuleMetadata decided(RuleContext kcontext) {
        RuleMetadata meta = meta(kcontext);
        if (meta.undecided()) {
            throw new IllegalStateException("rule \"" + meta.name()
                    + "\" has @undecided but applies a conclusion: an undecided twin only records unknown facts");
        }
        return meta;
    }

    private RuleMetadata undecidedMeta(RuleContext kcontext) {
        RuleMetadata meta = meta(kcontext);
        if (!meta.undecided()) {
            throw new IllegalStateException("rule \"" + meta.name()
                    + "\" records unknown facts but lacks @undecided metadata (it would count as fired)");
        }
        return meta;
    }

    /**
     * True when the named fact is unknown for the patient and, for a lesion fact, the lesion ({@code lesions} is
     * unknown when the input has no lesion list); an unknown path name is a rule bug and fails loudly.
     */
    private boolean isUnknown(String path, Metastasis m) {
        CaseField f = KnownFactPaths.field(path).orElseThrow(() -> new IllegalArgumentException(
                "unknown fact path '" + path + "': expected one of " + KnownFactPaths.all()));
        if (f.isLesionField()) {
            if (m == null) {
                return true;
            }
            Lesion l = patient.lesions().get(m.getIndex());
            return f.get(l) == null;
        }
        return f.get(patient) == null;
    }

    // ---- read by the engine ---------------------------------------------------------------------------------

    public LesionOutcome lesion(int index) { return lesionOutcomes.get(index); }
    /** The flags raised, in {@link Flag} order. */
    public Set<Flag> flags() { return Collections.unmodifiableSet(flags); }
    /** The reasons of the raised flags, by flag. */
    public Map<Flag, List<Reason>> flagReasons() { return Collections.unmodifiableMap(flagReasons); }
    /** The reasons of rules that made local therapy not recommended. */
    public List<Reason> notRecommendedReasons() { return Collections.unmodifiableList(notRecommendedReasons); }
    /** Unknown facts a step-1 condition of the candidacy depended on (they make it DISCUSS), in case-format order. */
    public Set<String> candidacyMissing() { return Collections.unmodifiableSet(candidacyMissing); }
    /** Unknown facts of flags, DISCUSS reasons and life expectancy: listed, not forcing DISCUSS. */
    public Set<String> candidacyNoted() { return Collections.unmodifiableSet(candidacyNoted); }
    /** The reasons of rules that ask the board to discuss ({@code @level("DISCUSS")}), without a flag. */
    public List<Reason> discussReasons() { return Collections.unmodifiableList(discussReasons); }
    public boolean isNotRecommended() { return notRecommended; }

    /** What the rules concluded for one lesion. */
    static final class LesionOutcome {
        final Map<Technique, List<Reason>> exclusions = new EnumMap<>(Technique.class);
        final Map<Technique, List<Reason>> adjustments = new EnumMap<>(Technique.class);
        final Map<Technique, Map<String, Set<String>>> undecidedExclusions = new EnumMap<>(Technique.class);
        final Map<String, Set<String>> undecidedRules = new java.util.HashMap<>();
        final Set<String> applied = new java.util.HashSet<>();
        final Set<String> missing = new TreeSet<>(KnownFactPaths.inputOrder());

        private void record(RuleMetadata meta, String fact) {
            missing.add(fact);
            undecidedRules.computeIfAbsent(meta.id(), k -> new TreeSet<>(KnownFactPaths.inputOrder())).add(fact);
            if (meta.exclude()) {
                for (Technique t : meta.techniques()) {
                    undecidedExclusions.computeIfAbsent(t, k -> new java.util.HashMap<>())
                            .computeIfAbsent(meta.id(), k -> new TreeSet<>(KnownFactPaths.inputOrder())).add(fact);
                }
            }
        }

        /** Excluding reasons by technique, in firing order. */
        public Map<Technique, List<Reason>> exclusions() { return exclusions; }
        /** Score-changing reasons by technique, in firing order. */
        public Map<Technique, List<Reason>> adjustments() { return adjustments; }
        /**
         * For each technique an exclusion rule could not decide ({@code @undecided} twin of an {@code EXCLUDE}
         * rule), by rule id, the unknown facts that left it undecided: the technique may still turn out excluded.
         */
        public Map<Technique, Map<String, Set<String>>> undecidedExclusions() { return undecidedExclusions; }
        /** The ids of the rules applied to this lesion (exclusions and score changes). */
        public Set<String> applied() { return applied; }
        /** Every rule id left undecided for this lesion, with the unknown facts its twins named. */
        public Map<String, Set<String>> undecidedRules() { return undecidedRules; }
        /** Unknown facts that left a rule of this lesion undecided, in case-format order. */
        public Set<String> missing() { return missing; }
    }
}
