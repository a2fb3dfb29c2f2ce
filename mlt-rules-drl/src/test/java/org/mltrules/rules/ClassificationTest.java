package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mltrules.rules.Cases.date;
import static org.mltrules.rules.Cases.deNovo;
import static org.mltrules.rules.Cases.inducedOmdOnTargetedTherapy;
import static org.mltrules.rules.Cases.lesion;
import static org.mltrules.rules.Cases.lungNodule;
import static org.mltrules.rules.Cases.metachronousLungRecurrence;
import static org.mltrules.rules.Cases.repeatOmdOnChemotherapy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mltrules.Answer;
import org.mltrules.Assessment;
import org.mltrules.Category;
import org.mltrules.Classification;
import org.mltrules.ConventionApplied;
import org.mltrules.History;
import org.mltrules.Lesion;
import org.mltrules.MltRules;
import org.mltrules.PathStep;
import org.mltrules.PatientCase;
import org.mltrules.PreconditionFailure;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.Step;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseWriter;

/** The ESTRO/EORTC tree, branch by branch, through the bundled (precompiled) rules. */
class ClassificationTest {
    static final MltRules RULES = MltRules.bundled();

    static Classification classify(PatientCase c) {
        return classify(RULES, c);
    }

    /**
     * Classifies through the Java API and, the same case written as JSON text and read back with the JSON
     * mapping, checks that both give the same classification: every scenario here passes through both.
     */
    static Classification classify(MltRules rules, PatientCase c) {
        Classification direct = rules.assess(c).classification();
        PatientCase viaJson = CaseJson.read(CaseWriter.toJson(c));
        assertThat(rules.assess(viaJson).classification()).as("through the JSON mapping").isEqualTo(direct);
        return direct;
    }

    static Classification classify(PatientCase.Builder c) {
        return classify(c.build());
    }

    static List<String> steps(Classification c) {
        return c.path().stream().map(s -> s.step() + "=" + s.answer()).toList();
    }

    static List<String> conventionIds(Classification c) {
        return c.conventions().stream().map(k -> k.id()).toList();
    }

    @Nested
    class EachCategoryHasItsBranch {
        @Test
        void newLungNoduleTwoWeeksAfterDiagnosisIsSynchronous() {
            Classification c = classify(deNovo("2024-01-10", "2024-01-24"));
            assertThat(c.category()).isEqualTo(Category.SYNCHRONOUS_OMD);
            assertThat(steps(c)).containsExactly("P1=YES", "P2=YES", "P3=YES", "Q1=NO", "Q2=NO", "Q3=NO");
        }

        @Test
        void lungNoduleYearsAfterDiagnosisWithoutTherapyIsMetachronousOligorecurrence() {
            Classification c = classify(metachronousLungRecurrence());
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            assertThat(c.path()).extracting(PathStep::step, PathStep::answer, PathStep::because).containsExactly(
                    tuple(Step.P1, Answer.YES, "counted lesions = 1"),
                    tuple(Step.P2, Answer.YES, "counted lesions = 1; maxLesions = 5"),
                    tuple(Step.P3, Answer.YES, "lesions[0].safelyTreatable = true"),
                    tuple(Step.Q1, Answer.NO, "history.polymetastatic = false"),
                    tuple(Step.Q2, Answer.NO, "history.oligometastatic = false"),
                    tuple(Step.Q3, Answer.YES, "primaryDiagnosisDate = 2019-03-12; omdDiagnosisDate = 2023-05-02"),
                    tuple(Step.Q4, Answer.NO, "systemicTherapy.status = NONE"));
            assertThat(c.conventions()).singleElement().satisfies(k -> {
                assertThat(k.id()).isEqualTo("K1");
                assertThat(k.name()).isEqualTo("synchronousWindowMonths");
                assertThat(k.value()).isEqualTo(6);
            });
            assertThat(c.missing()).isEmpty();
            assertThat(c.reasons()).isEmpty();
        }

        @Test
        void newNoduleDuringFirstLineChemotherapyAfterTheWindowIsMetachronousOligoprogression() {
            Classification c = classify(metachronousLungRecurrence()
                    .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(steps(c)).endsWith("Q3=YES", "Q4=YES");
        }

        @Test
        void secondOmdEpisodeOffTherapyIsRepeatOligorecurrence() {
            Classification c = classify(metachronousLungRecurrence().history(false, true));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGORECURRENCE);
            assertThat(steps(c)).endsWith("Q1=NO", "Q2=YES", "Q4=NO");
        }

