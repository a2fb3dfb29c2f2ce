package org.mltrules.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mltrules.Answer;
import org.mltrules.Assessment;
import org.mltrules.Candidacy;
import org.mltrules.CandidacyLevel;
import org.mltrules.CaseField;
import org.mltrules.Category;
import org.mltrules.Classification;
import org.mltrules.Convention;
import org.mltrules.ConventionApplied;
import org.mltrules.Exclusion;
import org.mltrules.Flag;
import org.mltrules.LesionAssessment;
import org.mltrules.PathStep;
import org.mltrules.PatientCase;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.RuleSetInfo;
import org.mltrules.Step;
import org.mltrules.Technique;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;
import org.mltrules.Tier;
import org.mltrules.UndecidedRule;
import org.mltrules.facts.KnownFactPaths;
import org.mltrules.facts.Metastasis;
import org.mltrules.facts.Path;
import org.mltrules.facts.Patient;
import org.mltrules.facts.Settings;

/** Builds the immutable {@link Assessment} from what the rules recorded: ranking, candidacy, conventions. */
final class Assembler {
    private Assembler() {
    }

    static Assessment assemble(PatientCase c, RuleSetInfo info, Settings settings, Patient patient,
                               List<Metastasis> lesions, Path path, Recorder outcome, List<String> fired) {
        if (path.getCategory() == null) {
            throw new IllegalStateException("the rule set decided no category: the classification rules are incomplete"
                    + " (" + path + ")");
        }
        Classification classification = new Classification(path.getCategory(), path.steps(), path.failures(),
                List.copyOf(path.missingFacts()), conventions(settings, patient, lesions, path));

        List<LesionAssessment> lesionAssessments = new ArrayList<>();
        for (Metastasis m : lesions) {
            lesionAssessments.add(rank(m, outcome.lesion(m.getIndex())));
        }
        Candidacy candidacy = candidacy(lesions, lesionAssessments, outcome);
        return new Assessment(c.caseId(), info, classification, candidacy, lesionAssessments, fired,
                Assessment.DISCLAIMER);
    }

    /** Conventions whose trigger held (docs/clinical-rules.md, conventions K1-K11), in the order K1..K11. */
    static List<ConventionApplied> conventions(Settings s, Patient p, List<Metastasis> lesions, Path path) {
        List<ConventionApplied> out = new ArrayList<>();
        Answer q3 = answer(path, Step.Q3);
        Answer q4 = answer(path, Step.Q4);
        Answer q5 = answer(path, Step.Q5);
        if (q3 == Answer.YES || q3 == Answer.NO) {
            out.add(ConventionApplied.of(Convention.K1, s.conventions()));
        }
        if (p.getTherapyStatus() == TherapyStatus.STOPPED && (q4 == Answer.YES || q4 == Answer.NO)) {
            out.add(ConventionApplied.of(Convention.K2, s.conventions()));
        }
        if (q4 == Answer.YES && (p.getTherapyKind() == TherapyKind.MAINTENANCE
                || p.getTherapyKind() == TherapyKind.ENDOCRINE)) {
            out.add(ConventionApplied.of(Convention.K3, s.conventions()));
        }
        if (q5 == Answer.YES && lesions.stream().noneMatch(m -> m.isCounted()
                && m.getResponse() == Response.PROGRESSING)) {
            out.add(ConventionApplied.of(Convention.K4, s.conventions()));
        }
        if (q5 == Answer.UNKNOWN) {
            out.add(ConventionApplied.of(Convention.K5, s.conventions()));
        }
        if (path.getCategory() == Category.SYNCHRONOUS_OMD && (p.getTherapyStatus() == TherapyStatus.ONGOING
                || p.getTherapyStatus() == TherapyStatus.STOPPED)) {
            out.add(ConventionApplied.of(Convention.K6, s.conventions()));
        }
        if (answer(path, Step.Q1) != null && Boolean.TRUE.equals(p.getPolymetastaticHistory())
                && Boolean.TRUE.equals(p.getOligometastaticHistory())) {
            out.add(ConventionApplied.of(Convention.K7, s.conventions()));
        }
        if (path.missingFacts().contains(CaseField.HISTORY_POLYMETASTATIC.path())
                || path.missingFacts().contains(CaseField.HISTORY_OLIGOMETASTATIC.path())) {
            out.add(ConventionApplied.of(Convention.K10, s.conventions()));
        }
        if (lesions.stream().anyMatch(m -> !m.isCounted() && m.getSite() == Site.LYMPH_NODE_REGIONAL)) {
            out.add(ConventionApplied.of(Convention.K11, s.conventions()));
        }
        return out;
    }

