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
import org.mltrules.Feature;
import org.mltrules.Flag;
import org.mltrules.Histology;
import org.mltrules.Laterality;
import org.mltrules.LesionAssessment;
import org.mltrules.Site;
import org.mltrules.Tier;
import org.mltrules.rules.Fixture.Engine;
import org.mltrules.rules.Fixture.Result;

/** Favouring factors F1-F17 (docs/clinical-rules.md, local therapy), each fired, not fired at its threshold, undecided. */
class FavouringRulesTest {
    private static final Engine ENGINE = Engine.bundled();

    private static final Collection<Feature> UNKNOWN_FEATURES = null;
    private static final String UNRECOGNISED_CODE = "8000/3";

    @Nested
    class F1_ResectableFitPatientWithLungReserve {
        @Test
        void anR0ResectableLungNoduleInAFitPatientFavoursSurgeryBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient()).only();

            assertThat(techniquesWith(l, "F1")).containsExactly(SURGERY);
            assertThat(reason(l, SURGERY, "F1").effect()).isEqualTo(2);
            assertThat(reason(l, SURGERY, "F1").text()).isEqualTo("R0 resection feasible, ECOG 0-1, adequate pulmonary reserve");
        }

        @Test
        void ecog2JustOutsideTheRangeDoesNotFavourSurgery() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().ecog(2)).only(), "F1")).isEmpty();
        }

        @Test
        void aLiverLesionIsNotALungMetastasectomy() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)));

            assertThat(r.fired()).doesNotContain("F1");
            assertThat(r.undecided()).doesNotContain("F1");
        }

        @Test
        void unknownResectabilityLeavesF1UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().resectableR0(null)));

            assertThat(r.fired()).doesNotContain("F1");
            assertThat(r.undecided()).contains("F1");
            assertThat(r.only().missing()).containsExactly("lesions[].resectableR0");
        }

        @Test
        void unknownPulmonaryReserveLeavesF1Undecided() {
            Result r = ENGINE.assess(operablePatient().pulmonaryReserveAdequate(null));

            assertThat(r.undecided()).contains("F1");
            assertThat(r.only().missing()).containsExactly("pulmonaryReserveAdequate");
        }

        @Test
        void ecog1WithUnknownResectabilityLeavesF1Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().resectableR0(null)).ecog(1)).undecided())
                    .contains("F1");
        }

        @Test
        void ecog2DecidesF1EvenWhenResectabilityIsUnknown() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().resectableR0(null)).ecog(2));

            assertThat(r.undecided()).doesNotContain("F1");
        }
    }

    @Nested
    class F2_LongDiseaseFreeInterval {
        @Test
        void exactly12MonthsFavoursLungMetastasectomy() {
            Result r = ENGINE.assess(operablePatient()
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 2)));

            assertThat(techniquesWith(r.only(), "F2")).containsExactly(SURGERY);
        }

        @Test
        void aDayShortOf12MonthsDoesNotFavourIt() {
            Result r = ENGINE.assess(operablePatient()
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 1)));

            assertThat(techniquesWith(r.only(), "F2")).isEmpty();
        }

        @Test
        void anUnknownOmdDateLeavesF2UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient().omdDiagnosisDate(null));

            assertThat(r.undecided()).contains("F2");
            assertThat(r.only().missing()).containsExactly("omdDiagnosisDate");
        }
    }

    @Nested
    class F3_OneOrTwoUnilateralNodules {
        @Test
        void twoRightLungNodulesFavourSurgeryForEach() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT)));

            assertThat(techniquesWith(r.lesion("L1"), "F3")).containsExactly(SURGERY);
            assertThat(techniquesWith(r.lesion("L2"), "F3")).containsExactly(SURGERY);
        }

        @Test
        void threeNodulesAreTooMany() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT), lungNodule("L3", Laterality.RIGHT)));

            assertThat(r.fired()).doesNotContain("F3");
        }

        @Test
        void twoBilateralNodulesAreNotUnilateral() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.LEFT)));

            assertThat(r.fired()).doesNotContain("F3");
        }

        @Test
        void aSecondNoduleOfUnknownSideLeavesF3Undecided() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.LEFT), lungNodule("L2", null)));

            assertThat(r.fired()).doesNotContain("F3");
            assertThat(r.undecided()).contains("F3");
            assertThat(r.lesion("L1").missing()).containsExactly("lesions[].laterality");
        }
    }

    @Nested
    class F4_Osteosarcoma {
        @Test
        void osteosarcomaLungMetastasesFavourSurgeryBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient().histology("9180/3")).only();

            assertThat(techniquesWith(l, "F4")).containsExactly(SURGERY);
            assertThat(reason(l, SURGERY, "F4").effect()).isEqualTo(2);
        }

        @Test
        void anotherHistologyIsNotFavoured() {
            assertThat(ENGINE.assess(operablePatient()).fired()).doesNotContain("F4");
        }

        @Test
        void anOsteosarcomaLiverMetastasisIsNotALungMetastasis() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).histology(Histology.OSTEOSARCOMA));

            assertThat(r.fired()).doesNotContain("F4");
        }

        @Test
        void unknownHistologyLeavesF4UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient().histology((String) null));

            assertThat(r.undecided()).contains("F4");
            assertThat(r.only().missing()).containsExactly("histology");
        }

        @Test
        void anUnrecognisedCodeIsSimplyNotOsteosarcoma() {
            Result r = ENGINE.assess(operablePatient().histology(UNRECOGNISED_CODE));

            assertThat(r.fired()).doesNotContain("F4", "F8");
            assertThat(r.undecided()).doesNotContain("F4", "F8");
            assertThat(r.only().missing()).isEmpty();
            assertThat(r.candidacy().flags()).containsExactly(Flag.HISTOLOGY_NOT_RECOGNISED);
        }
    }

    @Nested
    class F5_InoperableOrDecliningSurgery {
        @Test
        void aMedicallyInoperablePatientFavoursSabrBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient().medicallyOperable(false)).only();

            assertThat(techniquesWith(l, "F5")).containsExactly(SABR);
            assertThat(reason(l, SABR, "F5").effect()).isEqualTo(2);
        }

        @Test
        void aPatientDecliningSurgeryFavoursSabr() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().declinesSurgery(true)).only(), "F5"))
                    .containsExactly(SABR);
        }

        @Test
        void anOperablePatientAcceptingSurgeryIsNotFavouredForSabr() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "F5")).isEmpty();
        }

        @Test
        void unknownWishesLeaveF5UndecidedAndNameThem() {
            Result r = ENGINE.assess(operablePatient().declinesSurgery(null));

            assertThat(r.undecided()).contains("F5");
            assertThat(r.only().missing()).containsExactly("declinesSurgery");
        }

        @Test
        void decliningSurgeryDecidesF5EvenWhenOperabilityIsUnknown() {
            Result r = ENGINE.assess(operablePatient().declinesSurgery(true).medicallyOperable(null));

            assertThat(r.fired()).contains("F5");
            assertThat(r.undecided()).doesNotContain("F5");
        }
    }

    @Nested
    class F6_BilateralMultipleOrDeepLungLesions {
        @Test
        void twoLungLesionsFavourSabr() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT)));

            assertThat(techniquesWith(r.lesion("L1"), "F6")).containsExactly(SABR);
        }

        @Test
        void aDeepSingleLungLesionFavoursSabr() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().features(Feature.DEEP)))
                    .only(), "F6")).containsExactly(SABR);
        }

        @Test
        void aSinglePeripheralLungLesionIsNotFavouredForSabr() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "F6")).isEmpty();
        }

        @Test
        void unknownFeaturesOfASingleLungLesionLeaveF6Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES))).undecided())
                    .contains("F6");
        }

        @Test
        void multipleLungLesionsDecideF6WhateverTheFeatures() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT).features(UNKNOWN_FEATURES),
                    lungNodule("L2", Laterality.RIGHT)));

            assertThat(techniquesWith(r.lesion("L1"), "F6")).containsExactly(SABR);
            assertThat(r.undecided()).doesNotContain("F6");
        }
    }

    @Nested
    class F7_StableSpinalMetastasis {
        @Test
        void aStableSpinalMetastasisFavoursSabrBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_SPINE))).only();

            assertThat(techniquesWith(l, "F7")).containsExactly(SABR);
        }

        @Test
        void anUnstableSpineIsNotFavouredForSabr() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(
                    lesionAt("L1", Site.BONE_SPINE).features(Feature.SPINE_INSTABILITY))).only(), "F7")).isEmpty();
        }

        @Test
        void aNonSpinalBoneMetastasisIsNotConcerned() {
            assertThat(ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_OTHER))).fired()).doesNotContain("F7");
        }

        @Test
        void unknownSpinalStabilityLeavesF7UndecidedAndNamesTheFeatures() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_SPINE).features(UNKNOWN_FEATURES)));

            assertThat(r.undecided()).contains("F7");
            assertThat(r.only().missing()).containsExactly("lesions[].features");
        }
    }

    @Nested
    class F8_MyxoidLiposarcoma {
        @Test
        void myxoidLiposarcomaFavoursSabrAtEverySite() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), lesionAt("L2", Site.LIVER))
                    .histology("8852/3"));

            assertThat(techniquesWith(r.lesion("L1"), "F8")).containsExactly(SABR);
            assertThat(techniquesWith(r.lesion("L2"), "F8")).containsExactly(SABR);
        }

        @Test
        void anotherLiposarcomaIsNotFavoured() {
            assertThat(ENGINE.assess(operablePatient().histology("8858/3")).fired()).doesNotContain("F8");
        }

        @Test
        void unknownHistologyLeavesF8UndecidedEvenForALiverLesion() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).histology((String) null));

            assertThat(r.undecided()).contains("F8");
            assertThat(r.only().missing()).containsExactly("histology");
        }
    }

    @Nested
    class F9_SmallLungOnlyNoduleForRfa {
        @Test
        void theBaselineNoduleFavoursRfaBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient()).only();

            assertThat(techniquesWith(l, "F9")).containsExactly(RFA);
            assertThat(reason(l, RFA, "F9").effect()).isEqualTo(2);
        }

        @Test
        void exactly30mmStillFavoursRfa() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(30))).only(), "F9"))
                    .containsExactly(RFA);
        }

        @Test
        void justOver30mmDoesNot() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(30.5))).only(), "F9"))
                    .isEmpty();
        }

        @Test
        void anAdjacentLargeVesselRulesItOut() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(
                    rightLungNodule().features(Feature.ADJACENT_VESSEL_3MM))).only(), "F9")).isEmpty();
        }

        @Test
        void aShortDiseaseFreeIntervalRulesItOut() {
            Result r = ENGINE.assess(operablePatient()
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 1)));

            assertThat(r.fired()).doesNotContain("F9");
        }

        @Test
        void diseaseOutsideTheLungRulesItOut() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), lesionAt("L2", Site.LIVER)));

            assertThat(r.fired()).doesNotContain("F9");
            assertThat(r.undecided()).doesNotContain("F9");
        }

        @Test
        void unknownSizeLeavesF9UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(null)));

            assertThat(r.undecided()).contains("F9");
            assertThat(r.only().missing()).containsExactly("lesions[].sizeMm");
        }

        @Test
        void unknownFeaturesLeaveF9Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES))).undecided())
                    .contains("F9");
        }

        @Test
        void aNoduleJustOver30mmDecidesF9EvenWhenTheDatesAreUnknown() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(30.5)).primaryDiagnosisDate(null));

            assertThat(r.undecided()).doesNotContain("F9");
        }

        @Test
        void aNoduleOfExactly30mmWithUnknownDatesLeavesF9Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(30)).primaryDiagnosisDate(null));

            assertThat(r.undecided()).contains("F9");
            assertThat(r.only().missing()).containsExactly("primaryDiagnosisDate");
        }

        @Test
        void aShortIntervalDecidesF9EvenWhenTheSizeIsUnknown() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sizeMm(null))
                    .primaryDiagnosisDate(LocalDate.of(2022, 5, 2)).omdDiagnosisDate(LocalDate.of(2023, 5, 1)));

            assertThat(r.undecided()).doesNotContain("F9");
        }
    }

    @Nested
    class F10_MwaNextToALargeVessel {
        @Test
        void aLargeVesselFavoursMwa() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(
                    rightLungNodule().features(Feature.ADJACENT_VESSEL_3MM))).only(), "F10")).containsExactly(MWA);
        }

        @Test
        void noLargeVesselNoFavour() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "F10")).isEmpty();
        }

        @Test
        void unknownFeaturesLeaveF10Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES))).undecided())
                    .contains("F10");
        }
    }

    @Nested
    class F11_CryoablationNearPleuraChestWallOrMediastinum {
        @Test
        void aSubpleuralLesionFavoursCryoablationBy2() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.SUBPLEURAL))).only();

            assertThat(techniquesWith(l, "F11")).containsExactly(CRYOABLATION);
            assertThat(reason(l, CRYOABLATION, "F11").effect()).isEqualTo(2);
        }

        @Test
        void chestWallAndMediastinalLesionsFavourCryoablation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().features(Feature.CHEST_WALL)))
                    .only(), "F11")).containsExactly(CRYOABLATION);
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().features(Feature.MEDIASTINAL)))
                    .only(), "F11")).containsExactly(CRYOABLATION);
        }

        @Test
        void aDeepLesionIsNotFavouredForCryoablation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().features(Feature.DEEP)))
                    .only(), "F11")).isEmpty();
        }

        @Test
        void unknownFeaturesLeaveF11Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().features(UNKNOWN_FEATURES))).undecided())
                    .contains("F11");
        }
    }

    @Nested
    class F12_ParenchymaSparing {
        @Test
        void aPriorLungResectionFavoursEveryAblation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().priorLungResections(1)).only(), "F12"))
                    .containsExactlyInAnyOrder(MWA, RFA, CRYOABLATION);
        }

        @Test
        void theNeedToSpareParenchymaFavoursEveryAblation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().parenchymaSparingNeeded(true)).only(), "F12"))
                    .containsExactlyInAnyOrder(MWA, RFA, CRYOABLATION);
        }

        @Test
        void noPriorResectionAndNoNeedToSpareNoFavour() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "F12")).isEmpty();
        }

        @Test
        void aLiverLesionIsNotConcerned() {
            assertThat(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).priorLungResections(2)).fired())
                    .doesNotContain("F12");
        }

        @Test
        void onePriorResectionDecidesF12EvenWhenTheNeedToSpareIsUnknown() {
            Result r = ENGINE.assess(operablePatient().priorLungResections(1).parenchymaSparingNeeded(null));

            assertThat(r.fired()).contains("F12");
            assertThat(r.undecided()).doesNotContain("F12");
        }

        @Test
        void unknownNeedToSpareWithoutPriorResectionLeavesF12Undecided() {
            Result r = ENGINE.assess(operablePatient().priorLungResections(0).parenchymaSparingNeeded(null));

            assertThat(r.undecided()).contains("F12");
            assertThat(r.only().missing()).containsExactly("parenchymaSparingNeeded");
        }

        @Test
        void unknownPriorResectionsLeaveF12UndecidedAndNameThem() {
            Result r = ENGINE.assess(operablePatient().priorLungResections(null));

            assertThat(r.undecided()).contains("F12");
            assertThat(r.only().missing()).containsExactly("priorLungResections");
        }
    }

    @Nested
    class F13_LiverOnlyLeiomyosarcomaOrGist {
        @Test
        void liverOnlyLeiomyosarcomaFavoursResectionAndHeatAblation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER))).only(), "F13"))
                    .containsExactlyInAnyOrder(SURGERY, RFA, MWA);
        }

        @Test
        void liverOnlyGistIsFavouredToo() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER), lesionAt("L2", Site.LIVER))
                    .histology("8936/1"));

            assertThat(techniquesWith(r.lesion("L2"), "F13")).containsExactlyInAnyOrder(SURGERY, RFA, MWA);
        }

        @Test
        void liverAndLungDiseaseIsNotLiverOnly() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER), lungNodule("L2", Laterality.RIGHT)));

            assertThat(r.fired()).doesNotContain("F13");
        }

        @Test
        void anotherHistologyIsNotFavoured() {
            assertThat(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).histology("9040/3")).fired())
                    .doesNotContain("F13");
        }

        @Test
        void unknownHistologyLeavesF13Undecided() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).histology((String) null));

            assertThat(r.undecided()).contains("F13");
            assertThat(r.only().missing()).containsExactly("histology");
        }
    }

    @Nested
    class F14_F17_BrainMetastasisInAFitPatient {
        @Test
        void aBrainMetastasisAtEcog1FavoursRadiosurgeryOnly() {
            // Rule set 1.1: F14's series is radiosurgery, so it no longer credits resection
            assertThat(techniquesWith(ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN)).ecog(1)).only(),
                    "F14")).containsExactly(SABR);
        }

        @Test
        void ecog2IsNotFavoured() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(40)).ecog(2));
            assertThat(r.fired()).doesNotContain("F14", "F17");
        }

        @Test
        void unknownEcogLeavesF14Undecided() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN)).ecog(null));

            assertThat(r.undecided()).contains("F14").doesNotContain("F17");
            assertThat(r.only().missing()).containsExactly("ecog");
        }

        @Test
        void aBrainMetastasisOver30mmAtEcog0To1FavoursResection() {
            LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(31))).only();

            assertThat(techniquesWith(l, "F17")).containsExactly(SURGERY);
            assertThat(reason(l, SURGERY, "F17").tier()).isEqualTo(Tier.E);
            // F14 (tier R) still ranks radiosurgery above resection (tier E) at the same score
            assertThat(Fixture.rank(l, SABR)).isLessThan(Fixture.rank(l, SURGERY));
        }

        @Test
        void aBrainMetastasisOfExactly30mmIsNotResectedForItsMassEffect() {
            assertThat(ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(30))).fired())
                    .doesNotContain("F17");
        }

        @Test
        void unknownSizeOrEcogLeavesF17Undecided() {
            Result size = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(null)));
            assertThat(size.undecided()).contains("F17");
            Result ecog = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(40)).ecog(null));
            assertThat(ecog.undecided()).contains("F17");
            Result small = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN).sizeMm(20)).ecog(null));
            assertThat(small.undecided()).as("a small lesion decides F17 whatever the ECOG").doesNotContain("F17");
        }
    }

    @Nested
    class F15_LungNoduleOf10mmOrLess {
        @Test
        void exactly10mmFavoursMwaAndCryoablationNotRfa() {
            // Rule set 1.1: the source studied MWA and cryoablation, not RFA
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(10))).only(), "F15"))
                    .containsExactlyInAnyOrder(MWA, CRYOABLATION);
        }

        @Test
        void justOver10mmDoesNot() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(10.5))).only(), "F15"))
                    .isEmpty();
        }

        @Test
        void aSmallLiverLesionIsNotConcerned() {
            assertThat(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(8))).fired())
                    .doesNotContain("F15");
        }

        @Test
        void unknownSizeLeavesF15Undecided() {
            assertThat(ENGINE.assess(operablePatient(rightLungNodule().sizeMm(null))).undecided()).contains("F15");
        }
    }

    @Nested
    class F16_UnstableSpinalMetastasisForSurgery {
        @Test
        void anUnstableSpinalSegmentFavoursSurgicalStabilisation() {
            LesionAssessment l = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_SPINE)
                    .laterality(Laterality.MIDLINE).features(Feature.SPINE_INSTABILITY))).only();

            assertThat(techniquesWith(l, "F16")).containsExactly(SURGERY);
            assertThat(reason(l, SURGERY, "F16").effect()).isEqualTo(2);
            assertThat(Fixture.order(l).get(0)).as("stabilisation first, SABR no longer first").isEqualTo(SURGERY);
        }

        @Test
        void unknownFeaturesOfASpinalLesionLeaveF16Undecided() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_SPINE).features((Collection<Feature>) null)));

            assertThat(r.undecided()).contains("F16", "F7", "C15");
        }
    }
}
