package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.rules.Cases.date;
import static org.mltrules.rules.Cases.deNovo;
import static org.mltrules.rules.Cases.inducedOmdOnTargetedTherapy;
import static org.mltrules.rules.Cases.lungNodule;
import static org.mltrules.rules.Cases.metachronousLungRecurrence;
import static org.mltrules.rules.Cases.repeatOmdOnChemotherapy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mltrules.Category;
import org.mltrules.Classification;
import org.mltrules.Convention;
import org.mltrules.ConventionApplied;
import org.mltrules.Conventions;
import org.mltrules.History;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;

/** The operational conventions K1-K10 at and either side of their boundaries, and when each is listed. */
class ConventionsTest {
    static final MltRules RULES = ClassificationTest.RULES;

    /** Through the Java API and the JSON mapping alike (see {@link ClassificationTest#classify(MltRules, PatientCase)}). */
    static Classification classify(PatientCase.Builder c) {
        return ClassificationTest.classify(RULES, c.build());
    }

    static Classification classify(MltRules rules, PatientCase.Builder c) {
        return ClassificationTest.classify(rules, c.build());
    }

    static List<String> ids(Classification c) {
        return c.conventions().stream().map(ConventionApplied::id).toList();
    }

    static MltRules with(Conventions conventions) {
        return MltRules.builder().conventions(conventions).build();
    }

    @Nested
    class K1SynchronousWindowInCalendarMonths {
        @ParameterizedTest(name = "primary {0}, OMD {1}: {2}")
        @CsvSource({
                "2024-01-15, 2024-07-15, SYNCHRONOUS_OMD",              // exactly six months: synchronous
                "2024-01-15, 2024-07-16, METACHRONOUS_OLIGORECURRENCE", // one day more: metachronous
                "2024-01-15, 2024-07-14, SYNCHRONOUS_OMD",
                "2023-08-31, 2024-02-29, SYNCHRONOUS_OMD",              // month end clamps to the leap day
                "2023-08-31, 2024-03-01, METACHRONOUS_OLIGORECURRENCE",
                "2022-08-31, 2023-02-28, SYNCHRONOUS_OMD",              // non-leap February
                "2022-08-31, 2023-03-01, METACHRONOUS_OLIGORECURRENCE",
                "2024-02-29, 2024-08-29, SYNCHRONOUS_OMD",              // diagnosed on a leap day
                "2024-02-29, 2024-08-30, METACHRONOUS_OLIGORECURRENCE",
                "2024-03-31, 2024-09-30, SYNCHRONOUS_OMD",              // 31st into a 30-day month
                "2024-03-31, 2024-10-01, METACHRONOUS_OLIGORECURRENCE",
                "2024-05-02, 2024-05-02, SYNCHRONOUS_OMD"               // same day
        })
        void omdWithinSixCalendarMonthsIsSynchronous(String primary, String omd, Category expected) {
            Classification c = classify(deNovo(primary, omd));
            assertThat(c.category()).isEqualTo(expected);
            assertThat(c.conventions()).contains(new ConventionApplied(Convention.K1, 6));
        }

        @Test
        void aThreeMonthWindowMakesFourMonthsMetachronous() {
            MltRules threeMonths = with(Conventions.builder().synchronousWindowMonths(3).build());
            assertThat(classify(threeMonths, deNovo("2024-01-15", "2024-05-15")).category())
                    .isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            assertThat(classify(threeMonths, deNovo("2024-01-15", "2024-04-15")).conventions())
                    .contains(new ConventionApplied(Convention.K1, 3));
        }

        @Test
        void k1IsNotListedWhenQ3IsNotAsked() {
            assertThat(ids(classify(metachronousLungRecurrence().history(false, true)))).doesNotContain("K1");
        }
    }

    @Nested
    class K2StoppedTherapyWindow {
        PatientCase.Builder stoppedDaysBeforeOmd(int days) {
            return metachronousLungRecurrence().systemicTherapy(SystemicTherapy.stopped(
                    date("2023-05-02").minusDays(days), TherapyKind.CHEMOTHERAPY));
        }

        @Test
        void lastDoseThirtyDaysBeforeOmdIsStillActiveTherapy() {
            Classification c = classify(stoppedDaysBeforeOmd(30));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(c.conventions()).contains(new ConventionApplied(Convention.K2, 30));
        }

        @Test
        void lastDoseThirtyOneDaysBeforeOmdIsATherapyFreeInterval() {
            Classification c = classify(stoppedDaysBeforeOmd(31));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            assertThat(ids(c)).contains("K2");
            assertThat(c.path()).last().extracting(s -> s.because()).isEqualTo(
                    "systemicTherapy.status = STOPPED; systemicTherapy.lastDoseDate = 2023-04-01; "
                            + "omdDiagnosisDate = 2023-05-02");
        }

        @Test
        void lastDoseOnTheOmdDayIsActive() {
            assertThat(classify(stoppedDaysBeforeOmd(0)).category())
                    .isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
        }