    private static Answer answer(Path path, Step step) {
        for (PathStep s : path.steps()) {
            if (s.step() == step) {
                return s.answer();
            }
        }
        return null;
    }

    /**
     * Reasons in a stable order, whatever the firing order: by rule id, the numeric part compared as a number
     * ({@code C3} before {@code C14}, {@code F9} before {@code F10}), then by text.
     */
    static final Comparator<Reason> BY_RULE = Comparator.comparing(Reason::rule, Assembler::compareRuleIds)
            .thenComparing(Reason::text);

    /**
     * Rule ids by their prefix (the id without its trailing digits), then by the trailing number (shorter digit
     * run first, then digit by digit, so no overflow), then as plain strings. Written without regular expressions:
     * it runs for every pair of reasons of every assessment.
     */
    static int compareRuleIds(String x, String y) {
        // Compares regions in place: sorting the reasons of every assessment made four substrings per comparison.
        int xs = trailingDigitsStart(x);
        int ys = trailingDigitsStart(y);
        int c = compareRegions(x, 0, xs, y, 0, ys);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.length() - xs, y.length() - ys);
        if (c != 0) {
            return c;
        }
        c = compareRegions(x, xs, x.length(), y, ys, y.length());
        return c != 0 ? c : x.compareTo(y);
    }

    /** {@code CharSequence.compare(a.subSequence(af, at), b.subSequence(bf, bt))}, without the copies. */
    private static int compareRegions(String a, int af, int at, String b, int bf, int bt) {
        int n = Math.min(at - af, bt - bf);
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(af + i);
            char cb = b.charAt(bf + i);
            if (ca != cb) {
                return ca - cb;
            }
        }
        return (at - af) - (bt - bf);
    }

    private static int trailingDigitsStart(String s) {
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) >= '0' && s.charAt(i - 1) <= '9') {
            i--;
        }
        return i;
    }

    private static final Comparator<RankedOption> BY_RANK = Comparator.comparingInt(RankedOption::score).reversed()
            .thenComparingInt(Assembler::strongestPositiveTier)
            .thenComparing(RankedOption::technique);

    /**
     * docs/clinical-rules.md, ranking: excluded techniques are not ranked and keep every excluding reason; the
     * others are sorted by score (the sum of their reasons' effects), descending, then by the strongest tier among
     * the reasons with a positive effect (G > P > R > E > none). The rank is the competition rank on these two
     * keys: options equal on both share a rank (1, 2, 2, 4). Inside a tie the fixed order SABR, MWA, RFA,
     * CRYOABLATION, SURGERY (the declaration order of {@link Technique}) orders the listing only. An option that an
     * undecided exclusion rule could still exclude lists it in {@code openExclusions}.
     */
    static LesionAssessment rank(Metastasis m, Recorder.LesionOutcome lo) {
        List<Exclusion> excluded = new ArrayList<>();
        List<RankedOption> unranked = new ArrayList<>();
        for (Technique t : Technique.values()) {
            List<Reason> exclusions = lo.exclusions().get(t);
            if (exclusions != null && !exclusions.isEmpty()) {
                excluded.add(new Exclusion(t, sorted(exclusions)));
            } else {
                List<Reason> reasons = sorted(lo.adjustments().getOrDefault(t, List.of()));
                int score = reasons.stream().mapToInt(r -> r.effect() == null ? 0 : r.effect()).sum();
                unranked.add(new RankedOption(t, 0, score, reasons,
                        undecided(lo.undecidedExclusions().getOrDefault(t, Map.of()))));
            }
        }
        unranked.sort(BY_RANK);
        List<RankedOption> options = new ArrayList<>();
        int rank = 0;
        for (int i = 0; i < unranked.size(); i++) {
            RankedOption o = unranked.get(i);
            if (i == 0 || !tied(unranked.get(i - 1), o)) {
                rank = i + 1;
            }
            options.add(new RankedOption(o.technique(), rank, o.score(), o.reasons(), o.openExclusions()));
        }
        List<String> fired = new ArrayList<>(lo.applied());
        fired.sort(Assembler::compareRuleIds);
        return new LesionAssessment(m.getId(), List.copyOf(lo.missing()), options, excluded, fired,
                undecided(lo.undecidedRules()));
    }

    /** Equal on score and strongest positive tier: the same rank. */
    private static boolean tied(RankedOption a, RankedOption b) {
        return a.score() == b.score() && strongestPositiveTier(a) == strongestPositiveTier(b);
    }

    /** Rule ids with their unknown facts, by rule id ({@link #compareRuleIds}). */
    private static List<UndecidedRule> undecided(Map<String, Set<String>> byRule) {
        List<UndecidedRule> out = new ArrayList<>(byRule.size());
        byRule.forEach((rule, facts) -> out.add(new UndecidedRule(rule, List.copyOf(facts))));
        out.sort(Comparator.comparing(UndecidedRule::rule, Assembler::compareRuleIds));
        return out;
    }

    private static List<Reason> sorted(List<Reason> reasons) {
        List<Reason> copy = new ArrayList<>(reasons);
        copy.sort(BY_RULE);
        return copy;
    }

    /** The ordinal of the strongest tier among reasons with a positive effect; past every tier when none. */
    private static int strongestPositiveTier(RankedOption o) {
        int best = Tier.values().length;
        for (Reason r : o.reasons()) {
            if (r.effect() != null && r.effect() > 0 && r.tier() != null) {
                best = Math.min(best, r.tier().ordinal());
            }
        }
        return best;
    }

    /** Id of the candidacy reason for a counted lesion that no technique can treat. */
    static final String ALL_EXCLUDED = "ALL_EXCLUDED";

    /**
     * The three steps of docs/clinical-rules.md, candidacy. Step 1's lesion condition "any counted lesion has every
     * technique excluded" is three-valued: for a lesion with options left, it is unknown when every remaining
     * option may still be excluded by an exclusion rule left undecided by unknown facts; those facts are then
     * listed in {@code candidacy.missing} (which makes the level DISCUSS unless step 1 holds anyway). Facts noted
     * by flags, DISCUSS reasons and the life-expectancy rule are listed too, without forcing DISCUSS.
     */
    static Candidacy candidacy(List<Metastasis> lesions, List<LesionAssessment> assessed, Recorder outcome) {
        List<Reason> reasons = new ArrayList<>(sorted(outcome.notRecommendedReasons()));
        Set<String> forcing = new TreeSet<>(KnownFactPaths.inputOrder());
        forcing.addAll(outcome.candidacyMissing());
        boolean notRecommended = outcome.isNotRecommended();
        Set<Technique> treatsAll = EnumSet.allOf(Technique.class);
        boolean anyCounted = false;
        for (Metastasis m : lesions) {
            if (!m.isCounted()) {
                continue;
            }
            anyCounted = true;
            LesionAssessment a = assessed.get(m.getIndex());
            for (Exclusion e : a.excluded()) {
                treatsAll.remove(e.technique());
            }
            if (a.options().isEmpty()) {
                notRecommended = true;
                reasons.add(new Reason(ALL_EXCLUDED, null, "every technique is excluded for lesion " + m.getId()
                        + ": no curative-intent local therapy for this site", LIEVENS_2020, Tier.G));
            } else if (a.options().stream().allMatch(RankedOption::provisional)) {
                a.options().forEach(o -> o.openExclusions().forEach(u -> forcing.addAll(u.missing())));
            }
        }
        if (!anyCounted) {
            // Nothing to treat: no technique "treats every counted lesion" in any useful sense.
            treatsAll.clear();
        }
        List<Reason> discuss = sorted(outcome.discussReasons());
        reasons.addAll(discuss);
        for (Map.Entry<Flag, List<Reason>> e : outcome.flagReasons().entrySet()) {
            reasons.addAll(sorted(e.getValue()));
        }
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        flags.addAll(outcome.flags());
        Set<String> missing = new TreeSet<>(KnownFactPaths.inputOrder());
        missing.addAll(forcing);
        missing.addAll(outcome.candidacyNoted());
        CandidacyLevel level = notRecommended ? CandidacyLevel.NOT_RECOMMENDED
                : !flags.isEmpty() || !discuss.isEmpty() || !forcing.isEmpty() ? CandidacyLevel.DISCUSS
                : CandidacyLevel.CANDIDATE;
        return new Candidacy(level, List.copyOf(flags), reasons, List.copyOf(missing), List.copyOf(treatsAll));
    }

    /**
     * The citation of the ALL_EXCLUDED reason, which the engine assembles rather than a rule: the ESTRO-ASTRO
     * consensus, as the bundled rule set's {@code references.properties} gives it (key {@code lievens2020}).
     */
    static final String LIEVENS_2020 = "Lievens Y, Guckenberger M, Gomez D, Hoyer M, Iyengar P, Kindts I, Mendez"
            + " Romero A, Nevens D, Palma D, Park C, Ricardi U, Scorsetti M, Yu J, Woodward WA. Defining oligometastatic"
            + " disease from a radiation oncology perspective: an ESTRO-ASTRO consensus document. Radiother Oncol"
            + " 2020;148:157-166 (PMID 32388150)";

}
