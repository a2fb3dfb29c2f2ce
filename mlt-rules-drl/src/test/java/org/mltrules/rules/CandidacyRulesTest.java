package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.rules.Fixture.candidacyRules;
import static org.mltrules.rules.Fixture.lesionAt;
import static org.mltrules.rules.Fixture.lungNodule;
import static org.mltrules.rules.Fixture.operablePatient;
import static org.mltrules.rules.Fixture.rightLungNodule;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.Centre;
import org.mltrules.Flag;
import org.mltrules.Histology;
import org.mltrules.History;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Reason;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.Technique;
import org.mltrules.TherapyKind;
import org.mltrules.Tier;
import org.mltrules.rules.Fixture.Engine;
import org.mltrules.rules.Fixture.Result;

/**
 * Patient-level candidacy (docs/clinical-rules.md, candidacy): NOT_RECOMMENDED reasons, DISCUSS reasons and flags,
 * the facts listed as missing (those of step 1 force DISCUSS; those of flags, DISCUSS reasons and life expectancy do
 * not, rule set 1.1).
 */
class CandidacyRulesTest {
    private static final Engine ENGINE = Engine.bundled();

    @Test
    void theBaselinePatientIsACandidate() {
        Result r = ENGINE.assess(operablePatient());

        assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        assertThat(r.candidacy().reasons()).isEmpty();
        assertThat(r.candidacy().missing()).isEmpty();
        assertThat(r.candidacy().treatsAllLesions()).containsExactly(Technique.values());
    }