        @Test
        void secondOmdEpisodeWithAProgressingLesionOnChemotherapyIsRepeatOligoprogression() {
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.PROGRESSING),
                    lungNodule("L2", Response.STABLE)));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGOPROGRESSION);
            assertThat(c.path()).last().satisfies(s -> {
                assertThat(s.step()).isEqualTo(Step.Q5);
                assertThat(s.answer()).isEqualTo(Answer.YES);
                assertThat(s.because()).isEqualTo("lesions[0].response = PROGRESSING");
            });
        }

        @Test
        void secondOmdEpisodeWithStableLesionsOnChemotherapyIsRepeatOligopersistence() {
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.STABLE),
                    lungNodule("L2", Response.RESPONDING)));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGOPERSISTENCE);
            assertThat(c.path()).last().extracting(PathStep::because)
                    .isEqualTo("lesions[0].response = STABLE; lesions[1].response = RESPONDING");
        }

        @Test
        void omdAfterPolymetastaticDiseaseOffTherapyIsInducedOligorecurrence() {
            Classification c = classify(inducedOmdOnTargetedTherapy(lungNodule("L1", Response.NEW))
                    .systemicTherapy(SystemicTherapy.NONE));
            assertThat(c.category()).isEqualTo(Category.INDUCED_OLIGORECURRENCE);
            assertThat(steps(c)).endsWith("Q1=YES", "Q4=NO");
        }

        @Test
        void gistLiverLesionProgressingOnImatinibAfterPolymetastaticDiseaseIsInducedOligoprogression() {
            Classification c = classify(inducedOmdOnTargetedTherapy(
                    lesion("L1", Site.LIVER).toBuilder().response(Response.PROGRESSING).build()));
            assertThat(c.category()).isEqualTo(Category.INDUCED_OLIGOPROGRESSION);
            assertThat(steps(c)).endsWith("Q1=YES", "Q4=YES", "Q5=YES");
        }

        @Test
        void residualStableLesionsOnTherapyAfterPolymetastaticDiseaseAreInducedOligopersistence() {
            Classification c = classify(inducedOmdOnTargetedTherapy(lungNodule("L1", Response.STABLE)));
            assertThat(c.category()).isEqualTo(Category.INDUCED_OLIGOPERSISTENCE);
        }
    }

    @Nested
    class Preconditions {
        @Test
        void exactlyFiveLesionsIsStillOligometastatic() {
            Classification c = classify(metachronousLungRecurrence().lesions(nodules(5)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
        }

        @Test
        void sixLesionsIsNotOligometastatic() {
            Classification c = classify(metachronousLungRecurrence().lesions(nodules(6)));
            assertThat(c.category()).isEqualTo(Category.NOT_OLIGOMETASTATIC);
            assertThat(c.reasons()).containsExactly(PreconditionFailure.TOO_MANY_LESIONS);
            assertThat(steps(c)).containsExactly("P1=YES", "P2=NO");
            assertThat(c.path().get(1).because()).isEqualTo("counted lesions = 6; maxLesions = 5");
        }

        @Test
        void aCentreCountingAtMostThreeLesionsRefusesFour() {
            MltRules strict = MltRules.builder()
                    .conventions(org.mltrules.Conventions.builder().maxLesions(3).build()).build();
            assertThat(classify(strict, metachronousLungRecurrence().lesions(nodules(4)).build()).category())
                    .isEqualTo(Category.NOT_OLIGOMETASTATIC);
            assertThat(classify(strict, metachronousLungRecurrence().lesions(nodules(3)).build()).category())
                    .isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
        }

        @Test
        void anUntreatableSiteMakesTheDiseaseNotOligometastatic() {
            Lesion untreatable = lungNodule("L2", Response.NEW).toBuilder().safelyTreatable(false).build();
            Classification c = classify(metachronousLungRecurrence()
                    .lesions(lungNodule("L1", Response.NEW), untreatable));
            assertThat(c.category()).isEqualTo(Category.NOT_OLIGOMETASTATIC);
            assertThat(c.reasons()).containsExactly(PreconditionFailure.UNTREATABLE_SITE);
            assertThat(c.path()).last().extracting(PathStep::because).isEqualTo("lesions[1].safelyTreatable = false");
        }

        @Test
        void everyFailingPreconditionIsListed() {
            List<Lesion> lesions = new ArrayList<>(List.of(nodules(6)));
            lesions.set(3, lesions.get(3).toBuilder().safelyTreatable(false).build());
            Classification c = classify(metachronousLungRecurrence().lesions(lesions));
            assertThat(c.category()).isEqualTo(Category.NOT_OLIGOMETASTATIC);
            assertThat(c.reasons()).containsExactly(PreconditionFailure.TOO_MANY_LESIONS,
                    PreconditionFailure.UNTREATABLE_SITE);
        }

        @Test
        void tooManyLesionsDecidesEvenWhenTreatabilityIsUnknown() {
            List<Lesion> lesions = new ArrayList<>(List.of(nodules(6)));
            lesions.set(0, lesions.get(0).toBuilder().safelyTreatable(null).build());
            Classification c = classify(metachronousLungRecurrence().lesions(lesions));
            assertThat(c.category()).isEqualTo(Category.NOT_OLIGOMETASTATIC);
            assertThat(c.missing()).isEmpty();
        }

        @Test
        void noLesionIsNoDistantMetastasis() {
            Classification c = classify(metachronousLungRecurrence().lesions());
            assertThat(c.category()).isEqualTo(Category.NO_DISTANT_METASTASIS);
            assertThat(steps(c)).containsExactly("P1=NO");
        }

        @Test
        void regionalNodesOnlyAreNoDistantMetastasisByDefault() {
            Classification c = classify(metachronousLungRecurrence().lesions(lesion("N1", Site.LYMPH_NODE_REGIONAL)));
            assertThat(c.category()).isEqualTo(Category.NO_DISTANT_METASTASIS);
        }

        @Test
        void regionalNodesCountWhenTheConventionSaysSo() {
            MltRules counting = MltRules.builder().conventions(org.mltrules.Conventions.builder()
                    .regionalNodesCountAsMetastasis(true).build()).build();
            PatientCase c = metachronousLungRecurrence().lesions(lesion("N1", Site.LYMPH_NODE_REGIONAL)).build();
            assertThat(classify(counting, c).category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
        }

        @Test
        void regionalNodesAreNotCountedAgainstMaxLesions() {
            List<Lesion> lesions = new ArrayList<>(List.of(nodules(5)));
            lesions.add(lesion("N1", Site.LYMPH_NODE_REGIONAL).toBuilder().safelyTreatable(false).build());
            Classification c = classify(metachronousLungRecurrence().lesions(lesions));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            // Rule set 1.1: P1 names the regional lesions set aside, and the convention is listed.
            assertThat(c.path().get(0).because()).isEqualTo("counted lesions = 5; regional lesions not counted = 1 (N1)");
            assertThat(c.conventions()).extracting(ConventionApplied::id).contains("K11");
            assertThat(c.conventions()).filteredOn(k -> k.id().equals("K11")).singleElement()
                    .extracting(ConventionApplied::name, ConventionApplied::value)
                    .containsExactly("regionalNodesCountAsMetastasis", false);
        }

        @Test
        void unknownLesionsAreIndeterminate() {
            Classification c = classify(metachronousLungRecurrence().lesions((List<Lesion>) null));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("lesions");
            assertThat(steps(c)).containsExactly("P1=UNKNOWN");
        }

        @Test
        void unknownTreatabilityIsIndeterminate() {
            Classification c = classify(metachronousLungRecurrence().lesions(
                    lungNodule("L1", Response.NEW).toBuilder().safelyTreatable(null).build()));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("lesions[].safelyTreatable");
            assertThat(steps(c)).containsExactly("P1=YES", "P2=YES", "P3=UNKNOWN");
        }
    }

    @Nested
    class UnknownFactsStopOnlyTheBranchThatNeedsThem {
        @Test
        void unknownPolymetastaticHistoryIsIndeterminateAndListsK10() {
            Classification c = classify(metachronousLungRecurrence().history(null, false));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("history.polymetastatic");
            assertThat(steps(c)).endsWith("P3=YES", "Q1=UNKNOWN");
            assertThat(conventionIds(c)).containsExactly("K10");
        }

        @Test
        void unknownOmdHistoryIsIndeterminate() {
            Classification c = classify(metachronousLungRecurrence().history(false, null));
            assertThat(c.missing()).containsExactly("history.oligometastatic");
            assertThat(conventionIds(c)).containsExactly("K10");
        }

        @Test
        void unknownOmdHistoryDoesNotMatterForInducedOmd() {
            Classification c = classify(inducedOmdOnTargetedTherapy(lungNodule("L1", Response.STABLE))
                    .history(new History(true, null)));
            assertThat(c.category()).isEqualTo(Category.INDUCED_OLIGOPERSISTENCE);
        }

        @Test
        void unknownPrimaryDateDoesNotMatterForRepeatOmd() {
            Classification c = classify(metachronousLungRecurrence().history(false, true).primaryDiagnosisDate(null));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGORECURRENCE);
        }

        @Test
        void unknownPrimaryDateIsIndeterminateForDeNovoOmd() {
            Classification c = classify(metachronousLungRecurrence().primaryDiagnosisDate(null));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("primaryDiagnosisDate");
            assertThat(c.path()).last().extracting(PathStep::because)
                    .isEqualTo("primaryDiagnosisDate = unknown; omdDiagnosisDate = 2023-05-02");
        }

        @Test
        void bothDatesUnknownAreListedInTableOrder() {
            Classification c = classify(metachronousLungRecurrence().primaryDiagnosisDate(null).omdDiagnosisDate(null));
            assertThat(c.missing()).containsExactly("primaryDiagnosisDate", "omdDiagnosisDate");
        }

        @Test
        void unknownTherapyDoesNotMatterForSynchronousOmd() {
            Classification c = classify(deNovo("2024-01-10", "2024-01-24").systemicTherapy(null));
            assertThat(c.category()).isEqualTo(Category.SYNCHRONOUS_OMD);
        }

        @Test
        void unknownTherapyStatusIsIndeterminateForMetachronousOmd() {
            Classification c = classify(metachronousLungRecurrence().systemicTherapy(null));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("systemicTherapy.status");
            assertThat(steps(c)).endsWith("Q3=YES", "Q4=UNKNOWN");
        }

        @Test
        void stoppedTherapyWithoutALastDoseDateIsIndeterminate() {
            Classification c = classify(metachronousLungRecurrence()
                    .systemicTherapy(new SystemicTherapy(TherapyStatus.STOPPED, null, TherapyKind.CHEMOTHERAPY)));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("systemicTherapy.lastDoseDate");
            assertThat(conventionIds(c)).doesNotContain("K2");
        }

        @Test
        void unknownResponseOfARepeatOmdOnTherapyIsIndeterminate() {
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.STABLE),
                    lungNodule("L2", null)));
            assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(c.missing()).containsExactly("lesions[].response");
            assertThat(c.path()).last().extracting(PathStep::because).isEqualTo("lesions[1].response = unknown");
        }

        @Test
        void aProgressingLesionDecidesEvenWhenAnotherResponseIsUnknown() {
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", null),
                    lungNodule("L2", Response.PROGRESSING)));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGOPROGRESSION);
        }

        @Test
        void aLastDoseDateGivenWithOngoingTherapyIsIgnored() {
            Classification c = classify(metachronousLungRecurrence().systemicTherapy(
                    new SystemicTherapy(TherapyStatus.ONGOING, date("2020-01-01"), TherapyKind.CHEMOTHERAPY)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(conventionIds(c)).doesNotContain("K2");
        }

        @Test
        void progressionOfAnUncountedRegionalNodeDoesNotMakeOligoprogression() {
            Lesion node = lesion("N1", Site.LYMPH_NODE_REGIONAL).toBuilder().response(Response.PROGRESSING).build();
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.STABLE), node));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGOPERSISTENCE);
        }
    }

    static Lesion[] nodules(int n) {
        Lesion[] lesions = new Lesion[n];
        for (int i = 0; i < n; i++) {
            lesions[i] = lungNodule("L" + (i + 1), Response.NEW);
        }
        return lesions;
    }

    static Assessment assess(PatientCase.Builder c) {
        return RULES.assess(c.build());
    }
}
