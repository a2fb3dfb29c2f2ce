package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mltrules.Assessment;
import org.mltrules.Candidacy;
import org.mltrules.CandidacyLevel;
import org.mltrules.Exclusion;
import org.mltrules.Histology;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.RuleMetadata;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.Technique;
import org.mltrules.Tier;

/**
 * The baseline case of the ranking tests, an operable patient with a single right-lung nodule, builders to vary it,
 * and an {@link Engine} that checks the ranking invariants on every assessment it returns.
 *
 * <p>The baseline, all facts known: leiomyosarcoma, primary 2019-03-12, OMD 2023-05-02 (disease-free interval 49
 * months), no prior metastases, no systemic therapy (metachronous oligorecurrence), ECOG 0, medically operable,
 * adequate pulmonary reserve, normal bloods, doubling time 75 days, life expectancy 24 months; one new 15 mm
 * right-lung nodule, safely treatable, R0-resectable, SABR constraints achievable, never irradiated, no special
 * feature. Rules that fire on it: C3 (MWA, cryoablation), F1, F2, F3 (surgery), F9 (RFA); nothing is missing.
 */
final class Fixture {
    private Fixture() {
    }

    static final LocalDate PRIMARY_DIAGNOSIS = LocalDate.of(2019, 3, 12);
    static final LocalDate OMD_DIAGNOSIS = LocalDate.of(2023, 5, 2);

    /** The baseline patient with the given lesions (no argument: the baseline right-lung nodule). */
    static PatientCase.Builder operablePatient(Lesion.Builder... lesions) {
        List<Lesion> built = lesions.length == 0 ? List.of(rightLungNodule().build())
                : Arrays.stream(lesions).map(Lesion.Builder::build).toList();
        return PatientCase.builder("fixture")
                .histology(Histology.LEIOMYOSARCOMA)
                .primaryDiagnosisDate(PRIMARY_DIAGNOSIS)
                .omdDiagnosisDate(OMD_DIAGNOSIS)
                .history(false, false)
                .systemicTherapy(SystemicTherapy.NONE)
                .ecog(0)
                .medicallyOperable(true)
                .declinesSurgery(false)
                .pulmonaryReserveAdequate(true)
                .parenchymaSparingNeeded(false)
                .plateletsPerNanolitre(240)
                .inr(1.0)
                .tumourDoublingTimeDays(75)
                .lifeExpectancyMonths(24)
                .priorLungResections(0)
                .lesions(built);
    }

    /** The baseline lesion L1: a 15 mm right-lung nodule with every fact known and no special feature. */
    static Lesion.Builder rightLungNodule() {
        return lungNodule("L1", Laterality.RIGHT);
    }

    /** A lung nodule like the baseline one, with its id and side. */
    static Lesion.Builder lungNodule(String id, Laterality side) {
        return lesionAt(id, Site.LUNG).laterality(side);
    }

    /** A lesion at a site, with the baseline nodule's facts (15 mm, every fact known, no special feature). */
    static Lesion.Builder lesionAt(String id, Site site) {
        return Lesion.builder(id, site)
                .laterality(Laterality.RIGHT)
                .sizeMm(15)
                .response(Response.NEW)
                .safelyTreatable(true)
                .resectableR0(true)
                .sabrConstraintsAchievable(true)
                .previouslyIrradiated(false)
                .features();
    }

    // ---- the engine under test ----------------------------------------------------------------------------------

    /**
     * The rules through the public API ({@link MltRules#assess}), plus a second evaluation of the same case that
     * names every rule matched, undecided twins included ({@link MltRules#assess(PatientCase,
     * java.util.function.Consumer)}). Both must agree.
     */
    static final class Engine {
        private final MltRules rules;

        private Engine(MltRules rules) {
            this.rules = rules;
        }

        /** The bundled rules, as {@link MltRules#bundled()} loads them. Expensive: build once per test class. */
        static Engine bundled() {
            return of(MltRules.bundled());
        }

        /** An engine over a configured instance of the bundled rules. */
        static Engine of(MltRules rules) {
            return new Engine(rules);
        }

        MltRules rules() {
            return rules;
        }

        /** Assesses a case and checks every ranking invariant of the output contract. */
        Result assess(PatientCase c) {
            Assessment a = rules.assess(c);
            List<String> matched = new ArrayList<>();
            Assessment again = rules.assess(c, matched::add);
            assertThat(again).as("traced evaluation equals the public API's").isEqualTo(a);
            checkInvariants(c, a, rules);
            return new Result(a, List.copyOf(matched), rules.rules());
        }

