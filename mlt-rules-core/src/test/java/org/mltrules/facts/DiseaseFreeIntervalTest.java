package org.mltrules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Site;

/**
 * The disease-free interval of rule set 1.1 (docs/clinical-rules.md, definitions): from the primary diagnosis for a
 * de-novo OMD, from the last local therapy of an earlier metastasis for a repeat or induced OMD; unknown, naming only
 * the facts that matter, when a history fact or the start date it needs is unknown.
 */
class DiseaseFreeIntervalTest {
    private static final LocalDate PRIMARY = LocalDate.of(2019, 3, 12);
    private static final LocalDate OMD = LocalDate.of(2023, 5, 2);
    private static final LocalDate LAST_LOCAL = LocalDate.of(2022, 9, 2);

    private static Patient patient(Boolean poly, Boolean oligo, LocalDate primary, LocalDate lastLocal, LocalDate omd) {
        PatientCase c = PatientCase.builder("dfi").history(poly, oligo).primaryDiagnosisDate(primary)
                .omdDiagnosisDate(omd).lastLocalTherapyDate(lastLocal)
                .lesions(List.of(Lesion.builder("L1", Site.LUNG).build())).build();
        return new Patient(c, null, true);
    }

    @Test
    @DisplayName("de-novo OMD: from the primary diagnosis, whatever the last local therapy date")
    void deNovoStartsAtThePrimary() {
        Patient p = patient(false, false, PRIMARY, LAST_LOCAL, OMD);

        assertThat(p.getDiseaseFreeIntervalMonths()).isEqualTo(49);
        assertThat(p.getDiseaseFreeIntervalMissing()).isEmpty();
    }

    @Test
    @DisplayName("repeat OMD: from the last local therapy, not from the primary (8 months, not 49)")
    void repeatStartsAtTheLastLocalTherapy() {
        assertThat(patient(false, true, PRIMARY, LAST_LOCAL, OMD).getDiseaseFreeIntervalMonths()).isEqualTo(8);
        assertThat(patient(true, false, PRIMARY, LAST_LOCAL, OMD).getDiseaseFreeIntervalMonths()).isEqualTo(8);
        assertThat(patient(true, null, null, LAST_LOCAL, OMD).getDiseaseFreeIntervalMonths())
                .as("an induced OMD needs neither the other history fact nor the primary date").isEqualTo(8);
    }

    @Test
    @DisplayName("repeat OMD without a last local therapy: unknown, naming lastLocalTherapyDate only")
    void repeatWithoutLastLocalTherapyIsUnknown() {
        Patient p = patient(false, true, PRIMARY, null, OMD);

        assertThat(p.getDiseaseFreeIntervalMonths()).isNull();
        assertThat(p.getDiseaseFreeIntervalMissing()).containsExactly("lastLocalTherapyDate");
    }

    @Test
    @DisplayName("history undecided: unknown, naming the history fact and each unknown possible start")
    void undecidedHistoryNamesWhatWouldDecideIt() {
        assertThat(patient(null, false, PRIMARY, null, OMD).getDiseaseFreeIntervalMissing())
                .containsExactly("history.polymetastatic", "lastLocalTherapyDate");
        assertThat(patient(null, false, PRIMARY, LAST_LOCAL, OMD).getDiseaseFreeIntervalMissing())
                .containsExactly("history.polymetastatic");
        assertThat(patient(false, false, null, null, null).getDiseaseFreeIntervalMissing())
                .containsExactly("primaryDiagnosisDate", "omdDiagnosisDate");
    }

    @Test
    @DisplayName("exactly 12 months after the last local therapy counts as 12 months")
    void twelveMonthsToTheDay() {
        assertThat(patient(false, true, PRIMARY, OMD.minusMonths(12), OMD).getDiseaseFreeIntervalMonths()).isEqualTo(12);
        assertThat(patient(false, true, PRIMARY, OMD.minusMonths(12).plusDays(1), OMD)
                .getDiseaseFreeIntervalMonths()).isEqualTo(11);
    }
}