        @Test
        void aSixtyDayWindowMovesTheBoundary() {
            MltRules sixty = with(Conventions.builder().activeTherapyWindowDays(60).build());
            assertThat(classify(sixty, stoppedDaysBeforeOmd(60)).category())
                    .isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(classify(sixty, stoppedDaysBeforeOmd(61)).category())
                    .isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
        }

        @Test
        void k2IsNotListedForOngoingTherapy() {
            assertThat(ids(classify(metachronousLungRecurrence()
                    .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY))))).doesNotContain("K2");
        }
    }

    @Nested
    class K3MaintenanceTherapy {
        final MltRules maintenanceNotActive = with(Conventions.builder().maintenanceCountsAsActive(false).build());

        @Test
        void ongoingMaintenanceCountsAsActiveByDefaultAndSaysSo() {
            Classification c = classify(metachronousLungRecurrence()
                    .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.MAINTENANCE)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(c.conventions()).contains(new ConventionApplied(Convention.K3, true));
        }

        @Test
        void ongoingEndocrineTherapyIsNotActiveWhenTheConventionIsOff() {
            Classification c = classify(maintenanceNotActive, metachronousLungRecurrence()
                    .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.ENDOCRINE)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            assertThat(ids(c)).doesNotContain("K3");
        }

        @Test
        void ongoingChemotherapyStaysActiveWhenTheConventionIsOff() {
            Classification c = classify(maintenanceNotActive, metachronousLungRecurrence()
                    .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            assertThat(ids(c)).doesNotContain("K3");
        }

        @Test
        void unknownKindIsIndeterminateOnlyWhenTheConventionIsOff() {
            PatientCase.Builder ongoingUnknownKind = metachronousLungRecurrence()
                    .systemicTherapy(SystemicTherapy.ongoing(null));
            assertThat(classify(ongoingUnknownKind).category()).isEqualTo(Category.METACHRONOUS_OLIGOPROGRESSION);
            Classification off = classify(maintenanceNotActive, ongoingUnknownKind);
            assertThat(off.category()).isEqualTo(Category.INDETERMINATE);
            assertThat(off.missing()).containsExactly("systemicTherapy.kind");
        }

        @Test
        void recentlyStoppedMaintenanceIsNotActiveWhenTheConventionIsOff() {
            Classification c = classify(maintenanceNotActive, metachronousLungRecurrence().systemicTherapy(
                    SystemicTherapy.stopped(date("2023-04-20"), TherapyKind.MAINTENANCE)));
            assertThat(c.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
            assertThat(ids(c)).contains("K2");
        }
    }

    @Nested
    class K4NewLesionCountsAsProgression {
        @Test
        void aNewLesionOnTherapyIsProgressionAndK4IsListed() {
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.NEW),
                    lungNodule("L2", Response.STABLE)));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGOPROGRESSION);
            assertThat(c.conventions()).contains(new ConventionApplied(Convention.K4, true));
        }

        @Test
        void k4IsNotListedWhenALesionIsProgressingAnyway() {
            Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.NEW),
                    lungNodule("L2", Response.PROGRESSING)));
            assertThat(ids(c)).doesNotContain("K4");
        }

        @Test
        void withoutK4ANewLesionIsNotProgression() {
            MltRules off = with(Conventions.builder().newLesionCountsAsProgression(false).build());
            Classification c = classify(off, repeatOmdOnChemotherapy(lungNodule("L1", Response.NEW)));
            assertThat(c.category()).isEqualTo(Category.REPEAT_OLIGOPERSISTENCE);
            assertThat(ids(c)).doesNotContain("K4");
        }
    }

    @Test
    void k5NoPriorImagingIsIndeterminateNeverAGuess() {
        Classification c = classify(repeatOmdOnChemotherapy(lungNodule("L1", Response.NOT_ASSESSABLE)));
        assertThat(c.category()).isEqualTo(Category.INDETERMINATE);
        assertThat(c.missing()).containsExactly("lesions[].response");
        assertThat(ids(c)).containsExactly("K5");
    }

    @Test
    void k6NewMetastasesDuringFirstLineTherapyWithinTheWindowStaySynchronous() {
        Classification c = classify(deNovo("2024-01-10", "2024-04-10")
                .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY)));
        assertThat(c.category()).isEqualTo(Category.SYNCHRONOUS_OMD);
        assertThat(ids(c)).containsExactly("K1", "K6");
    }

    @Test
    void k6IsNotListedForSynchronousOmdWithoutTherapy() {
        assertThat(ids(classify(deNovo("2024-01-10", "2024-04-10")))).containsExactly("K1");
    }

    @Test
    void k7PriorOmdThenPolymetastaticThenOmdAgainIsInduced() {
        Classification c = classify(inducedOmdOnTargetedTherapy(lungNodule("L1", Response.STABLE))
                .history(new History(true, true)));
        assertThat(c.category()).isEqualTo(Category.INDUCED_OLIGOPERSISTENCE);
        assertThat(ids(c)).containsExactly("K7");
    }

    @Test
    void k9AnUntreatedPrimaryDoesNotBlockClassification() {
        // No input describes the primary's control: classification goes on, and K9 is never listed.
        Classification c = classify(metachronousLungRecurrence());
        assertThat(ids(c)).doesNotContain("K8", "K9");
    }
}
