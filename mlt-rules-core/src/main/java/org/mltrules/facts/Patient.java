package org.mltrules.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.mltrules.Histology;
import org.mltrules.PatientCase;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * The patient-level facts as the rules see them. {@code null} means unknown. The case id is deliberately not
 * exposed, nor the input case itself: rules need no identity.
 */
public final class Patient {
    private final PatientCase facts;
    private final Histology histology;
    private final boolean histologyRecognised;
    private final Integer monthsFromPrimaryToOmd;
    private final Long daysFromLastDoseToOmd;

    /**
     * @param facts               the validated case
     * @param histology           its histology as resolved, {@code null} when unknown
     * @param histologyRecognised false when a well-formed code is outside the histology table
     */
    public Patient(PatientCase facts, Histology histology, boolean histologyRecognised) {
        this.facts = facts;
        this.histology = histology;
        this.histologyRecognised = histologyRecognised;
        this.monthsFromPrimaryToOmd = completedMonths(facts.primaryDiagnosisDate(), facts.omdDiagnosisDate());
        LocalDate lastDose = facts.systemicTherapy().lastDoseDate();
        this.daysFromLastDoseToOmd = lastDose == null || facts.omdDiagnosisDate() == null ? null
                : ChronoUnit.DAYS.between(lastDose, facts.omdDiagnosisDate());
    }

    /**
     * The largest n with {@code from.plusMonths(n) <= to}, so that {@code months >= 12} exactly when
     * {@code to >= from.plusMonths(12)} with Java's month-end clamping (the domain's DFI definition).
     */
    static Integer completedMonths(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            return null;
        }
        long n = ChronoUnit.MONTHS.between(from, to);
        while (!from.plusMonths(n + 1).isAfter(to)) {
            n++;
        }
        return (int) n;
    }

    /** The histology, {@code null} when unknown; {@code OTHER_SARCOMA} for a code outside the table. */
    public Histology getHistology() { return histology; }
    /** False when a well-formed code is outside the table: histology-specific rules then do not apply. */
    public boolean isHistologyRecognised() { return histologyRecognised; }
    public LocalDate getPrimaryDiagnosisDate() { return facts.primaryDiagnosisDate(); }
    public LocalDate getOmdDiagnosisDate() { return facts.omdDiagnosisDate(); }
    /**
     * Whole calendar months from the primary diagnosis to the OMD diagnosis (the disease-free interval as the
     * rules use it), {@code null} when either date is unknown.
     */
    public Integer getMonthsFromPrimaryToOmd() { return monthsFromPrimaryToOmd; }
    /** {@code history.polymetastatic}. */
    public Boolean getPolymetastaticHistory() { return facts.history().polymetastatic(); }
    /** {@code history.oligometastatic}. */
    public Boolean getOligometastaticHistory() { return facts.history().oligometastatic(); }
    /** {@code systemicTherapy.status}. */
    public TherapyStatus getTherapyStatus() { return facts.systemicTherapy().status(); }
    /** {@code systemicTherapy.lastDoseDate}. */
    public LocalDate getLastDoseDate() { return facts.systemicTherapy().lastDoseDate(); }
    /** Days from the last dose to the OMD diagnosis, {@code null} when either date is unknown. */
    public Long getDaysFromLastDoseToOmd() { return daysFromLastDoseToOmd; }
    /** {@code systemicTherapy.kind}. */
    public TherapyKind getTherapyKind() { return facts.systemicTherapy().kind(); }
    public Integer getEcog() { return facts.ecog(); }
    public Boolean getMedicallyOperable() { return facts.medicallyOperable(); }
    public Boolean getDeclinesSurgery() { return facts.declinesSurgery(); }
    public Boolean getPulmonaryReserveAdequate() { return facts.pulmonaryReserveAdequate(); }
    public Boolean getParenchymaSparingNeeded() { return facts.parenchymaSparingNeeded(); }
    public Double getPlateletsPerNanolitre() { return facts.plateletsPerNanolitre(); }
    public Double getInr() { return facts.inr(); }
    public Double getTumourDoublingTimeDays() { return facts.tumourDoublingTimeDays(); }
    public Double getLifeExpectancyMonths() { return facts.lifeExpectancyMonths(); }
    public Integer getPriorLungResections() { return facts.priorLungResections(); }
    /**
     * {@code lastLocalTherapyDate}: the last local treatment of a previous metastasis. The rule set 1.0 does not
     * read it; rule set 1.1 uses it for the disease-free interval.
     */
    public LocalDate getLastLocalTherapyDate() { return facts.lastLocalTherapyDate(); }
    /** False when {@code lesions} is absent from the input. */
    public boolean isLesionsKnown() { return facts.lesions() != null; }

    @Override
    public String toString() {
        return "Patient";
    }
}
