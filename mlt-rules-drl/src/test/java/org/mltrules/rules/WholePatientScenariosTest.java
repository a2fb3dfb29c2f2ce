package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.Technique.CRYOABLATION;
import static org.mltrules.Technique.MWA;
import static org.mltrules.Technique.RFA;
import static org.mltrules.Technique.SABR;
import static org.mltrules.Technique.SURGERY;
import static org.mltrules.rules.Fixture.excluded;
import static org.mltrules.rules.Fixture.excludedBy;
import static org.mltrules.rules.Fixture.lesionAt;
import static org.mltrules.rules.Fixture.lungNodule;
import static org.mltrules.rules.Fixture.operablePatient;
import static org.mltrules.rules.Fixture.option;
import static org.mltrules.rules.Fixture.order;
import static org.mltrules.rules.Fixture.rank;
import static org.mltrules.rules.Fixture.reason;
import static org.mltrules.rules.Fixture.rightLungNodule;
import static org.mltrules.rules.Fixture.techniquesWith;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.Centre;
import org.mltrules.Feature;
import org.mltrules.Flag;
import org.mltrules.Laterality;
import org.mltrules.LesionAssessment;
import org.mltrules.MltRules;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.Technique;
import org.mltrules.rules.Fixture.Engine;
import org.mltrules.rules.Fixture.Result;

/**
 * Whole-patient scenarios of issue 3: the order of the options and the reasons behind it, not only the top item.
 */
class WholePatientScenariosTest {
    private static final Engine ENGINE = Engine.bundled();

