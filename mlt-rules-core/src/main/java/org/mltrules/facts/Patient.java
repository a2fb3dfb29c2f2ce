package org.mltrules.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.mltrules.Histology;
import org.mltrules.PatientCase;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * The patient-level facts as the rules see them. {@code null} means unknown. The case id is deliberately not
 * exposed: rules need no identity.
 */
public final class Patient {
    private final PatientCase source;
    private final Histology histology;
    private final boolean histologyRecognised;
    private final Integer monthsFromPrimaryToOmd;
    private final Long daysFromLastDoseToOmd;

    public Patient(PatientCase source, Histology histology, boolean histologyRecognised) {
        this.source = source;
        this.histology = histology;
        this.histologyRecognised = histologyRecognised;
        this.monthsFromPrimaryToOmd = completedMonths(source.primaryDiagnosisDate(), source.omdDiagnosisDate());
        LocalDate lastDose = source.systemicTherapy().lastDoseDate();
        this.daysFromLastDoseToOmd = lastDose == null || source.omdDiagnosisDate() == null ? null
                : ChronoUnit.DAYS.between(lastDose, source.omdDiagnosisDate());
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
    public LocalDate getPrimaryDiagnosisDate() { return source.primaryDiagnosisDate(); }
    public LocalDate getOmdDiagnosisDate() { return source.omdDiagnosisDate(); }
    /**
     * Whole calendar months from the primary diagnosis to the OMD diagnosis (the disease-free interval as the
     * rules use it), {@code null} when either date is unknown.
     */
    public Integer getMonthsFromPrimaryToOmd() { return monthsFromPrimaryToOmd; }
    /** {@code history.polymetastatic}. */
    public Boolean getPolymetastaticHistory() { return source.history().polymetastatic(); }
    /** {@code history.oligometastatic}. */
    public Boolean getOligometastaticHistory() { return source.history().oligometastatic(); }
    /** {@code systemicTherapy.status}. */
    public TherapyStatus getTherapyStatus() { return source.systemicTherapy().status(); }
    /** {@code systemicTherapy.lastDoseDate}. */
    public LocalDate getLastDoseDate() { return source.systemicTherapy().lastDoseDate(); }
    /** Days from the last dose to the OMD diagnosis, {@code null} when either date is unknown. */
    public Long getDaysFromLastDoseToOmd() { return daysFromLastDoseToOmd; }
    /** {@code systemicTherapy.kind}. */
    public TherapyKind getTherapyKind() { return source.systemicTherapy().kind(); }
    public Integer getEcog() { return source.ecog(); }
    public Boolean getMedicallyOperable() { return source.medicallyOperable(); }
    public Boolean getDeclinesSurgery() { return source.declinesSurgery(); }
    public Boolean getPulmonaryReserveAdequate() { return source.pulmonaryReserveAdequate(); }
    public Boolean getParenchymaSparingNeeded() { return source.parenchymaSparingNeeded(); }
    public Double getPlateletsPerNanolitre() { return source.plateletsPerNanolitre(); }
    public Double getInr() { return source.inr(); }
    public Double getTumourDoublingTimeDays() { return source.tumourDoublingTimeDays(); }
    public Double getLifeExpectancyMonths() { return source.lifeExpectancyMonths(); }
    public Integer getPriorLungResections() { return source.priorLungResections(); }
    /** False when {@code lesions} is absent from the input. */
    public boolean isLesionsKnown() { return source.lesions() != null; }

    /** The input case. */
    public PatientCase source() { return source; }

    @Override
    public String toString() {
        return "Patient";
    }
}
