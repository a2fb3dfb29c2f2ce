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
import static org.mltrules.rules.Fixture.operablePatient;
import static org.mltrules.rules.Fixture.reason;
import static org.mltrules.rules.Fixture.rightLungNodule;
import static org.mltrules.rules.Fixture.techniquesWith;

import java.util.EnumSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mltrules.Centre;
import org.mltrules.Feature;
import org.mltrules.LesionAssessment;
import org.mltrules.MltRules;
import org.mltrules.Site;
import org.mltrules.Technique;
import org.mltrules.Tier;
import org.mltrules.UndecidedRule;
import org.mltrules.rules.Fixture.Engine;
import org.mltrules.rules.Fixture.Result;

/**
 * Hard exclusions H1-H11 and UNAVAILABLE (docs/clinical-rules.md, local therapy), each fired, not fired, undecided;
 * an undecided exclusion leaves its techniques ranked but provisional ({@code openExclusions}).
 */
class ExclusionRulesTest {
    private static final Engine ENGINE = Engine.bundled();

    private static final Technique[] ABLATION = {MWA, RFA, CRYOABLATION};

    @Nested
    class H1_SiteNotSafelyTreatable {
        @Test
        void aSiteThatCannotBeTreatedSafelyExcludesEveryTechnique() {
            LesionAssessment l = ENGINE.assess(operablePatient(rightLungNodule().safelyTreatable(false))).only();

            assertThat(l.options()).isEmpty();
            assertThat(excludedBy(l, "H1")).containsExactlyInAnyOrder(Technique.values());
            assertThat(reason(l, SABR, "H1").tier()).isEqualTo(Tier.G);
        }

        @Test
        void aSafelyTreatableSiteKeepsEveryTechnique() {
            LesionAssessment l = ENGINE.assess(operablePatient()).only();

            assertThat(l.excluded()).isEmpty();
            assertThat(l.missing()).isEmpty();
        }

