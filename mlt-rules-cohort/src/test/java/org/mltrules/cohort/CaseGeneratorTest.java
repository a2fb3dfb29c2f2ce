package org.mltrules.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.Conventions;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.TherapyStatus;

class CaseGeneratorTest {

    private static List<PatientCase> cohort(CaseGenerator.Builder settings, int count) {
        return settings.build().stream(count).toList();
    }

    @Test
    @DisplayName("the same seed gives the same cases, another seed others")
    void deterministicForASeed() {
        List<PatientCase> first = cohort(CaseGenerator.builder().seed(7), 300);
        assertThat(cohort(CaseGenerator.builder().seed(7), 300)).isEqualTo(first);
        assertThat(cohort(CaseGenerator.builder().seed(8), 300)).isNotEqualTo(first);
        assertThat(first).extracting(PatientCase::caseId).startsWith("syn-7-1", "syn-7-2");
    }

    @Test
    @DisplayName("asking for the default conventions' boundaries changes nothing")
    void defaultBoundariesAreTheDefault() {
        assertThat(cohort(CaseGenerator.builder().seed(3).boundariesOf(List.of(Conventions.DEFAULTS)), 500))
                .isEqualTo(cohort(CaseGenerator.builder().seed(3), 500));
    }

    @Test
    @DisplayName("every generated case is valid")
    void everyCaseIsValid() {
        assertThat(cohort(CaseGenerator.builder().seed(11), 5000))
                .allSatisfy(c -> assertThat(c.problems()).as(c.caseId()).isEmpty());
        assertThat(cohort(CaseGenerator.builder().seed(11).boundariesOf(List.of(Conventions.DEFAULTS,
                Conventions.builder().synchronousWindowMonths(0).activeTherapyWindowDays(0).build())), 2000))
                .allSatisfy(c -> assertThat(c.problems()).as(c.caseId()).isEmpty());
    }

    @Test
    @DisplayName("dates sit on the windows asked for: OMD on the last synchronous day and one day after")
    void datesOnTheWindowsAskedFor() {
        Conventions twelve = Conventions.builder().synchronousWindowMonths(12).activeTherapyWindowDays(60).build();
        List<PatientCase> cases = cohort(CaseGenerator.builder().seed(5).boundariesOf(List.of(twelve)), 3000).stream()
                .filter(c -> c.primaryDiagnosisDate() != null && c.omdDiagnosisDate() != null).toList();
        assertThat(cases).anySatisfy(c -> assertThat(c.omdDiagnosisDate())
                .isEqualTo(c.primaryDiagnosisDate().plusMonths(12)));
        assertThat(cases).anySatisfy(c -> assertThat(c.omdDiagnosisDate())
                .isEqualTo(c.primaryDiagnosisDate().plusMonths(12).plusDays(1)));
        assertThat(cases).filteredOn(c -> c.systemicTherapy().status() == TherapyStatus.STOPPED
                        && c.systemicTherapy().lastDoseDate() != null && c.omdDiagnosisDate() != null)
                .extracting(c -> ChronoUnit.DAYS.between(c.systemicTherapy().lastDoseDate(), c.omdDiagnosisDate()))
                .contains(60L, 61L);
    }

    @Test
    @DisplayName("with classification facts known, nothing the classification reads is unknown")
    void classificationFactsKnown() {
        for (PatientCase c : cohort(CaseGenerator.builder().seed(9).classificationFactsKnown(), 3000)) {
            assertThat(c.primaryDiagnosisDate()).isNotNull();
            assertThat(c.omdDiagnosisDate()).isNotNull();
            assertThat(c.history().polymetastatic()).isNotNull();
            assertThat(c.history().oligometastatic()).isNotNull();
            assertThat(c.systemicTherapy().status()).isNotNull();
            if (c.systemicTherapy().status() != TherapyStatus.NONE) {
                assertThat(c.systemicTherapy().kind()).isNotNull();
            }
            if (c.systemicTherapy().status() == TherapyStatus.STOPPED) {
                assertThat(c.systemicTherapy().lastDoseDate()).isNotNull();
            }
            assertThat(c.lesions()).isNotNull().allSatisfy(l -> {
                assertThat(l.safelyTreatable()).isNotNull();
                assertThat(l.response()).isNotNull().isNotEqualTo(Response.NOT_ASSESSABLE);
            });
            assertThat(c.problems()).isEmpty();
        }
    }

    @Test
    @DisplayName("a fixed lesion count, within the case format's limit")
    void fixedLesionCount() {
        assertThat(cohort(CaseGenerator.builder().seed(2).lesions(3), 200))
                .allSatisfy(c -> assertThat(c.lesions()).hasSize(3).extracting(Lesion::id)
                        .containsExactly("L1", "L2", "L3"));
        assertThatThrownBy(() -> CaseGenerator.builder().lesions(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaseGenerator.builder().lesions(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the representative benchmark case: a metachronous leiomyosarcoma on chemotherapy, every fact known")
    void representativeCase() {
        PatientCase c = CaseGenerator.representative(3);
        assertThat(c.caseId()).isEqualTo("bench-3");
        assertThat(c.lesions()).extracting(Lesion::id).containsExactly("L1", "L2", "L3");
        assertThat(c.omdDiagnosisDate()).isEqualTo(LocalDate.of(2023, 5, 2));
        assertThat(c.problems()).isEmpty();
        assertThatThrownBy(() -> CaseGenerator.representative(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
