package org.mltrules;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The facts of one patient with metastatic sarcoma, as known at the OMD diagnosis. Mirrors the JSON case format
 * version 1 field for field. Every fact but {@code caseId} may be {@code null}, which means <em>unknown</em>: the
 * rules never read it as false, and the assessment names the unknown facts that mattered.
 *
 * <p>Instances are immutable. Range and consistency checks (dates in order, ECOG 0-4, unique lesion ids) are made
 * by {@link MltRules#assess(PatientCase)}, which rejects the case with {@link InvalidCaseException} listing every
 * problem.
 *
 * @param caseId               the host's reference; echoed in the assessment, never logged above DEBUG
 * @param histology            ICD-O-3 morphology code ({@code 8890/3}) or {@link Histology} name
 * @param primaryDiagnosisDate diagnosis of the primary sarcoma
 * @param omdDiagnosisDate     imaging that established the current metastatic state
 * @param history              metastatic history; never null (all-unknown when not given)
 * @param systemicTherapy      systemic therapy at the OMD diagnosis; never null (all-unknown when not given)
 * @param ecog                 ECOG performance status 0-4
 * @param medicallyOperable    fit for surgery, as judged by the team
 * @param declinesSurgery      the patient declines surgery
 * @param pulmonaryReserveAdequate adequate pulmonary reserve for a lung resection
 * @param parenchymaSparingNeeded  lung parenchyma must be spared
 * @param plateletsPerNanolitre platelets x 10^9/L, at least 0
 * @param inr                  international normalised ratio, greater than 0
 * @param tumourDoublingTimeDays tumour doubling time in days, greater than 0
 * @param lifeExpectancyMonths life expectancy in months, at least 0
 * @param priorLungResections  number of earlier lung resections, at least 0
 * @param lastLocalTherapyDate last local treatment (resection, ablation, SABR) of a previous metastasis; not before
 *                             {@code primaryDiagnosisDate}, not after {@code omdDiagnosisDate}. Validated, but
 *                             ignored by the rule set 1.0 (rule set 1.1 reads it for the disease-free interval)
 * @param lesions              every metastasis currently known; {@code null} = unknown, empty = none
 */
public record PatientCase(String caseId, String histology, LocalDate primaryDiagnosisDate,
                          LocalDate omdDiagnosisDate, History history, SystemicTherapy systemicTherapy,
                          Integer ecog, Boolean medicallyOperable, Boolean declinesSurgery,
                          Boolean pulmonaryReserveAdequate, Boolean parenchymaSparingNeeded,
                          Double plateletsPerNanolitre, Double inr, Double tumourDoublingTimeDays,
                          Double lifeExpectancyMonths, Integer priorLungResections,
                          LocalDate lastLocalTherapyDate, List<Lesion> lesions) {

    public PatientCase {
        Objects.requireNonNull(caseId, "caseId must not be null");
        history = history == null ? History.UNKNOWN : history;
        systemicTherapy = systemicTherapy == null ? SystemicTherapy.UNKNOWN : systemicTherapy;
        if (lesions != null) {
            for (Lesion l : lesions) {
                Objects.requireNonNull(l, "lesions must not contain null");
            }
            lesions = List.copyOf(lesions);
        }
    }

    /**
     * Every impossible or contradictory value of this case (dates out of order, ECOG outside 0-4, repeated lesion
     * ids, strings over 128 characters, ...), in input order; empty when the case can be assessed. Unknown facts
     * are never problems. {@link MltRules#assess(PatientCase)} rejects a case with problems.
     */
    public List<CaseProblem> problems() {
        return org.mltrules.internal.CaseValidator.problems(this);
    }

    /** A builder for a case whose facts all start unknown. */
    public static Builder builder(String caseId) {
        return new Builder(caseId);
    }

    /** A builder initialised with this case's facts, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(caseId);
        b.histology = histology;
        b.primaryDiagnosisDate = primaryDiagnosisDate;
        b.omdDiagnosisDate = omdDiagnosisDate;
        b.history = history;
        b.systemicTherapy = systemicTherapy;
        b.ecog = ecog;
        b.medicallyOperable = medicallyOperable;
        b.declinesSurgery = declinesSurgery;
        b.pulmonaryReserveAdequate = pulmonaryReserveAdequate;
        b.parenchymaSparingNeeded = parenchymaSparingNeeded;
        b.plateletsPerNanolitre = plateletsPerNanolitre;
        b.inr = inr;
        b.tumourDoublingTimeDays = tumourDoublingTimeDays;
        b.lifeExpectancyMonths = lifeExpectancyMonths;
        b.priorLungResections = priorLungResections;
        b.lastLocalTherapyDate = lastLocalTherapyDate;
        b.lesions = lesions;
        return b;
    }

    /** Builder of {@link PatientCase}; not thread-safe. */
    public static final class Builder {
        private String caseId;
        private String histology;
        private LocalDate primaryDiagnosisDate;
        private LocalDate omdDiagnosisDate;
        private History history;
        private SystemicTherapy systemicTherapy;
        private Integer ecog;
        private Boolean medicallyOperable;
        private Boolean declinesSurgery;
        private Boolean pulmonaryReserveAdequate;
        private Boolean parenchymaSparingNeeded;
        private Double plateletsPerNanolitre;
        private Double inr;
        private Double tumourDoublingTimeDays;
        private Double lifeExpectancyMonths;
        private Integer priorLungResections;
        private LocalDate lastLocalTherapyDate;
        private List<Lesion> lesions;

        private Builder(String caseId) {
            this.caseId = caseId;
        }

        private static Double dbl(Number n) {
            return n == null ? null : n.doubleValue();
        }

        public Builder caseId(String caseId) { this.caseId = caseId; return this; }
        /** ICD-O-3 morphology code ({@code 8890/3}) or histology name. */
        public Builder histology(String histology) { this.histology = histology; return this; }
        public Builder histology(Histology histology) { this.histology = histology == null ? null : histology.name(); return this; }
        public Builder primaryDiagnosisDate(LocalDate date) { this.primaryDiagnosisDate = date; return this; }
        public Builder omdDiagnosisDate(LocalDate date) { this.omdDiagnosisDate = date; return this; }
        public Builder history(History history) { this.history = history; return this; }
        public Builder history(Boolean polymetastatic, Boolean oligometastatic) { this.history = new History(polymetastatic, oligometastatic); return this; }
        public Builder systemicTherapy(SystemicTherapy therapy) { this.systemicTherapy = therapy; return this; }
        public Builder ecog(Integer ecog) { this.ecog = ecog; return this; }
        public Builder medicallyOperable(Boolean value) { this.medicallyOperable = value; return this; }
        public Builder declinesSurgery(Boolean value) { this.declinesSurgery = value; return this; }
        public Builder pulmonaryReserveAdequate(Boolean value) { this.pulmonaryReserveAdequate = value; return this; }
        public Builder parenchymaSparingNeeded(Boolean value) { this.parenchymaSparingNeeded = value; return this; }
        public Builder plateletsPerNanolitre(Number value) { this.plateletsPerNanolitre = dbl(value); return this; }
        public Builder inr(Number value) { this.inr = dbl(value); return this; }
        public Builder tumourDoublingTimeDays(Number value) { this.tumourDoublingTimeDays = dbl(value); return this; }
        public Builder lifeExpectancyMonths(Number value) { this.lifeExpectancyMonths = dbl(value); return this; }
        public Builder priorLungResections(Integer value) { this.priorLungResections = value; return this; }
        /**
         * Last local treatment of a previous metastasis (resection, ablation, SABR). Ignored by the rule set 1.0;
         * rule set 1.1 uses it for the disease-free interval.
         */
        public Builder lastLocalTherapyDate(LocalDate date) { this.lastLocalTherapyDate = date; return this; }
        /** Every metastasis currently known; {@code null} = unknown, no argument = no distant metastasis. */
        public Builder lesions(Lesion... lesions) { this.lesions = lesions == null ? null : List.of(lesions); return this; }
        public Builder lesions(List<Lesion> lesions) { this.lesions = lesions; return this; }

        /**
         * Sets a case field by its {@link CaseField} (for mappers that work field by field): a value of the field's
         * {@link CaseField.Type#javaType()} ({@link Number} for a number), or {@code null} for unknown.
         *
         * @throws IllegalArgumentException for a lesion field or a value of another type
         */
        public Builder set(CaseField field, Object value) {
            field.set(this, value);
            return this;
        }

        Builder polymetastaticHistory(Boolean v) {
            History h = history == null ? History.UNKNOWN : history;
            this.history = new History(v, h.oligometastatic());
            return this;
        }

        Builder oligometastaticHistory(Boolean v) {
            History h = history == null ? History.UNKNOWN : history;
            this.history = new History(h.polymetastatic(), v);
            return this;
        }

        Builder therapyStatus(TherapyStatus v) {
            SystemicTherapy t = systemicTherapy == null ? SystemicTherapy.UNKNOWN : systemicTherapy;
            this.systemicTherapy = new SystemicTherapy(v, t.lastDoseDate(), t.kind());
            return this;
        }

        Builder lastDoseDate(LocalDate v) {
            SystemicTherapy t = systemicTherapy == null ? SystemicTherapy.UNKNOWN : systemicTherapy;
            this.systemicTherapy = new SystemicTherapy(t.status(), v, t.kind());
            return this;
        }

        Builder therapyKind(TherapyKind v) {
            SystemicTherapy t = systemicTherapy == null ? SystemicTherapy.UNKNOWN : systemicTherapy;
            this.systemicTherapy = new SystemicTherapy(t.status(), t.lastDoseDate(), v);
            return this;
        }

        public PatientCase build() {
            return new PatientCase(caseId, histology, primaryDiagnosisDate, omdDiagnosisDate, history,
                    systemicTherapy, ecog, medicallyOperable, declinesSurgery, pulmonaryReserveAdequate,
                    parenchymaSparingNeeded, plateletsPerNanolitre, inr, tumourDoublingTimeDays,
                    lifeExpectancyMonths, priorLungResections, lastLocalTherapyDate, lesions);
        }
    }
}