    @Nested
    class NotOligometastatic {
        @Test
        void sixLesionsAreNotOligometastaticSoLocalTherapyIsNotRecommended() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT), lungNodule("L3", Laterality.RIGHT),
                    lungNodule("L4", Laterality.LEFT), lungNodule("L5", Laterality.LEFT),
                    lungNodule("L6", Laterality.LEFT)));

            assertThat(r.assessment().category()).isEqualTo(Category.NOT_OLIGOMETASTATIC);
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            assertThat(candidacyRules(r)).containsExactly("NOT_OLIGOMETASTATIC");
            assertThat(r.candidacy().reasons().get(0).evidence()).contains("Lievens");
        }

        @Test
        void fiveLesionsAreStillOligometastatic() {
            Result r = ENGINE.assess(operablePatient(lungNodule("L1", Laterality.RIGHT),
                    lungNodule("L2", Laterality.RIGHT), lungNodule("L3", Laterality.RIGHT),
                    lungNodule("L4", Laterality.LEFT), lungNodule("L5", Laterality.LEFT)));

            assertThat(candidacyRules(r)).doesNotContain("NOT_OLIGOMETASTATIC");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void unknownLesionsLeaveTheConditionUndecidedAndNameThem() {
            Result r = ENGINE.assess(operablePatient().lesions((List<Lesion>) null));

            assertThat(r.undecided()).contains("NOT_OLIGOMETASTATIC");
            assertThat(r.candidacy().missing()).containsExactly("lesions");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
            assertThat(r.candidacy().treatsAllLesions()).isEmpty();
        }

        @Test
        void unknownSafeTreatabilityLeavesTheConditionUndecided() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().safelyTreatable(null)));

            assertThat(r.undecided()).contains("NOT_OLIGOMETASTATIC");
            assertThat(r.candidacy().missing()).containsExactly("lesions[].safelyTreatable");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void anIndeterminateTreeIsStillOligometastatic() {
            Result r = ENGINE.assess(operablePatient().history(History.UNKNOWN));

            assertThat(r.assessment().category()).isEqualTo(Category.INDETERMINATE);
            assertThat(r.undecided()).doesNotContain("NOT_OLIGOMETASTATIC");
            assertThat(r.candidacy().missing()).isEmpty();
        }
    }

    @Nested
    class LifeExpectancyUnder6Months {
        @Test
        void fiveMonthsMakesLocalTherapyNotRecommended() {
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(5.9));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            assertThat(candidacyRules(r)).containsExactly("LIFE_EXPECTANCY_UNDER_6_MONTHS");
            assertThat(r.candidacy().reasons().get(0).tier()).isEqualTo(Tier.P);
        }

        @Test
        void exactly6MonthsPasses() {
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(6));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void anUnknownLifeExpectancyIsListedButDoesNotAloneMakeItADiscussion() {
            // The one documented exception to "unknown is never false": the board estimates it
            Result r = ENGINE.assess(operablePatient().lifeExpectancyMonths(null));

            assertThat(r.candidacy().missing()).containsExactly("lifeExpectancyMonths");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
            assertThat(r.undecided()).contains("LIFE_EXPECTANCY_UNDER_6_MONTHS");
        }
    }

    @Nested
    class UncontrolledRegionalDisease {
        private Lesion.Builder regionalNode() {
            return lesionAt("N1", Site.LYMPH_NODE_REGIONAL).response(Response.STABLE);
        }

        @Test
        void aProgressingRegionalNodeSetAsideMakesItADiscussion() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), regionalNode().response(Response.PROGRESSING)));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
            assertThat(candidacyRules(r)).containsExactly("UNCONTROLLED_REGIONAL_DISEASE");
            assertThat(r.candidacy().flags()).as("a reason, not a flag").isEmpty();
            assertThat(r.assessment().classification().path().get(0).because())
                    .isEqualTo("counted lesions = 1; regional lesions not counted = 1 (N1)");
        }

        @Test
        void aRegionalNodeNotSafelyTreatableMakesItADiscussion() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), regionalNode().safelyTreatable(false)));

            assertThat(r.assessment().category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            assertThat(candidacyRules(r)).containsExactly("UNCONTROLLED_REGIONAL_DISEASE");
        }

        @Test
        void aNewRegionalNodeCountsAsProgressionOnlyUnderK4() {
            PatientCase c = operablePatient(rightLungNodule(), regionalNode().response(Response.NEW)).build();
            MltRules withoutK4 = MltRules.builder().conventions(org.mltrules.Conventions.builder()
                    .newLesionCountsAsProgression(false).build()).build();

            assertThat(candidacyRules(ENGINE.assess(c))).containsExactly("UNCONTROLLED_REGIONAL_DISEASE");
            assertThat(withoutK4.assess(c).candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void aCountedRegionalNodeIsADistantMetastasisNotRegionalDisease() {
            MltRules counting = MltRules.builder().conventions(org.mltrules.Conventions.builder()
                    .regionalNodesCountAsMetastasis(true).build()).build();
            PatientCase c = operablePatient(rightLungNodule(), regionalNode().response(Response.PROGRESSING)).build();

            assertThat(counting.assess(c).candidacy().reasons()).extracting(Reason::rule)
                    .doesNotContain("UNCONTROLLED_REGIONAL_DISEASE");
        }

        @Test
        void unknownRegionalFactsAreListedWithoutForcingADiscussion() {
            Result treatability = ENGINE.assess(operablePatient(rightLungNodule(), regionalNode().safelyTreatable(null)));
            Result response = ENGINE.assess(operablePatient(rightLungNodule(),
                    regionalNode().response(Response.NOT_ASSESSABLE)));

            assertThat(treatability.candidacy().missing()).containsExactly("lesions[].safelyTreatable");
            assertThat(treatability.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
            assertThat(response.candidacy().missing()).containsExactly("lesions[].response");
            assertThat(response.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void aKnownUncontrolledNodeSettlesItWhateverAnotherNodeLeavesUnknown() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), regionalNode().response(Response.PROGRESSING),
                    lesionAt("N2", Site.LYMPH_NODE_REGIONAL).safelyTreatable(null)));

            assertThat(r.candidacy().missing()).doesNotContain("lesions[].safelyTreatable");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }
    }

    @Nested
    class SpineInstability {
        @Test
        void anUnstableSpinalMetastasisIsFlaggedForASpineSurgeon() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_SPINE)
                    .features(org.mltrules.Feature.SPINE_INSTABILITY)));

            assertThat(r.candidacy().flags()).containsExactly(Flag.SPINE_INSTABILITY);
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void aSpinalMetastasisOfUnknownStabilityIsListed() {
            Result r = ENGINE.assess(operablePatient(lesionAt("L1", Site.BONE_SPINE)
                    .features((java.util.Collection<org.mltrules.Feature>) null)));

            assertThat(r.candidacy().flags()).isEmpty();
            assertThat(r.candidacy().missing()).contains("lesions[].features");
        }
    }

    @Nested
    class NoDistantMetastasis {
        @Test
        void regionalNodesOnlyAreNotADistantMetastasisSoLocalTherapyIsNotRecommended() {
            Result r = ENGINE.assess(operablePatient(lesionAt("N1", Site.LYMPH_NODE_REGIONAL)));

            assertThat(r.assessment().category()).isEqualTo(Category.NO_DISTANT_METASTASIS);
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            // The node is new (a progression under K4): regional disease is named too, after the level's reason
            assertThat(candidacyRules(r)).containsExactly("NO_DISTANT_METASTASIS", "UNCONTROLLED_REGIONAL_DISEASE");
            assertThat(r.candidacy().treatsAllLesions()).isEmpty();
        }

        @Test
        void aRegionalNodeBesideALungMetastasisDoesNotChangeTheCandidacy() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), lesionAt("N1", Site.LYMPH_NODE_REGIONAL)));

            assertThat(candidacyRules(r)).doesNotContain("NO_DISTANT_METASTASIS");
            assertThat(r.lesion("N1").options()).as("every lesion is still ranked").isNotEmpty();
        }
    }

    @Nested
    class Ecog3OrWorse {
        @Test
        void ecog3MakesLocalTherapyNotRecommended() {
            Result r = ENGINE.assess(operablePatient().ecog(3));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            Reason reason = r.candidacy().reasons().get(0);
            assertThat(reason.rule()).isEqualTo("ECOG_3_OR_WORSE");
            assertThat(reason.evidence()).contains("SABR-COMET").contains("Expert convention [E]");
            assertThat(reason.tier()).isEqualTo(Tier.E);
        }

        @Test
        void ecog2IsStillACandidate() {
            Result r = ENGINE.assess(operablePatient().ecog(2));

            assertThat(candidacyRules(r)).doesNotContain("ECOG_3_OR_WORSE");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void unknownEcogMakesItADiscussionNamingEcog() {
            Result r = ENGINE.assess(operablePatient().ecog(null));

            assertThat(r.undecided()).contains("ECOG_3_OR_WORSE");
            assertThat(r.candidacy().missing()).containsExactly("ecog");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }
    }

    @Nested
    class EveryTechniqueExcludedForALesion {
        private Lesion.Builder brainLesionBeyondSabrAndSurgery() {
            // Ablation excluded in the brain (H10), SABR constraints not achievable (H9), no R0 resection (H2).
            return lesionAt("B1", Site.BRAIN).sabrConstraintsAchievable(false).resectableR0(false);
        }

        @Test
        void aCountedLesionThatNoTechniqueCanTreatMakesLocalTherapyNotRecommended() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(), brainLesionBeyondSabrAndSurgery()));

            assertThat(r.lesion("B1").options()).isEmpty();
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            assertThat(candidacyRules(r)).containsExactly("ALL_EXCLUDED");
            assertThat(r.candidacy().reasons().get(0).text()).contains("B1");
            assertThat(r.candidacy().treatsAllLesions()).isEmpty();
        }

        @Test
        void oneRemainingTechniqueKeepsTheCandidacy() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(),
                    brainLesionBeyondSabrAndSurgery().resectableR0(true)));

            assertThat(Fixture.order(r.lesion("B1"))).containsExactly(Technique.SURGERY);
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
            assertThat(r.candidacy().treatsAllLesions()).containsExactly(Technique.SURGERY);
        }

        @Test
        void whenTheLastTechniqueMayStillBeExcludedTheCandidacyIsADiscussionNamingTheFact() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(),
                    brainLesionBeyondSabrAndSurgery().resectableR0(null)));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
            assertThat(r.candidacy().missing()).containsExactly("lesions[].resectableR0");
        }

        @Test
        void anUnknownFactThatCannotExcludeEveryTechniqueDoesNotMatter() {
            // Resectability unknown, but SABR is certainly possible: the lesion is certainly treatable.
            Result r = ENGINE.assess(operablePatient(rightLungNodule().resectableR0(null)));

            assertThat(r.only().missing()).containsExactly("lesions[].resectableR0");
            assertThat(r.candidacy().missing()).isEmpty();
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void anUncountedRegionalNodeThatNoTechniqueCanTreatDoesNotCount() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule(),
                    lesionAt("N1", Site.LYMPH_NODE_REGIONAL).safelyTreatable(false)));

            assertThat(r.lesion("N1").options()).isEmpty();
            // Not ALL_EXCLUDED (the node is not a counted lesion), but uncontrolled regional disease (rule set 1.1)
            assertThat(candidacyRules(r)).containsExactly("UNCONTROLLED_REGIONAL_DISEASE");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void aCentreOfferingOnlyAnExcludedTechniqueCannotTreatTheLesion() {
            Engine surgeryOnly = Engine.of(MltRules.builder().centre(Centre.offering(Technique.SURGERY)).build());

            Result r = surgeryOnly.assess(operablePatient().medicallyOperable(false));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            assertThat(candidacyRules(r)).containsExactly("ALL_EXCLUDED");
        }
    }

    @Nested
    class Flags {
        @Test
        void anIndeterminateCategoryIsFlaggedForDiscussion() {
            Result r = ENGINE.assess(operablePatient().history(null, false));

            assertThat(r.candidacy().flags()).containsExactly(Flag.INDETERMINATE_CLASSIFICATION);
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void aDecidedCategoryIsNotFlaggedIndeterminate() {
            assertThat(ENGINE.assess(operablePatient()).candidacy().flags()).isEmpty();
        }

        @Test
        void metachronousOligoprogressionIsFlagged() {
            Result r = ENGINE.assess(operablePatient().systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY)));

            assertThat(r.assessment().category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(r.candidacy().flags()).containsExactly(Flag.OLIGOPROGRESSION);
            assertThat(r.candidacy().reasons().get(0).evidence()).contains("10.1186/s13014-023-02255-y");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void repeatAndInducedOligoprogressionAreFlagged() {
            PatientCase.Builder onTherapy = operablePatient()
                    .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.TARGETED));

            assertThat(ENGINE.assess(onTherapy.history(false, true)).candidacy().flags())
                    .containsExactly(Flag.OLIGOPROGRESSION);
            assertThat(ENGINE.assess(onTherapy.history(true, false)).candidacy().flags())
                    .containsExactly(Flag.OLIGOPROGRESSION);
        }

        @Test
        void oligopersistenceIsNotOligoprogression() {
            Result r = ENGINE.assess(operablePatient(rightLungNodule().response(Response.STABLE))
                    .history(false, true).systemicTherapy(SystemicTherapy.ongoing(TherapyKind.TARGETED)));

            assertThat(r.assessment().category()).isEqualTo(Category.REPEAT_OLIGOPERSISTENCE);
            assertThat(r.candidacy().flags()).isEmpty();
        }

        @Test
        void ewingSarcomaIsTreatedWithinAProtocolUnderEitherCode() {
            for (String code : List.of("9364/3", "9260/3")) {
                Result r = ENGINE.assess(operablePatient().histology(code));

                assertThat(r.candidacy().flags()).containsExactly(Flag.HISTOLOGY_PROTOCOL);
                assertThat(r.candidacy().reasons().get(0).evidence()).contains("Dirksen U");
                assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
            }
        }

        @Test
        void everyRhabdomyosarcomaIsTreatedWithinAProtocol() {
            for (String code : List.of("8900/3", "8910/3", "8920/3", "8912/3")) {
                Result r = ENGINE.assess(operablePatient().histology(code));

                assertThat(r.candidacy().flags()).as(code).containsExactly(Flag.HISTOLOGY_PROTOCOL);
                assertThat(r.candidacy().reasons().get(0).evidence()).contains("Oberlin O");
            }
        }

        @Test
        void anAdultSoftTissueSarcomaNeedsNoProtocolOrStagingMri() {
            Result r = ENGINE.assess(operablePatient().histology("9040/3"));

            assertThat(r.candidacy().flags()).isEmpty();
        }

        @Test
        void myxoidLiposarcomaNeedsStagingMri() {
            Result r = ENGINE.assess(operablePatient().histology(Histology.MYXOID_LIPOSARCOMA));

            assertThat(r.candidacy().flags()).containsExactly(Flag.STAGING_MRI);
            assertThat(r.candidacy().reasons().get(0).evidence()).contains("Sheah K");
        }

        @Test
        void anUnrecognisedHistologyCodeIsFlaggedAndGetsNoHistologyFlag() {
            Result r = ENGINE.assess(operablePatient().histology("8000/3"));

            assertThat(r.candidacy().flags()).containsExactly(Flag.HISTOLOGY_NOT_RECOGNISED);
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void otherSarcomaNamedByTheHostIsRecognised() {
            assertThat(ENGINE.assess(operablePatient().histology("OTHER_SARCOMA")).candidacy().flags()).isEmpty();
        }

        @Test
        void anUnknownHistologyRaisesNoHistologyFlagAndIsListedWithoutForcingADiscussion() {
            Result r = ENGINE.assess(operablePatient().histology((String) null));

            assertThat(r.candidacy().flags()).isEmpty();
            assertThat(r.only().missing()).containsExactly("histology");
            // Rule set 1.1: the unknown fact of a flag is listed for the patient; it does not alone make it DISCUSS
            assertThat(r.candidacy().missing()).containsExactly("histology");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.CANDIDATE);
        }

        @Test
        void aShortDoublingTimeIsFlagged() {
            Result r = ENGINE.assess(operablePatient().tumourDoublingTimeDays(20));

            assertThat(r.candidacy().flags()).containsExactly(Flag.SHORT_DOUBLING_TIME);
            assertThat(candidacyRules(r)).containsExactly("C14");
            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.DISCUSS);
        }

        @Test
        void notRecommendedReasonsComeBeforeFlagReasonsAndFlagsInTheirOrder() {
            Result r = ENGINE.assess(operablePatient().ecog(3).histology("8852/3").tumourDoublingTimeDays(20)
                    .history(null, false));

            assertThat(r.candidacy().level()).isEqualTo(CandidacyLevel.NOT_RECOMMENDED);
            assertThat(r.candidacy().flags()).containsExactly(Flag.INDETERMINATE_CLASSIFICATION,
                    Flag.SHORT_DOUBLING_TIME, Flag.STAGING_MRI);
            assertThat(candidacyRules(r)).containsExactly("ECOG_3_OR_WORSE", "INDETERMINATE_CLASSIFICATION",
                    "C14", "STAGING_MRI");
        }
    }
}