        Result assess(PatientCase.Builder c) {
            return assess(c.build());
        }
    }

    /** An assessment, with the rules that matched while it was made. */
    record Result(Assessment assessment, List<String> matchedRuleNames, java.util.Map<String, RuleMetadata> rules) {
        /** The single lesion of the case. */
        LesionAssessment only() {
            assertThat(assessment.lesions()).hasSize(1);
            return assessment.lesions().get(0);
        }

        LesionAssessment lesion(String id) {
            return assessment.lesions().stream().filter(l -> l.lesionId().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no lesion " + id));
        }

        Candidacy candidacy() {
            return assessment.candidacy();
        }

        /** Ids of the rules that fired (the assessment's firedRules). */
        List<String> fired() {
            return assessment.firedRules();
        }

        /** Ids of the undecided twins that matched: rules left undecided by unknown facts. */
        Set<String> undecided() {
            Set<String> ids = new TreeSet<>();
            for (String name : matchedRuleNames) {
                RuleMetadata meta = rules.get(name);
                if (meta.undecided()) {
                    ids.add(meta.id());
                }
            }
            return ids;
        }
    }

    // ---- reading a lesion's ranking ------------------------------------------------------------------------------

    /** The techniques for which a rule's reason appears, as a score change or an exclusion. */
    static Set<Technique> techniquesWith(LesionAssessment l, String ruleId) {
        Set<Technique> ts = EnumSet.noneOf(Technique.class);
        for (RankedOption o : l.options()) {
            if (o.reasons().stream().anyMatch(r -> r.rule().equals(ruleId))) {
                ts.add(o.technique());
            }
        }
        ts.addAll(excludedBy(l, ruleId));
        return ts;
    }

    /** The techniques a rule excludes. */
    static Set<Technique> excludedBy(LesionAssessment l, String ruleId) {
        Set<Technique> ts = EnumSet.noneOf(Technique.class);
        for (Exclusion e : l.excluded()) {
            if (e.reasons().stream().anyMatch(r -> r.rule().equals(ruleId))) {
                ts.add(e.technique());
            }
        }
        return ts;
    }

    /** The excluded techniques. */
    static Set<Technique> excluded(LesionAssessment l) {
        Set<Technique> ts = EnumSet.noneOf(Technique.class);
        l.excluded().forEach(e -> ts.add(e.technique()));
        return ts;
    }

    /** The option for a technique; fails when it is excluded. */
    static RankedOption option(LesionAssessment l, Technique t) {
        return l.options().stream().filter(o -> o.technique() == t).findFirst()
                .orElseThrow(() -> new AssertionError(t + " is excluded: " + l.excluded()));
    }

    /** The rank of a technique; fails when it is excluded. */
    static int rank(LesionAssessment l, Technique t) {
        return option(l, t).rank();
    }

    /** The options' techniques, best first. */
    static List<Technique> order(LesionAssessment l) {
        return l.options().stream().map(RankedOption::technique).toList();
    }

    /** A rule's reason on a technique, as a score change or an exclusion. */
    static Reason reason(LesionAssessment l, Technique t, String ruleId) {
        List<Reason> reasons = new ArrayList<>();
        l.options().stream().filter(o -> o.technique() == t).forEach(o -> reasons.addAll(o.reasons()));
        l.excluded().stream().filter(e -> e.technique() == t).forEach(e -> reasons.addAll(e.reasons()));
        return reasons.stream().filter(r -> r.rule().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError("no reason " + ruleId + " on " + t + ": " + reasons));
    }

    /** The rule ids of the candidacy's reasons. */
    static List<String> candidacyRules(Result r) {
        return r.candidacy().reasons().stream().map(Reason::rule).toList();
    }

    // ---- invariants of the output contract -----------------------------------------------------------------------

    private static final Comparator<RankedOption> SPEC_ORDER = Comparator
            .comparingInt((RankedOption o) -> -o.score())
            .thenComparingInt(Fixture::strongestPositiveTier)
            .thenComparingInt(o -> o.technique().ordinal());

    /** Strictly better: a higher score, or the same score and a stronger positive tier. */
    private static boolean better(RankedOption x, RankedOption o) {
        return x.score() > o.score() || x.score() == o.score() && strongestPositiveTier(x) < strongestPositiveTier(o);
    }

