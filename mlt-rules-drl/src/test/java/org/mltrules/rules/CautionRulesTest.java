package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.Technique.CRYOABLATION;
import static org.mltrules.Technique.MWA;
import static org.mltrules.Technique.RFA;
import static org.mltrules.Technique.SABR;
import static org.mltrules.Technique.SURGERY;
import static org.mltrules.rules.Fixture.lesionAt;
import static org.mltrules.rules.Fixture.lungNodule;
import static org.mltrules.rules.Fixture.operablePatient;
import static org.mltrules.rules.Fixture.reason;
import static org.mltrules.rules.Fixture.rightLungNodule;
import static org.mltrules.rules.Fixture.techniquesWith;

import java.time.LocalDate;
import java.util.Collection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mltrules.CandidacyLevel;
import org.mltrules.Feature;
import org.mltrules.Flag;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.Site;
import org.mltrules.Tier;
import org.mltrules.rules.Fixture.Engine;
import org.mltrules.rules.Fixture.Result;

/**
 * Cautions C1-C19 (docs/clinical-rules.md, local therapy), each fired, not fired at its threshold, undecided; C14 as
 * the patient-level reason and flag it is since rule set 1.1.
 */
class CautionRulesTest {
    private static final Engine ENGINE = Engine.bundled();

    private static final Collection<Feature> UNKNOWN_FEATURES = null;