        @Test
        void unknownSafeTreatabilityLeavesH1UndecidedAndNamesTheFact() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().safelyTreatable(null)));

            assertThat(techniquesWith(r.only(), "H1")).isEmpty();
            assertThat(r.undecided()).contains("H1");
            assertThat(r.only().missing()).containsExactly("lesions[].safelyTreatable");
        }
    }

    @Nested
    class H2_NoCompleteResection {
        @Test
        void anIncompleteResectionExcludesSurgeryOnly() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().resectableR0(false)));

            assertThat(excludedBy(r.only(), "H2")).containsExactly(SURGERY);
            assertThat(excluded(r.only())).containsExactly(SURGERY);
            assertThat(r.fired()).contains("H2").doesNotContain("F1");
        }

        @Test
        void aFeasibleR0ResectionKeepsSurgery() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "H2")).isEmpty();
        }

        @Test
        void unknownResectabilityLeavesH2Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().resectableR0(null)));

            assertThat(excluded(r.only())).isEmpty();
            assertThat(r.undecided()).contains("H2");
            assertThat(r.only().missing()).containsExactly("lesions[].resectableR0");
        }
    }

    @Nested
    class H3_SurgeryAtEcog3OrWorse {
        @Test
        void ecog3ExcludesSurgery() {
            Result r = ENGINE.assess(operablePatient().ecog(3));

            assertThat(excludedBy(r.only(), "H3")).containsExactly(SURGERY);
            assertThat(reason(r.only(), SURGERY, "H3").evidence()).contains("Expert convention [E]");
        }

        @Test
        void ecog4ExcludesSurgery() {
            assertThat(excludedBy(ENGINE.assess(operablePatient().ecog(4)).only(), "H3")).containsExactly(SURGERY);
        }

        @Test
        void ecog2JustBelowTheThresholdDoesNotExcludeSurgery() {
            Result r = ENGINE.assess(operablePatient().ecog(2));

            assertThat(techniquesWith(r.only(), "H3")).isEmpty();
            assertThat(excluded(r.only())).isEmpty();
        }

        @Test
        void unknownEcogLeavesH3UndecidedAndNamesEcog() {
            Result r = ENGINE.assess(operablePatient().ecog(null));

            assertThat(techniquesWith(r.only(), "H3")).isEmpty();
            assertThat(r.undecided()).contains("H3");
            assertThat(r.only().missing()).contains("ecog");
        }
    }

    @Nested
    class H4_MedicallyInoperableOrInadequateLungReserve {
        @Test
        void aMedicallyInoperablePatientIsExcludedFromSurgeryAtAnySite() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).medicallyOperable(false));

            assertThat(excludedBy(r.only(), "H4")).containsExactly(SURGERY);
            assertThat(reason(r.only(), SURGERY, "H4").evidence()).contains("Brunelli A").contains("Eur Respir J 2009");
        }

        @Test
        void inadequatePulmonaryReserveExcludesLungMetastasectomy() {
            Result r = ENGINE.assess(operablePatient().pulmonaryReserveAdequate(false));

            assertThat(excludedBy(r.only(), "H4")).containsExactly(SURGERY);
        }

        @Test
        void inadequatePulmonaryReserveDoesNotMatterForALiverLesion() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).pulmonaryReserveAdequate(false));

            assertThat(techniquesWith(r.only(), "H4")).isEmpty();
        }

        @Test
        void unknownOperabilityLeavesH4UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient().medicallyOperable(null));

            assertThat(techniquesWith(r.only(), "H4")).isEmpty();
            assertThat(r.undecided()).contains("H4");
            assertThat(r.only().missing()).contains("medicallyOperable").doesNotContain("pulmonaryReserveAdequate");
        }

        @Test
        void unknownPulmonaryReserveLeavesH4UndecidedForALungLesion() {
            Result r = ENGINE.assess(operablePatient().pulmonaryReserveAdequate(null));

            assertThat(r.undecided()).contains("H4");
            assertThat(r.only().missing()).contains("pulmonaryReserveAdequate").doesNotContain("medicallyOperable");
        }

        @Test
        void unknownPulmonaryReserveIsNotNamedForALiverLesion() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER)).pulmonaryReserveAdequate(null));

            assertThat(r.undecided()).doesNotContain("H4");
            assertThat(r.only().missing()).isEmpty();
        }

        @Test
        void inadequateLungReserveDecidesH4EvenWhenOperabilityIsUnknown() {
            Result r = ENGINE.assess(operablePatient().medicallyOperable(null).pulmonaryReserveAdequate(false));

            assertThat(excludedBy(r.only(), "H4")).containsExactly(SURGERY);
            assertThat(r.undecided()).doesNotContain("H4");
        }
    }

    @Nested
    class H5_BleedingRisk {
        @Test
        void plateletsOf50ExcludeEveryAblation() {
            Result r = ENGINE.assess(operablePatient().plateletsPerNanolitre(50));

            assertThat(excludedBy(r.only(), "H5")).containsExactlyInAnyOrder(ABLATION);
        }

        @Test
        void plateletsJustAbove50DoNotExcludeAblation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().plateletsPerNanolitre(50.5)).only(), "H5"))
                    .isEmpty();
        }

        @Test
        void anInrOf1point5ExcludesEveryAblation() {
            assertThat(excludedBy(ENGINE.assess(operablePatient().inr(1.5)).only(), "H5"))
                    .containsExactlyInAnyOrder(ABLATION);
        }

        @Test
        void anInrJustBelow1point5DoesNotExcludeAblation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient().inr(1.49)).only(), "H5")).isEmpty();
        }

        @Test
        void unknownPlateletsLeaveH5UndecidedAndNameThem() {
            Result r = ENGINE.assess(operablePatient().plateletsPerNanolitre(null));

            assertThat(techniquesWith(r.only(), "H5")).isEmpty();
            assertThat(r.undecided()).contains("H5");
            assertThat(r.only().missing()).containsExactly("plateletsPerNanolitre");
        }

        @Test
        void plateletsOf50DecideH5EvenWhenTheInrIsUnknown() {
            Result r = ENGINE.assess(operablePatient().plateletsPerNanolitre(50).inr(null));

            assertThat(excludedBy(r.only(), "H5")).containsExactlyInAnyOrder(ABLATION);
            assertThat(r.undecided()).doesNotContain("H5");
        }

        @Test
        void unknownInrWithNormalPlateletsLeavesH5Undecided() {
            Result r = ENGINE.assess(operablePatient().plateletsPerNanolitre(50.5).inr(null));

            assertThat(r.undecided()).contains("H5");
            assertThat(r.only().missing()).containsExactly("inr");
        }

        @Test
        void anInrOf1point5DecidesH5EvenWhenPlateletsAreUnknown() {
            Result r = ENGINE.assess(operablePatient().plateletsPerNanolitre(null).inr(1.5));

            assertThat(excludedBy(r.only(), "H5")).containsExactlyInAnyOrder(ABLATION);
            assertThat(r.undecided()).doesNotContain("H5");
            assertThat(r.only().missing()).isEmpty();
        }
    }

    @Nested
    class H6_CriticalStructureWithin5mm {
        @Test
        void aCriticalStructureWithin5mmExcludesEveryAblation() {
            Result r = ENGINE.assess(operablePatient(
                    rightLungNodule().features(Feature.CRITICAL_STRUCTURE_WITHIN_5MM)));

            assertThat(excludedBy(r.only(), "H6")).containsExactlyInAnyOrder(ABLATION);
            assertThat(reason(r.only(), CRYOABLATION, "H6").tier()).isEqualTo(Tier.P);
        }

        @Test
        void otherFeaturesDoNotExcludeAblation() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().features(Feature.SUBPLEURAL, Feature.DEEP)));

            assertThat(techniquesWith(r.only(), "H6")).isEmpty();
        }

        @Test
        void unknownFeaturesLeaveH6UndecidedAndNameThem() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().features((java.util.Collection<Feature>) null)));

            assertThat(techniquesWith(r.only(), "H6")).isEmpty();
            assertThat(r.undecided()).contains("H6");
            assertThat(r.only().missing()).containsExactly("lesions[].features");
        }
    }

    @Nested
    class H7_CryoablationOutsideSolsticeEligibility {
        @Test
        void ecog3ExcludesCryoablation() {
            assertThat(excludedBy(ENGINE.assess(operablePatient().ecog(3)).only(), "H7")).containsExactly(CRYOABLATION);
        }

        @Test
        void aLifeExpectancyOf3MonthsExcludesCryoablation() {
            assertThat(excludedBy(ENGINE.assess(operablePatient().lifeExpectancyMonths(3)).only(), "H7"))
                    .containsExactly(CRYOABLATION);
        }

        @Test
        void aLifeExpectancyJustOver3MonthsAtEcog2KeepsCryoablation() {
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(3.5).ecog(2));

            assertThat(techniquesWith(r.only(), "H7")).isEmpty();
        }

        @Test
        void unknownLifeExpectancyLeavesH7UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(null));

            assertThat(techniquesWith(r.only(), "H7")).isEmpty();
            assertThat(r.undecided()).contains("H7");
            assertThat(r.only().missing()).containsExactly("lifeExpectancyMonths");
        }

        @Test
        void aLifeExpectancyOf3MonthsDecidesH7EvenWhenEcogIsUnknown() {
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(3).ecog(null));

            assertThat(excludedBy(r.only(), "H7")).containsExactly(CRYOABLATION);
            assertThat(r.undecided()).doesNotContain("H7");
        }

        @Test
        void unknownEcogWithALongLifeExpectancyLeavesH7Undecided() {
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(3.5).ecog(null));

            assertThat(r.undecided()).contains("H7");
        }

        @Test
        void ecog3DecidesH7EvenWhenLifeExpectancyIsUnknown() {
            Result r = ENGINE.assess(operablePatient().ecog(3).lifeExpectancyMonths(null));

            assertThat(excludedBy(r.only(), "H7")).containsExactly(CRYOABLATION);
            assertThat(r.undecided()).doesNotContain("H7");
            assertThat(r.only().missing()).doesNotContain("lifeExpectancyMonths");
        }
    }

    @Nested
    class H8_LesionTooLargeForAblation {
        @Test
        void aLesionJustOver50mmExcludesEveryAblation() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(50.5)));

            assertThat(excludedBy(r.only(), "H8")).containsExactlyInAnyOrder(ABLATION);
            assertThat(reason(r.only(), MWA, "H8").evidence()).contains("Expert convention [E]");
        }

        @Test
        void aLesionOfExactly50mmKeepsAblation() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(50))).only(),
                    "H8")).isEmpty();
        }

        @Test
        void unknownSizeLeavesH8UndecidedAndNamesIt() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.LIVER).sizeMm(null)));

            assertThat(r.undecided()).contains("H8");
            assertThat(r.only().missing()).containsExactly("lesions[].sizeMm");
        }
    }

    @Nested
    class H9_SabrConstraintsNotAchievable {
        @Test
        void unachievableDoseConstraintsExcludeSabr() {
            assertThat(excludedBy(ENGINE.assess(operablePatient(rightLungNodule().sabrConstraintsAchievable(false)))
                    .only(), "H9")).containsExactly(SABR);
        }

        @Test
        void achievableDoseConstraintsKeepSabr() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "H9")).isEmpty();
        }

        @Test
        void unknownDoseConstraintsLeaveH9Undecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().sabrConstraintsAchievable(null)));

            assertThat(r.undecided()).contains("H9");
            assertThat(r.only().missing()).containsExactly("lesions[].sabrConstraintsAchievable");
        }
    }

    @Nested
    class H10_SiteNotAblatedByTheCentre {
        @Test
        void aBrainMetastasisIsNotAblatedByDefault() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BRAIN)));

            assertThat(excludedBy(r.only(), "H10")).containsExactlyInAnyOrder(ABLATION);
            assertThat(Fixture.order(r.only())).containsExactlyInAnyOrder(SABR, SURGERY);
        }

        @Test
        void aLungMetastasisCanBeAblated() {
            assertThat(techniquesWith(ENGINE.assess(operablePatient()).only(), "H10")).isEmpty();
        }

        @Test
        void aCentreThatDoesNotAblateTheLiverExcludesAblationThere() {
            Engine noLiverAblation = Engine.of(MltRules.builder()
                    .centre(Centre.DEFAULTS.withNonAblatableSites(Site.LIVER)).build());

            LesionAssessment liver = noLiverAblation.assess(operablePatient(lesionAt("L1", Site.LIVER))).only();
            LesionAssessment brain = noLiverAblation.assess(operablePatient(lesionAt("L1", Site.BRAIN))).only();

            assertThat(excludedBy(liver, "H10")).containsExactlyInAnyOrder(ABLATION);
            assertThat(excludedBy(brain, "H10")).isEmpty();
        }
    }

    @Nested
    class H11_SurgeryDeclinedByThePatient {
        @Test
        void aDeclinedOperationIsNotAnOption() {
            // Rule set 1.1: in 1.0 surgery still ranked first for this patient
            Result r = ENGINE.assess(operablePatient().declinesSurgery(true));

            assertThat(excludedBy(r.only(), "H11")).containsExactly(SURGERY);
            assertThat(reason(r.only(), SURGERY, "H11").tier()).isEqualTo(Tier.E);
            assertThat(r.fired()).contains("F5");
            assertThat(Fixture.order(r.only()).get(0)).isEqualTo(SABR);
        }

        @Test
        void aPatientWhoAcceptsSurgeryKeepsIt() {
            assertThat(excludedBy(ENGINE.assess(operablePatient().declinesSurgery(false)).only(), "H11")).isEmpty();
        }

        @Test
        void anUnknownChoiceLeavesSurgeryRankedButProvisional() {
            Result r = ENGINE.assess(operablePatient().declinesSurgery(null));

            assertThat(r.undecided()).contains("H11");
            assertThat(Fixture.option(r.only(), SURGERY).openExclusions())
                    .containsExactly(new UndecidedRule("H11", java.util.List.of("declinesSurgery")));
            assertThat(Fixture.option(r.only(), SABR).provisional()).isFalse();
        }
    }

    @Nested
    class Unavailable_TechniqueNotOfferedByTheCentre {
        @Test
        void aTechniqueTheCentreLacksIsExcludedWithAReasonNeverDropped() {
            Engine noCryo = Engine.of(MltRules.builder()
                    .centre(Centre.offering(SABR, MWA, RFA, SURGERY)).build());

            Result r = noCryo.assess(operablePatient());

            assertThat(excludedBy(r.only(), "UNAVAILABLE")).containsExactly(CRYOABLATION);
            assertThat(reason(r.only(), CRYOABLATION, "UNAVAILABLE").tier()).isNull();
            assertThat(reason(r.only(), CRYOABLATION, "UNAVAILABLE").text()).contains("not offered");
            assertThat(r.fired()).contains("UNAVAILABLE");
        }

        @Test
        void everyTechniqueIsAvailableByDefault() {
            Result r = ENGINE.assess(operablePatient());

            assertThat(techniquesWith(r.only(), "UNAVAILABLE")).isEmpty();
            assertThat(r.fired()).doesNotContain("UNAVAILABLE");
        }

        @Test
        void aCentreOfferingOnlySabrExcludesTheFourOthersForEveryLesion() {
            Engine sabrOnly = Engine.of(MltRules.builder().centre(Centre.offering(SABR)).build());

            Result r = sabrOnly.assess(operablePatient(rightLungNodule(), lesionAt("L2", Site.LIVER)));

            for (LesionAssessment l : r.assessment().lesions()) {
                assertThat(excludedBy(l, "UNAVAILABLE")).isEqualTo(EnumSet.of(MWA, RFA, CRYOABLATION, SURGERY));
                assertThat(Fixture.order(l)).containsExactly(SABR);
            }
        }
    }
}
