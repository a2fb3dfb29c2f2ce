package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.Technique.CRYOABLATION;
import static org.mltrules.Technique.MWA;
import static org.mltrules.Technique.RFA;
import static org.mltrules.Technique.SABR;
import static org.mltrules.Technique.SURGERY;
import static org.mltrules.rules.Fixture.lesionAt;
import static org.mltrules.rules.Fixture.operablePatient;
import static org.mltrules.rules.Fixture.option;
import static org.mltrules.rules.Fixture.order;
import static org.mltrules.rules.Fixture.rightLungNodule;

import org.junit.jupiter.api.Test;
import org.mltrules.Feature;
import org.mltrules.LesionAssessment;
import org.mltrules.Reason;
import org.mltrules.Site;
import org.mltrules.rules.Fixture.Engine;

/**
 * The order of docs/clinical-rules.md, local therapy: score descending; ties by the strongest tier among the reasons
 * with a positive effect (G > P > R > E > none). Options equal on both share a rank (competition rank, rule set
 * 1.1); the fixed order SABR, MWA, RFA, CRYOABLATION, SURGERY only orders their listing.
 */
class RankingOrderTest {
    private static final Engine ENGINE = Engine.bundled();

    @Test
    void withNoReasonAtAllTheFixedOrderDecides() {
        // Given a 15 mm liver metastasis of synovial sarcoma in a fit patient: no rule changes any score
        LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).histology("9040/3")).only();

        assertThat(l.options()).allSatisfy(o -> assertThat(o.reasons()).isEmpty());
        // Then all five share rank 1: the fixed order lists them, it does not prefer one
        assertThat(order(l)).containsExactly(SABR, MWA, RFA, CRYOABLATION, SURGERY);
        assertThat(l.options()).extracting(o -> o.rank()).containsOnly(1);
    }

    @Test
    void anEqualScoreWithAPositiveReasonRanksAboveAnEqualScoreWithoutOne() {
        // Given a liver-only leiomyosarcoma metastasis at ECOG 2: F13 favours surgery, RFA and MWA (+1), C10
        // penalises surgery (-1)
        LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).ecog(2)).only();

        // Then surgery (0, with a positive R reason) ranks above SABR and cryoablation (0, no reason), although
        // the fixed order puts it last
        assertThat(option(l, SURGERY).score()).isZero();
        assertThat(option(l, SURGERY).reasons()).extracting(Reason::rule).containsExactly("C10", "F13");
        assertThat(order(l)).containsExactly(MWA, RFA, SURGERY, SABR, CRYOABLATION);
        assertThat(l.options()).extracting(o -> o.rank()).containsExactly(1, 1, 3, 4, 4);
    }

    @Test
    void theScoreComesFirstWhateverTheTiers() {
        // Given the baseline nodule: surgery 4 (R), RFA 2 (R), SABR 0, MWA and cryoablation -1 (C3)
        LesionAssessment l = ENGINE.assess(operablePatient()).only();

        assertThat(l.options()).extracting(o -> o.score()).containsExactly(4, 2, 0, -1, -1);
        assertThat(order(l)).containsExactly(SURGERY, RFA, SABR, MWA, CRYOABLATION);
        assertThat(l.options()).extracting(o -> o.rank()).containsExactly(1, 2, 3, 4, 4);
    }

    @Test
    void reasonsAreListedByRuleIdWithNumbersComparedAsNumbers() {
        // Given a subpleural central nodule: RFA has C6, C17 and F9
        LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.SUBPLEURAL,
                Feature.CENTRAL))).only();

        assertThat(option(l, RFA).reasons()).extracting(Reason::rule).containsExactly("C6", "C17", "F9");
        assertThat(option(l, RFA).score()).isZero();
    }

    @Test
    void everyExcludingReasonIsListedInRuleOrder() {
        // Given a brain lesion of 60 mm next to a critical structure, in a patient with low platelets
        LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(60)
                .features(Feature.CRITICAL_STRUCTURE_WITHIN_5MM)).plateletsPerNanolitre(30)).only();

        assertThat(l.excluded()).extracting(e -> e.technique()).containsExactly(MWA, RFA, CRYOABLATION);
        assertThat(l.excluded()).allSatisfy(e -> assertThat(e.reasons()).extracting(Reason::rule)
                .containsExactly("H5", "H6", "H8", "H10"));
    }
}
