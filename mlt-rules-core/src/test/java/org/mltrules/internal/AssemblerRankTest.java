package org.mltrules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.Technique.CRYOABLATION;
import static org.mltrules.Technique.MWA;
import static org.mltrules.Technique.RFA;
import static org.mltrules.Technique.SABR;
import static org.mltrules.Technique.SURGERY;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrules.Exclusion;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.Site;
import org.mltrules.Technique;
import org.mltrules.Tier;
import org.mltrules.facts.Metastasis;

/**
 * The ranking order of docs/clinical-rules.md, local therapy on hand-made reasons, so that every tier can be compared
 * (the bundled rules have positive reasons of tier R only).
 */
class AssemblerRankTest {
    private static final Metastasis LESION = new Metastasis(0, Lesion.builder("L1", Site.LUNG).build(), true);

    private static Reason reason(String rule, int effect, Tier tier) {
        return new Reason(rule, effect, "text of " + rule, "evidence of " + rule, tier);
    }

    private static Reason exclusion(String rule) {
        return new Reason(rule, null, "text of " + rule, "evidence of " + rule, Tier.E);
    }

    private static void add(Recorder.LesionOutcome lo, Technique t, Reason r) {
        lo.adjustments().computeIfAbsent(t, k -> new ArrayList<>()).add(r);
    }

    private static List<Technique> order(LesionAssessment a) {
        return a.options().stream().map(RankedOption::technique).toList();
    }

    @Test
    void equalScoresAreOrderedByTheStrongestPositiveTierGuidelineFirst() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        // All five at score 1: SURGERY by a guideline, CRYOABLATION prospective, RFA retrospective, MWA expert,
        // SABR +2 -1 with an expert positive reason; the fixed order would be the reverse for the first four.
        add(lo, SURGERY, reason("G1", 1, Tier.G));
        add(lo, CRYOABLATION, reason("P1", 1, Tier.P));
        add(lo, RFA, reason("R1", 1, Tier.R));
        add(lo, MWA, reason("E1", 1, Tier.E));
        add(lo, SABR, reason("E2", 2, Tier.E));
        add(lo, SABR, reason("G2", -1, Tier.G));

        LesionAssessment a = Assembler.rank(LESION, lo);

        // The negative G reason of SABR does not count: its strongest positive tier is E, like MWA's: they share
        // rank 4, listed in the fixed order.
        assertThat(order(a)).containsExactly(SURGERY, CRYOABLATION, RFA, SABR, MWA);
        assertThat(a.options()).extracting(RankedOption::score).containsOnly(1);
        assertThat(a.options()).extracting(RankedOption::rank).containsExactly(1, 2, 3, 4, 4);
    }

    @Test
    void optionsEqualOnScoreAndTierShareACompetitionRank() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        // SURGERY +2 (R) alone first; RFA and CRYOABLATION +1 (R) share rank 2; SABR and MWA 0 share rank 4.
        add(lo, SURGERY, reason("F1", 2, Tier.R));
        add(lo, RFA, reason("F9", 1, Tier.R));
        add(lo, CRYOABLATION, reason("F11", 1, Tier.R));

        LesionAssessment a = Assembler.rank(LESION, lo);

        assertThat(order(a)).containsExactly(SURGERY, RFA, CRYOABLATION, SABR, MWA);
        assertThat(a.options()).extracting(RankedOption::rank).containsExactly(1, 2, 2, 4, 4);
    }

    @Test
    void aTieForTheFirstRankIsSharedWhateverTheFixedOrder() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        add(lo, SURGERY, reason("F1", 1, Tier.R));
        add(lo, SABR, reason("F5", 1, Tier.R));

        LesionAssessment a = Assembler.rank(LESION, lo);

        // Surgery no longer loses a tie to the fixed order: both are ranked 1.
        assertThat(a.options().subList(0, 2)).extracting(RankedOption::technique, RankedOption::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SABR, 1), org.assertj.core.groups.Tuple.tuple(SURGERY, 1));
    }

    @Test
    void anOptionWithoutPositiveReasonRanksAfterAnyTier() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        add(lo, SURGERY, reason("E1", 1, Tier.E));
        add(lo, SURGERY, reason("E2", -1, Tier.E));

        LesionAssessment a = Assembler.rank(LESION, lo);

        assertThat(order(a)).containsExactly(SURGERY, SABR, MWA, RFA, CRYOABLATION);
    }

    @Test
    void scoreBeatsTier() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        add(lo, SABR, reason("G1", 1, Tier.G));
        add(lo, SURGERY, reason("E1", 2, Tier.E));

        assertThat(order(Assembler.rank(LESION, lo))).startsWith(SURGERY, SABR);
    }

    @Test
    void excludedTechniquesAreNotRankedAndKeepEveryReasonInRuleOrder() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        lo.exclusions().put(MWA, new ArrayList<>(List.of(exclusion("H10"), exclusion("H5"))));
        add(lo, MWA, reason("F10", 1, Tier.R));

        LesionAssessment a = Assembler.rank(LESION, lo);

        assertThat(order(a)).containsExactly(SABR, RFA, CRYOABLATION, SURGERY);
        assertThat(a.excluded()).extracting(Exclusion::technique).containsExactly(MWA);
        assertThat(a.excluded().get(0).reasons()).extracting(Reason::rule).containsExactly("H5", "H10");
    }

    @Test
    void reasonIdsCompareTheirNumbersAsNumbers() {
        List<Reason> reasons = new ArrayList<>(List.of(reason("F10", 1, Tier.R), reason("C14", -1, Tier.R),
                reason("F9", 2, Tier.R), reason("C3", -1, Tier.R), reason("UNAVAILABLE", 0, null),
                reason("F1", 2, Tier.R)));

        reasons.sort(Assembler.BY_RULE);

        assertThat(reasons).extracting(Reason::rule).containsExactly("C3", "C14", "F1", "F9", "F10", "UNAVAILABLE");
    }
}