    @Test
    void theCaseFormatExampleRanksAsDocumented() {
        // Given the example case of docs/case-format.md (demo-02): a 15 mm subpleural right-lung nodule
        Result r = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.SUBPLEURAL)).caseId("demo-02"));

        // Then surgery leads with F1, F2, F3 (score 4), each with its full citation (rule set 1.1: written once
        // in references.properties), RFA and cryoablation share rank 2, and SABR is fourth with no reason
        LesionAssessment l = r.only();
        RankedOption surgery = option(l, SURGERY);
        java.util.Map<String, String> references = ENGINE.rules().references();
        assertThat(surgery.rank()).isEqualTo(1);
        assertThat(surgery.score()).isEqualTo(4);
        assertThat(surgery.reasons()).containsExactly(
                new Reason("F1", 2, "R0 resection feasible, ECOG 0-1, adequate pulmonary reserve",
                        references.get("stamenovic2021"), org.mltrules.Tier.R),
                new Reason("F2", 1, "disease-free interval of 12 months or more", references.get("roth1985"),
                        org.mltrules.Tier.R),
                new Reason("F3", 1, "1-2 unilateral lung nodules", references.get("casson1992"),
                        org.mltrules.Tier.R));
        assertThat(surgery.reasons().get(1).evidence()).startsWith("Roth JA, Putnam JB").contains("Cancer 1985;55(6)");
        assertThat(option(l, RFA).rank()).isEqualTo(2);
        assertThat(option(l, CRYOABLATION).rank()).isEqualTo(2);
        assertThat(option(l, SABR).rank()).isEqualTo(4);
        assertThat(option(l, SABR).reasons()).isEmpty();
        assertThat(r.fired()).containsExactly("C3", "C6", "F1", "F11", "F2", "F3", "F9",
                "P1", "P2", "P3", "Q1", "Q2", "Q3", "Q4");
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(SABR, MWA, RFA, CRYOABLATION, SURGERY);
    }

    @Test
    void aSmallPeripheralLungNoduleInAnOperablePatientWithALongDiseaseFreeIntervalGoesToSurgery() {
        // Given an 8 mm subpleural right-lung nodule, 49 months after the primary, in a fit operable patient
        Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(8).features(Feature.SUBPLEURAL)));

        // Then surgery leads (F1 + F2 + F3 = 4), cryoablation follows (subpleural F11, small F15: 3),
        // then RFA (F9 - C6 = 1; F15 no longer credits RFA, rule set 1.1); MWA (F15 - C6 = 0) ranks above SABR (0)
        // on the strength of its positive reason's tier
        LesionAssessment l = r.only();
        assertThat(order(l)).containsExactly(SURGERY, CRYOABLATION, RFA, MWA, SABR);
        assertThat(l.options()).extracting(RankedOption::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(option(l, SURGERY).reasons()).extracting(Reason::rule).containsExactly("F1", "F2", "F3");
        assertThat(option(l, CRYOABLATION).reasons()).extracting(Reason::rule).containsExactly("F11", "F15");
        assertThat(option(l, RFA).reasons()).extracting(Reason::rule).containsExactly("C6", "F9");
        assertThat(option(l, MWA).score()).isEqualTo(option(l, SABR).score());
        assertThat(l.excluded()).isEmpty();
        assertThat(l.missing()).isEmpty();
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
    }

    @Test
    void anEcog3PatientIsNotRecommendedAndLosesSurgeryAndCryoablation() {
        // Given the baseline nodule in a patient at ECOG 3
        Result r = ENGINE.assess(operablePatient().ecog(3));

        // Then surgery (H3) and cryoablation (H7) are excluded, with their reasons; F1 no longer favours surgery
        LesionAssessment l = r.only();
        assertThat(excludedBy(l, "H3")).containsExactly(SURGERY);
        assertThat(excludedBy(l, "H7")).containsExactly(CRYOABLATION);
        assertThat(excluded(l)).containsExactlyInAnyOrder(SURGERY, CRYOABLATION);
        assertThat(r.fired()).doesNotContain("F1");
        // and the remaining options are still ranked: RFA (F9) before SABR before MWA (C3)
        assertThat(order(l)).containsExactly(RFA, SABR, MWA);
        // and local therapy is not recommended, for the ECOG reason
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
        assertThat(r.candidacy().reasons()).extracting(Reason::rule).containsExactly("ECOG_3_OR_WORSE");
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(SABR, MWA, RFA);
    }

    @Test
    void aLesionNextToALargeVesselPenalisesRfaAndFavoursMwa() {
        // Given a 15 mm right-lung nodule next to a vessel over 3 mm
        Result r = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.ADJACENT_VESSEL_3MM)));

        // Then RFA loses its lung-only favour (F9) and takes the heat-sink penalty (C4); MWA is favoured (F10)
        LesionAssessment l = r.only();
        assertThat(option(l, RFA).reasons()).extracting(Reason::rule).containsExactly("C4");
        assertThat(reason(l, RFA, "C4").text()).contains("heat-sink");
        assertThat(option(l, MWA).reasons()).extracting(Reason::rule).containsExactly("C3", "F10");
        assertThat(option(l, CRYOABLATION).reasons()).extracting(Reason::rule).containsExactly("C3", "C5");
        // and among the ablations MWA now ranks first, ahead of RFA and cryoablation
        assertThat(rank(l, MWA)).isLessThan(rank(l, RFA)).isLessThan(rank(l, CRYOABLATION));
        assertThat(order(l)).containsExactly(SURGERY, MWA, SABR, RFA, CRYOABLATION);
    }

    @Test
    void aSubpleuralLesionFavoursCryoablationOverHeatBasedAblation() {
        // Given the baseline nodule, once deep in the lung and once subpleural
        LesionAssessment deep = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.DEEP))).only();
        LesionAssessment subpleural = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.SUBPLEURAL)))
                .only();

        // Then subpleural, cryoablation gains F11 and rises above SABR and MWA; heat ablation takes C6
        assertThat(techniquesWith(subpleural, "F11")).containsExactly(CRYOABLATION);
        assertThat(techniquesWith(subpleural, "C6")).containsExactlyInAnyOrder(RFA, MWA);
        assertThat(rank(subpleural, CRYOABLATION)).isLessThan(rank(deep, CRYOABLATION));
        assertThat(rank(subpleural, CRYOABLATION)).isLessThan(rank(subpleural, SABR))
                .isLessThan(rank(subpleural, MWA));
        assertThat(option(subpleural, CRYOABLATION).score()).isGreaterThan(option(subpleural, MWA).score());
        assertThat(order(subpleural)).endsWith(MWA);
    }

    @Test
    void aSpinalMetastasisOfMyxoidLiposarcomaGoesToSabrAfterStagingMri() {
        // Given a stable spinal metastasis of myxoid liposarcoma (ICD-O-3 8852/3)
        Result r = ENGINE.assess(operablePatient(lesionAt("S1", Site.BONE_SPINE).laterality(Laterality.MIDLINE))
                .histology("8852/3"));

        // Then SABR leads on spine SBRT (F7) and radiosensitivity (F8), well ahead of every other option
        LesionAssessment l = r.only();
        assertThat(order(l).get(0)).isEqualTo(SABR);
        assertThat(option(l, SABR).reasons()).extracting(Reason::rule).containsExactly("F7", "F8");
        assertThat(option(l, SABR).score()).isEqualTo(3);
        assertThat(l.options().subList(1, l.options().size())).allSatisfy(o -> assertThat(o.score()).isZero());
        // and the board is asked for whole-body or spine MRI before local therapy
        assertThat(r.candidacy().flags()).containsExactly(Flag.STAGING_MRI);
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
    }

    @Test
    void anUnstableSpinalMetastasisOfMyxoidLiposarcomaIsStabilisedFirst() {
        Result r = ENGINE.assess(operablePatient(lesionAt("S1", Site.BONE_SPINE).features(Feature.SPINE_INSTABILITY))
                .histology("8852/3"));

        // Rule set 1.1: no spine SBRT favour (F7), a caution for SABR (C15), surgery favoured to stabilise (F16),
        // and a spine surgeon's review for the board
        assertThat(option(r.only(), SABR).reasons()).extracting(Reason::rule).containsExactly("C15", "F8");
        assertThat(option(r.only(), SURGERY).reasons()).extracting(Reason::rule).containsExactly("F16");
        assertThat(order(r.only()).get(0)).isEqualTo(SURGERY);
        assertThat(r.candidacy().flags()).containsExactly(Flag.STAGING_MRI, Flag.SPINE_INSTABILITY);
    }

    @Test
    void ewingSarcomaLungMetastasesAreForAProtocolDiscussion() {
        // Given two right-lung metastases of Ewing sarcoma (ICD-O-3.2 9364/3), otherwise favourable for surgery
        Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT), lungNodule("L2", Laterality.RIGHT))
                .histology("9364/3"));

        // Then the board is told to treat them within a paediatric/AYA protocol: DISCUSS, with the reason
        assertThat(r.candidacy().flags()).containsExactly(Flag.HISTOLOGY_PROTOCOL);
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        assertThat(r.candidacy().reasons()).extracting(Reason::rule).containsExactly("HISTOLOGY_PROTOCOL");
        assertThat(r.candidacy().reasons().get(0).text()).contains("protocol");
        // and each lesion is still ranked, with its reasons, for the discussion
        for (LesionAssessment l : r.assessment().lesions()) {
            assertThat(order(l)).first().isEqualTo(SURGERY);
            assertThat(option(l, SABR).reasons()).extracting(Reason::rule).containsExactly("F6");
        }
    }

    @Test
    void aMedicallyInoperablePatientIsOfferedSabrFirst() {
        // Given the baseline nodule in a medically inoperable patient
        Result r = ENGINE.assess(operablePatient().medicallyOperable(false));

        // Then surgery is excluded (H4, ERS/ESTS) and SABR is favoured (F5)
        LesionAssessment l = r.only();
        assertThat(excludedBy(l, "H4")).containsExactly(SURGERY);
        assertThat(reason(l, SURGERY, "H4").evidence()).contains("Brunelli A");
        assertThat(option(l, SABR).reasons()).extracting(Reason::rule).containsExactly("F5");
        // and SABR ties with RFA (F9) at 2, both tier R: they share rank 1 (listed in the fixed order); the
        // others follow
        assertThat(option(l, SABR).score()).isEqualTo(option(l, RFA).score()).isEqualTo(2);
        assertThat(order(l)).containsExactly(SABR, RFA, MWA, CRYOABLATION);
        assertThat(l.options()).extracting(RankedOption::rank).containsExactly(1, 1, 3, 3);
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(SABR, MWA, RFA, CRYOABLATION);
    }

    @Test
    void aCentreWithoutCryoablationSaysSoInsteadOfDroppingIt() {
        // Given a centre offering every technique but cryoablation, and a small subpleural nodule
        Engine noCryo = Engine.of(MltRules.builder().centre(Centre.offering(SABR, MWA, RFA, SURGERY)).build());
        Result r = noCryo.assess(operablePatient(rightLungNodule().sizeMm(8).features(Feature.SUBPLEURAL)));

        // Then cryoablation, which would rank second here, is listed as excluded because it is unavailable
        LesionAssessment l = r.only();
        assertThat(l.excluded()).hasSize(1);
        assertThat(l.excluded().get(0).technique()).isEqualTo(CRYOABLATION);
        assertThat(l.excluded().get(0).reasons()).extracting(Reason::rule).containsExactly("UNAVAILABLE");
        // and the other four keep their order, ranked 1..4
        assertThat(order(l)).containsExactly(SURGERY, RFA, MWA, SABR);
        assertThat(l.options()).extracting(RankedOption::rank).containsExactly(1, 2, 3, 4);
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(SABR, MWA, RFA, SURGERY);
    }

    @Test
    void aBrainMetastasisIsForRadiosurgeryOrResectionNotAblation() {
        // Given a single brain metastasis in a fit patient
        Result r = ENGINE.assess(operablePatient(lesionAt("B1", Site.BRAIN)));

        // Then every ablation is excluded (H10, configurable) and radiosurgery is favoured (F14, rule set 1.1:
        // SABR only); a 15 mm lesion gives resection no mass-effect favour (F17)
        LesionAssessment l = r.only();
        assertThat(excludedBy(l, "H10")).containsExactlyInAnyOrder(MWA, RFA, CRYOABLATION);
        assertThat(order(l)).containsExactly(SABR, SURGERY);
        assertThat(option(l, SABR).reasons()).extracting(Reason::rule).containsExactly("F14");
        assertThat(option(l, SURGERY).reasons()).isEmpty();
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(SABR, SURGERY);
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
    }

    @Test
    void eachLesionOfAMixedCaseIsRankedOnItsOwnFacts() {
        // Given a lung nodule and a liver metastasis of leiomyosarcoma, the lung nodule with a large vessel
        Result r = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.ADJACENT_VESSEL_3MM),
                lesionAt("M2", Site.LIVER).sizeMm(60)));

        // Then the liver lesion is too large for any ablation (H8) and the lung nodule keeps every technique
        assertThat(excludedBy(r.lesion("M2"), "H8")).containsExactlyInAnyOrder(MWA, RFA, CRYOABLATION);
        assertThat(r.lesion("L1").excluded()).isEmpty();
        // and liver-only (F13) and lung-only (F9) favours do not apply to mixed disease
        assertThat(r.fired()).doesNotContain("F9", "F13");
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(SABR, SURGERY);
    }

    @Test
    void aSparseCaseIsRankedAsFarAsTheFactsAllowAndSaysWhatIsMissing() {
        // Given only what a referral letter might hold: histology, dates, ECOG and one lung lesion's site and size
        Result r = ENGINE.assess(org.mltrules.PatientCase.builder("sparse").histology("8890/3")
                .primaryDiagnosisDate(LocalDate.of(2019, 3, 12)).omdDiagnosisDate(LocalDate.of(2023, 5, 2))
                .history(false, false).systemicTherapy(SystemicTherapy.NONE).ecog(0)
                .lesions(org.mltrules.Lesion.builder("L1", Site.LUNG).laterality(Laterality.RIGHT).sizeMm(15)
                        .response(Response.NEW).safelyTreatable(true).build())
                .build());

        // Then nothing is excluded on assumptions, and every technique may still turn out excluded: DISCUSS,
        // naming the facts that would settle it
        assertThat(r.assessment().category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
        assertThat(r.only().excluded()).isEmpty();
        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        assertThat(r.candidacy().missing()).containsExactly("medicallyOperable", "declinesSurgery",
                "pulmonaryReserveAdequate", "plateletsPerNanolitre", "inr", "tumourDoublingTimeDays",
                "lifeExpectancyMonths", "lesions[].resectableR0", "lesions[].sabrConstraintsAchievable",
                "lesions[].features");
        // and every option is provisional, naming the exclusions still open
        assertThat(r.only().options()).allSatisfy(o -> assertThat(o.provisional()).as("%s", o.technique()).isTrue());
        assertThat(r.only().missing()).contains("lesions[].resectableR0", "lesions[].features")
                // the doubling time is a patient-level fact since 1.1 (C14): listed by the candidacy, not the lesion
                .doesNotContain("tumourDoublingTimeDays");
        List<Technique> ranked = order(r.only());
        assertThat(ranked).first().isEqualTo(SURGERY);
    }
}