    @Nested
    class C1_RfaForALungLesionOver30mm {
        @Test
        void aLungLesionJustOver30mmPenalisesRfaBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(30.5))).only();

            assertThat(techniquesWith(l, "C1")).containsExactly(RFA);
            assertThat(reason(l, RFA, "C1").effect()).isEqualTo(-2);
        }

        @Test
        void aLungLesionOfExactly30mmDoesNotPenaliseRfa() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(30))).only(), "C1"))
                    .isEmpty();
        }

        @Test
        void aLargeLiverLesionIsNotALungLesion() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(40)));

            assertThat(techniquesWith(r.only(), "C1")).isEmpty();
        }

        @Test
        void unknownLungLesionSizeLeavesC1Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(null)));

            assertThat(r.undecided()).contains("C1");
            assertThat(r.only().missing()).containsExactly("lesions[].sizeMm");
        }

        @Test
        void unknownLiverLesionSizeDoesNotConcernC1() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(null)));

            assertThat(r.undecided()).doesNotContain("C1", "C3", "F15");
        }
    }

    @Nested
    class C2_CryoablationOver35mm {
        @Test
        void aLesionJustOver35mmPenalisesCryoablationBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(35.5))).only();

            assertThat(techniquesWith(l, "C2")).containsExactly(CRYOABLATION);
            assertThat(reason(l, CRYOABLATION, "C2").effect()).isEqualTo(-2);
        }

        @Test
        void aLesionOfExactly35mmDoesNotPenaliseCryoablation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(35))).only(),
                    "C2")).isEmpty();
        }

        @Test
        void unknownSizeLeavesC2Undecided() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(null)));

            assertThat(r.undecided()).contains("C2");
            assertThat(r.only().missing()).containsExactly("lesions[].sizeMm");
        }
    }

    @Nested
    class C3_MwaAndCryoablationForALungLesionOver10mm {
        @Test
        void aLungLesionJustOver10mmPenalisesMwaAndCryoablation() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(10.5))).only();

            assertThat(techniquesWith(l, "C3")).containsExactlyInAnyOrder(MWA, CRYOABLATION);
            assertThat(reason(l, MWA, "C3").effect()).isEqualTo(-1);
        }

        @Test
        void aLungLesionOfExactly10mmIsNotPenalised() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(10))).only(), "C3"))
                    .isEmpty();
        }

        @Test
        void aLiverLesionOver10mmIsNotPenalised() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(20))).only(),
                    "C3")).isEmpty();
        }

        @Test
        void unknownLungLesionSizeLeavesC3Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(null))).undecided()).contains("C3");
        }
    }

    @Nested
    class C4_C5_VesselOver3mmNextToTheLesion {
        @Test
        void aLargeVesselPenalisesRfaBy2AndCryoablationBy1() {
            LesionAssessment l = ENGINE.assess(operablePatient(
                    rightLungNodule().features(Feature.ADJACENT_VESSEL_3MM))).only();

            assertThat(techniquesWith(l, "C4")).containsExactly(RFA);
            assertThat(reason(l, RFA, "C4").effect()).isEqualTo(-2);
            assertThat(techniquesWith(l, "C5")).containsExactly(CRYOABLATION);
            assertThat(reason(l, CRYOABLATION, "C5").effect()).isEqualTo(-1);
        }

        @Test
        void noLargeVesselNoHeatOrColdSinkPenalty() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.DEEP))).only();

            assertThat(techniquesWith(l, "C4")).isEmpty();
            assertThat(techniquesWith(l, "C5")).isEmpty();
        }

        @Test
        void unknownFeaturesLeaveC4AndC5Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES)));

            assertThat(r.undecided()).contains("C4", "C5");
            assertThat(r.only().missing()).containsExactly("lesions[].features");
        }
    }

    @Nested
    class C6_HeatAblationNearPleuraOrChestWall {
        @Test
        void aSubpleuralLesionPenalisesRfaAndMwa() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.SUBPLEURAL))).only();

            assertThat(techniquesWith(l, "C6")).containsExactlyInAnyOrder(RFA, MWA);
            assertThat(reason(l, MWA, "C6").effect()).isEqualTo(-1);
        }

        @Test
        void aChestWallLesionPenalisesRfaAndMwa() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.CHEST_WALL))).only();

            assertThat(techniquesWith(l, "C6")).containsExactlyInAnyOrder(RFA, MWA);
        }

        @Test
        void aMediastinalLesionIsNotAPleuralOne() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.MEDIASTINAL))).only();

            assertThat(techniquesWith(l, "C6")).isEmpty();
        }

        @Test
        void unknownFeaturesLeaveC6Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES))).undecided())
                    .contains("C6");
        }
    }

    @Nested
    class C7_C8_CentralAndUltracentralLesions {
        @Test
        void aCentralLesionPenalisesSabrBy1() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.CENTRAL))).only();

            assertThat(techniquesWith(l, "C7")).containsExactly(SABR);
            assertThat(techniquesWith(l, "C8")).isEmpty();
            assertThat(reason(l, SABR, "C7").effect()).isEqualTo(-1);
        }

        @Test
        void anUltracentralLesionPenalisesSabrBy2AndNotAlsoAsCentral() {
            LesionAssessment l = ENGINE.assess(operablePatient(
                    rightLungNodule().features(Feature.CENTRAL, Feature.ULTRACENTRAL))).only();

            assertThat(techniquesWith(l, "C8")).containsExactly(SABR);
            assertThat(techniquesWith(l, "C7")).isEmpty();
            assertThat(Fixture.option(l, SABR).score()).isEqualTo(-2);
        }

        @Test
        void ultracentralAloneImpliesCentral() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.ULTRACENTRAL)))
                    .only();

            assertThat(techniquesWith(l, "C8")).containsExactly(SABR);
            assertThat(techniquesWith(l, "C7")).isEmpty();
        }

        @Test
        void aPeripheralLesionIsNotPenalisedForSabr() {
            LesionAssessment l = ENGINE.assess(operablePatient()).only();

            assertThat(techniquesWith(l, "C7")).isEmpty();
            assertThat(techniquesWith(l, "C8")).isEmpty();
        }

        @Test
        void unknownFeaturesLeaveC7AndC8Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES))).undecided())
                    .contains("C7", "C8");
        }
    }

    @Nested
    class C9_ReIrradiation {
        @Test
        void priorRadiotherapyOfTheLesionPenalisesSabr() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().previouslyIrradiated(true))).only();

            assertThat(techniquesWith(l, "C9")).containsExactly(SABR);
            assertThat(reason(l, SABR, "C9").evidence()).contains("Expert convention [E]");
        }

        @Test
        void noPriorRadiotherapyNoPenalty() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "C9")).isEmpty();
        }

        @Test
        void unknownPriorRadiotherapyLeavesC9Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().previouslyIrradiated(null)));

            assertThat(r.undecided()).contains("C9");
            assertThat(r.only().missing()).containsExactly("lesions[].previouslyIrradiated");
        }
    }

    @Nested
    class C10_SurgeryAtEcog2 {
        @Test
        void ecog2PenalisesSurgery() {
            LesionAssessment l = ENGINE.assess(operablePatient().ecog(2)).only();

            assertThat(techniquesWith(l, "C10")).containsExactly(SURGERY);
        }

        @Test
        void ecog1IsNotPenalised() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().ecog(1)).only(), "C10")).isEmpty();
        }

        @Test
        void ecog3ExcludesRatherThanPenalises() {
            LesionAssessment l = ENGINE.assess(operablePatient().ecog(3)).only();

            assertThat(techniquesWith(l, "C10")).isEmpty();
        }

        @Test
        void unknownEcogLeavesC10Undecided() {
            assertThat(ENGINE.assess(operablePatient().ecog(null)).undecided()).contains("C10");
        }
    }

    @Nested
    class C11_BilateralLungDisease {
        @Test
        void leftAndRightLungLesionsPenaliseSurgeryForEach() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.LEFT)));

            assertThat(techniquesWith(r.lesion("L1"), "C11")).containsExactly(SURGERY);
            assertThat(techniquesWith(r.lesion("L2"), "C11")).containsExactly(SURGERY);
        }

        @Test
        void twoRightLungLesionsAreUnilateral() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT)));

            assertThat(r.fired()).doesNotContain("C11");
        }

        @Test
        void anotherLungLesionOfUnknownSideLeavesBilateralUndecidedForBoth() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", null)));

            assertThat(r.fired()).doesNotContain("C11");
            assertThat(r.undecided()).contains("C11");
            assertThat(r.lesion("L1").missing()).containsExactly("lesions[].laterality");
            assertThat(r.lesion("L2").missing()).containsExactly("lesions[].laterality");
        }

        @Test
        void aSingleLungLesionOfUnknownSideIsNeverBilateral() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().laterality(null)));

            assertThat(r.undecided()).doesNotContain("C11", "F3");
            assertThat(r.only().missing()).isEmpty();
        }

        @Test
        void aLiverLesionIsNotConcernedByBilateralLungDisease() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.LEFT), lesionAt("L3", Site.LIVER)));

            assertThat(techniquesWith(r.lesion("L3"), "C11")).isEmpty();
        }
    }

    @Nested
    class C12_FourOrMoreLungLesions {
        @Test
        void fourLungLesionsPenaliseSurgeryBy2() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT), lungNodule("L3", Laterality.RIGHT),
                    lungNodule("L4", Laterality.RIGHT)));

            assertThat(techniquesWith(r.lesion("L4"), "C12")).containsExactly(SURGERY);
            assertThat(reason(r.lesion("L4"), SURGERY, "C12").effect()).isEqualTo(-2);
        }

        @Test
        void threeLungLesionsAreNotPenalised() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT), lungNodule("L3", Laterality.RIGHT)));

            assertThat(r.fired()).doesNotContain("C12");
        }

        @Test
        void threeLungLesionsAndALiverLesionAreNotFourLungLesions() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT), lungNodule("L3", Laterality.RIGHT),
                    lesionAt("L4", Site.LIVER)));

            assertThat(r.fired()).doesNotContain("C12");
        }
    }

    @Nested
    class C13_ShortDiseaseFreeInterval {
        @Test
        void aDiseaseFreeIntervalOf11MonthsPenalisesLungMetastasectomy() {
            Result r = ENGINE.assess(operablePatient()
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 1)));

            assertThat(techniquesWith(r.only(), "C13")).containsExactly(SURGERY);
            assertThat(r.fired()).doesNotContain("F2");
        }

        @Test
        void aDiseaseFreeIntervalOfExactly12MonthsIsNotPenalised() {
            Result r = ENGINE.assess(operablePatient()
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 2)));

            assertThat(r.fired()).doesNotContain("C13").contains("F2");
        }

        @Test
        void aShortIntervalDoesNotConcernALiverLesion() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER))
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 1)));

            assertThat(r.fired()).doesNotContain("C13");
        }

        @Test
        void anUnknownPrimaryDiagnosisDateLeavesC13UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient().primaryDiagnosisDate(null));

            assertThat(r.undecided()).contains("C13");
            assertThat(r.only().missing()).containsExactly("primaryDiagnosisDate");
        }
    }

    @Nested
    class C13_DiseaseFreeIntervalOfARepeatOrInducedOmd {
        @Test
        void aRepeatOmd8MonthsAfterTheLastLocalTherapyPenalisesLungMetastasectomy() {
            // Primary 4 years before the OMD, but the last treated metastasis only 8 months before (rule set 1.1)
            Result r = ENGINE.assess(operablePatient().history(false, true)
                    .lastLocalTherapyDate(LocalDate.of(2022, 9, 2)));

            assertThat(techniquesWith(r.only(), "C13")).containsExactly(SURGERY);
            assertThat(r.fired()).doesNotContain("F2");
        }

        @Test
        void anInducedOmdCountsFromTheLastLocalTherapyToo() {
            Result r = ENGINE.assess(operablePatient().history(true, false)
                    .lastLocalTherapyDate(Fixture.OMD_DIAGNOSIS.minusMonths(12)));

            assertThat(r.fired()).contains("F2").doesNotContain("C13");
        }

        @Test
        void aRepeatOmdWithoutALastLocalTherapyLeavesTheIntervalUnknown() {
            Result r = ENGINE.assess(operablePatient().history(false, true));

            assertThat(r.undecided()).contains("C13", "F2", "F9");
            assertThat(r.fired()).doesNotContain("C13", "F2", "F9");
            assertThat(r.only().missing()).containsExactly("lastLocalTherapyDate");
        }

        @Test
        void aDeNovoOmdIgnoresTheLastLocalTherapyDate() {
            Result r = ENGINE.assess(operablePatient().lastLocalTherapyDate(LocalDate.of(2023, 1, 2)));

            assertThat(r.fired()).contains("F2").doesNotContain("C13");
            assertThat(r.only().missing()).isEmpty();
        }

        @Test
        void anUndecidedHistoryNamesItAndTheMissingStart() {
            Result r = ENGINE.assess(operablePatient().history(null, false));

            assertThat(r.undecided()).contains("C13", "F2");
            assertThat(r.only().missing()).containsExactly("history.polymetastatic", "lastLocalTherapyDate");
        }
    }

    @Nested
    class C14_ShortDoublingTime {
        @Test
        void aDoublingTimeUnder40DaysRaisesTheFlagOnceAndPenalisesNoTechnique() {
            Result r = ENGINE.assess(operablePatient().tumourDoublingTimeDays(39.5));

            assertThat(techniquesWith(r.only(), "C14")).isEmpty();
            assertThat(r.candidacy().flags()).contains(Flag.SHORT_DOUBLING_TIME);
            assertThat(Fixture.candidacyRules(r)).containsOnlyOnce("C14");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void aDoublingTimeOfExactly40DaysRaisesNoFlag() {
            Result r = ENGINE.assess(operablePatient().tumourDoublingTimeDays(40));

            assertThat(r.fired()).doesNotContain("C14");
            assertThat(r.candidacy().flags()).doesNotContain(Flag.SHORT_DOUBLING_TIME);
        }

        @Test
        void anUnknownDoublingTimeIsListedForThePatientWithoutAFlag() {
            Result r = ENGINE.assess(operablePatient().tumourDoublingTimeDays(null));

            assertThat(r.undecided()).contains("C14");
            assertThat(r.only().missing()).isEmpty();
            assertThat(r.candidacy().missing()).containsExactly("tumourDoublingTimeDays");
            assertThat(r.candidacy().flags()).isEmpty();
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }
    }

    @Nested
    class C15_UnstableSpinalMetastasisForSabr {
        private Lesion.Builder spine() {
            return lesionAt("L1", Site.BONE_SPINE).laterality(Laterality.MIDLINE);
        }

        @Test
        void anUnstableSpinalSegmentPenalisesSabrBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient(spine().features(Feature.SPINE_INSTABILITY))).only();

            assertThat(techniquesWith(l, "C15")).containsExactly(SABR);
            assertThat(reason(l, SABR, "C15").effect()).isEqualTo(-2);
            assertThat(reason(l, SABR, "C15").tier()).isEqualTo(Tier.G);
        }

        @Test
        void aStableSpineIsNotPenalised() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(spine())).only(), "C15")).isEmpty();
        }

        @Test
        void instabilityOutsideTheSpineIsNotConcerned() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_OTHER)
                    .features(Feature.SPINE_INSTABILITY)));

            assertThat(r.fired()).doesNotContain("C15", "F16", "SPINE_INSTABILITY");
        }

        @Test
        void unknownFeaturesOfASpinalLesionLeaveC15Undecided() {
            Result r = ENGINE.assess(operablePatient(spine().features(UNKNOWN_FEATURES)));

            assertThat(r.undecided()).contains("C15");
            assertThat(r.only().missing()).contains("lesions[].features");
        }
    }

    @Nested
    class C16_CoagulationBeforeSurgery {
        @Test
        void plateletsOf50PenaliseSurgery() {
            LesionAssessment l = ENGINE.assess(operablePatient().plateletsPerNanolitre(50)).only();

            assertThat(techniquesWith(l, "C16")).containsExactly(SURGERY);
            assertThat(reason(l, SURGERY, "C16").effect()).isEqualTo(-1);
        }

        @Test
        void anInrOf1Point5PenalisesSurgery() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().inr(1.5)).only(), "C16"))
                    .containsExactly(SURGERY);
        }

        @Test
        void plateletsOf51AndAnInrOf1Point49AreNotPenalised() {
            Result r = ENGINE.assess(operablePatient().plateletsPerNanolitre(51).inr(1.49));

            assertThat(r.fired()).doesNotContain("C16", "H5");
        }

        @Test
        void unknownPlateletsLeaveC16UndecidedUnlessTheInrAlreadyDecides() {
            assertThat(ENGINE.assess(operablePatient().plateletsPerNanolitre(null)).undecided()).contains("C16");
            Result decided = ENGINE.assess(operablePatient().plateletsPerNanolitre(null).inr(2.0));
            assertThat(decided.undecided()).doesNotContain("C16");
            assertThat(decided.fired()).contains("C16");
        }
    }

    @Nested
    class C17_C18_CentralLungLesionsForHeatAblationAndSurgery {
        @Test
        void aCentralLungLesionPenalisesRfaAndMwaButNotSurgery() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.CENTRAL))).only();

            assertThat(techniquesWith(l, "C17")).containsExactlyInAnyOrder(RFA, MWA);
            assertThat(techniquesWith(l, "C18")).isEmpty();
        }

        @Test
        void anUltracentralLungLesionPenalisesRfaMwaAndSurgery() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.ULTRACENTRAL)))
                    .only();

            assertThat(techniquesWith(l, "C17")).containsExactlyInAnyOrder(RFA, MWA);
            assertThat(techniquesWith(l, "C18")).containsExactly(SURGERY);
            assertThat(reason(l, SURGERY, "C18").effect()).isEqualTo(-1);
        }

        @Test
        void aCentralLesionOutsideTheLungIsNotConcerned() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).features(Feature.ULTRACENTRAL)));

            assertThat(r.fired()).doesNotContain("C17", "C18");
        }

        @Test
        void unknownFeaturesOfALungLesionLeaveC17AndC18Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES)));

            assertThat(r.undecided()).contains("C17", "C18");
        }
    }

    @Nested
    class C19_LargeLesionOutsideTheLungForHeatAblation {
        @Test
        void aLiverLesionJustOver30mmPenalisesRfaAndMwa() {
            LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(30.5))).only();

            assertThat(techniquesWith(l, "C19")).containsExactlyInAnyOrder(RFA, MWA);
        }

        @Test
        void exactly30mmIsNotPenalised() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(30))).only(),
                    "C19")).isEmpty();
        }

        @Test
        void aLungLesionIsCautionedByC1Instead() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(40)));

            assertThat(r.fired()).contains("C1").doesNotContain("C19");
        }

        @Test
        void unknownSizeOutsideTheLungLeavesC19Undecided() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.ADRENAL).sizeMm(null)));

            assertThat(r.undecided()).contains("C19").doesNotContain("C1", "C3");
            assertThat(r.only().missing()).containsExactly("lesions[].sizeMm");
        }
    }
}
