package org.mltrules.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.mltrules.CaseField;
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
    private final Integer diseaseFreeIntervalMonths;
    private final String[] diseaseFreeIntervalMissing;
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
        this.diseaseFreeIntervalMissing = diseaseFreeIntervalUnknowns(facts);
        this.diseaseFreeIntervalMonths = diseaseFreeIntervalMissing.length > 0 ? null
                : completedMonths(diseaseFreeIntervalStart(facts), facts.omdDiagnosisDate());
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

    /**
     * Where the disease-free interval starts (docs/clinical-rules.md, definitions): the primary diagnosis for a
     * de-novo OMD (both history facts false), the last local therapy of an earlier metastasis for a repeat or
     * induced OMD (either history fact true); {@code null} when that is unknown.
     */
    private static LocalDate diseaseFreeIntervalStart(PatientCase c) {
        Boolean poly = c.history().polymetastatic();
        Boolean oligo = c.history().oligometastatic();
        if (Boolean.TRUE.equals(poly) || Boolean.TRUE.equals(oligo)) {
            return c.lastLocalTherapyDate();
        }
        return Boolean.FALSE.equals(poly) && Boolean.FALSE.equals(oligo) ? c.primaryDiagnosisDate() : null;
    }

    /**
     * The unknown facts the disease-free interval depends on, by input path in case-format order; empty when it is
     * known. With the history undecided (a fact unknown, none true), both possible starts matter.
     */
    private static String[] diseaseFreeIntervalUnknowns(PatientCase c) {
        Boolean poly = c.history().polymetastatic();
        Boolean oligo = c.history().oligometastatic();
        boolean repeat = Boolean.TRUE.equals(poly) || Boolean.TRUE.equals(oligo);
        boolean deNovo = Boolean.FALSE.equals(poly) && Boolean.FALSE.equals(oligo);
        java.util.List<String> unknown = new java.util.ArrayList<>(5);
        if (!repeat && c.primaryDiagnosisDate() == null) {
            unknown.add(CaseField.PRIMARY_DIAGNOSIS_DATE.path());
        }
        if (c.omdDiagnosisDate() == null) {
            unknown.add(CaseField.OMD_DIAGNOSIS_DATE.path());
        }
        if (!repeat && poly == null) {
            unknown.add(CaseField.HISTORY_POLYMETASTATIC.path());
        }
        if (!repeat && oligo == null) {
            unknown.add(CaseField.HISTORY_OLIGOMETASTATIC.path());
        }
        if (!deNovo && c.lastLocalTherapyDate() == null) {
            unknown.add(CaseField.LAST_LOCAL_THERAPY_DATE.path());
        }
        unknown.sort(KnownFactPaths.inputOrder());
        return unknown.toArray(String[]::new);
    }

    /** The histology, {@code null} when unknown; {@code OTHER_SARCOMA} for a code outside the table. */
    public Histology getHistology() { return histology; }
    /** False when a well-formed code is outside the table: histology-specific rules then do not apply. */
    public boolean isHistologyRecognised() { return histologyRecognised; }
    public LocalDate getPrimaryDiagnosisDate() { return facts.primaryDiagnosisDate(); }
    public LocalDate getOmdDiagnosisDate() { return facts.omdDiagnosisDate(); }
    /**
     * Whole calendar months from the primary diagnosis to the OMD diagnosis, {@code null} when either date is
     * unknown. The disease-free interval of a de-novo OMD; rule set 1.1 reads {@link #getDiseaseFreeIntervalMonths()}.
     */
    public Integer getMonthsFromPrimaryToOmd() { return monthsFromPrimaryToOmd; }
    /**
     * The disease-free interval in whole calendar months ({@code >= 12} exactly when the OMD date is on or after
     * the start plus 12 months), from the primary diagnosis for a de-novo OMD and from {@code lastLocalTherapyDate}
     * for a repeat or induced OMD (rule set 1.1); {@code null} when unknown, see
     * {@link #getDiseaseFreeIntervalMissing()}.
     */
    public Integer getDiseaseFreeIntervalMonths() { return diseaseFreeIntervalMonths; }
    /**
     * The input paths of the unknown facts that leave the disease-free interval unknown (empty when it is known),
     * for an undecided twin to name: {@code outcome.missing(kcontext, $m, $p.getDiseaseFreeIntervalMissing())}.
     */
    public String[] getDiseaseFreeIntervalMissing() { return diseaseFreeIntervalMissing.clone(); }
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
     * {@code lastLocalTherapyDate}: the last local treatment of a previous metastasis; the start of the disease-free
     * interval of a repeat or induced OMD ({@link #getDiseaseFreeIntervalMonths()}).
     */
    public LocalDate getLastLocalTherapyDate() { return facts.lastLocalTherapyDate(); }
    /** False when {@code lesions} is absent from the input. */
    public boolean isLesionsKnown() { return facts.lesions() != null; }

    @Override
    public String toString() {
        return "Patient";
    }
}