    private static int strongestPositiveTier(RankedOption o) {
        return o.reasons().stream().filter(r -> r.effect() > 0 && r.tier() != null)
                .mapToInt(r -> r.tier().ordinal()).min().orElse(Tier.values().length);
    }

    /**
     * Case-format and domain-specification invariants: every input lesion in input order; every technique exactly
     * once per lesion; competition ranks, in the specified order; score = sum of effects; exclusions in the
     * fixed order with effect-less reasons; every reason cited; treatsAllLesions and the candidacy level
     * consistent; firedRules sorted and unique. Ranks are competition ranks (rule set 1.1): equal score and tier
     * share a rank.
     */
    static void checkInvariants(PatientCase c, Assessment a, MltRules rules) {
        List<Lesion> input = c.lesions() == null ? List.of() : c.lesions();
        assertThat(a.lesions()).extracting(LesionAssessment::lesionId)
                .containsExactlyElementsOf(input.stream().map(Lesion::id).toList());
        Set<Technique> treatsAll = EnumSet.allOf(Technique.class);
        boolean anyCounted = false;
        for (int i = 0; i < input.size(); i++) {
            LesionAssessment l = a.lesions().get(i);
            List<Technique> all = new ArrayList<>(order(l));
            l.excluded().forEach(e -> all.add(e.technique()));
            assertThat(all).as("every technique exactly once for %s", l.lesionId())
                    .containsExactlyInAnyOrder(Technique.values());
            for (int k = 0; k < l.options().size(); k++) {
                RankedOption o = l.options().get(k);
                assertThat(o.rank()).as("competition rank: 1 + the number of options strictly better")
                        .isEqualTo(1 + (int) l.options().stream().filter(x -> better(x, o)).count());
                assertThat(o.reasons()).allSatisfy(r -> assertThat(r.effect()).isNotNull());
                assertThat(o.score()).as("score = sum of reason effects")
                        .isEqualTo(o.reasons().stream().mapToInt(Reason::effect).sum());
                assertThat(o.openExclusions()).as("open exclusions of %s are among the lesion's missing facts",
                        o.technique()).allSatisfy(u -> assertThat(l.missing()).containsAll(u.missing()));
            }
            assertThat(l.options()).as("options in the specified order").isSortedAccordingTo(SPEC_ORDER);
            assertThat(l.excluded()).extracting(Exclusion::technique).isSortedAccordingTo(Comparator.naturalOrder());
            for (Exclusion e : l.excluded()) {
                assertThat(e.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r.effect()).isNull());
            }
            List<Reason> reasons = new ArrayList<>();
            l.options().forEach(o -> reasons.addAll(o.reasons()));
            l.excluded().forEach(e -> reasons.addAll(e.reasons()));
            assertThat(reasons).allSatisfy(Fixture::checkCited);
            assertThat(l.missing()).doesNotHaveDuplicates();
            boolean counted = input.get(i).site() != Site.LYMPH_NODE_REGIONAL
                    || rules.conventions().regionalNodesCountAsMetastasis();
            if (counted) {
                anyCounted = true;
                l.excluded().forEach(e -> treatsAll.remove(e.technique()));
            }
        }
        Candidacy cand = a.candidacy();
        assertThat(cand.treatsAllLesions()).as("treatsAllLesions")
                .containsExactlyElementsOf(anyCounted ? List.copyOf(treatsAll) : List.of());
        assertThat(cand.reasons()).allSatisfy(Fixture::checkCited);
        if (cand.level() == CandidacyLevel.CANDIDATE) {
            // A candidate may list unknown facts (rule set 1.1): those of flags, DISCUSS reasons and life expectancy.
            assertThat(cand.flags()).isEmpty();
        }
        if (!cand.flags().isEmpty()) {
            assertThat(cand.level()).isNotEqualTo(CandidacyLevel.CANDIDATE);
        }
        assertThat(a.firedRules()).isSortedAccordingTo(Comparator.naturalOrder())
                .containsExactlyElementsOf(new LinkedHashSet<>(a.firedRules()));
    }

    private static void checkCited(Reason r) {
        assertThat(r.text()).as("text of %s", r.rule()).isNotBlank().isNotEqualTo(r.rule());
        assertThat(r.evidence()).as("evidence of %s", r.rule()).isNotBlank();
        if (!r.rule().equals("UNAVAILABLE")) {
            assertThat(r.tier()).as("tier of %s", r.rule()).isNotNull();
        }
    }
}
