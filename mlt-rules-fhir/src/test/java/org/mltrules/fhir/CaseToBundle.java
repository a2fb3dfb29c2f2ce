package org.mltrules.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.mltrules.Feature;
import org.mltrules.Histology;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * Test-only writer: an mCODE bundle that records a case the way an EHR would, using mCODE resources wherever
 * mCODE carries the fact (primary with histology and onset, a metastasis Condition and a Tumor per lesion with
 * location and laterality, TumorSize, CancerDiseaseStatus, ECOG, labs, HistoryOfMetastaticCancer, medications,
 * lung resections, radiotherapy) and local-fact Observations for the rest (MDT judgements, NEW, history true).
 */
final class CaseToBundle {
    static final String SCT = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    static final String MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/";
    static final String PATIENT = "Patient/p";

    private static final Map<Site, CodeableConcept> SITES = Map.of(
            Site.LUNG, cc(SCT, "39607008"), Site.PLEURA, cc(SCT, "3120008"), Site.LIVER, cc(SCT, "10200004"),
            Site.BONE_SPINE, cc(SCT, "421060004"), Site.BONE_OTHER, cc(SCT, "71341001"),
            Site.BRAIN, cc(SCT, "12738006"), Site.SOFT_TISSUE, cc(SCT, "87784001"), Site.ADRENAL, cc(SCT, "23451007"),
            // after a lower-limb primary (C49.2): inguinal nodes are regional, axillary nodes distant
            Site.LYMPH_NODE_REGIONAL, cc(ICDO3, "C77.4"), Site.LYMPH_NODE_DISTANT, cc(ICDO3, "C77.3"));
    private static final Map<Laterality, String> SIDES = Map.of(Laterality.RIGHT, "24028007", Laterality.LEFT,
            "7771000", Laterality.MIDLINE, "399488007");
    private static final Map<Response, String> STATUS = Map.of(Response.PROGRESSING, "271299001", Response.STABLE,
            "359746009", Response.RESPONDING, "268910001", Response.NOT_ASSESSABLE, "709137006");
    private static final Map<TherapyKind, String> DRUG = Map.of(TherapyKind.CHEMOTHERAPY, "doxorubicin",
            TherapyKind.TARGETED, "imatinib", TherapyKind.IMMUNOTHERAPY, "pembrolizumab", TherapyKind.ENDOCRINE,
            "anastrozole");

    private final Bundle b = new Bundle();
    private final PatientCase c;
    private final LocalDate asOf;
    private int n;

    private CaseToBundle(PatientCase c) {
        this.c = c;
        LocalDate latest = LocalDate.of(2000, 1, 1);
        for (LocalDate d : new LocalDate[] {c.primaryDiagnosisDate(), c.omdDiagnosisDate(),
                c.systemicTherapy().lastDoseDate(), c.lastLocalTherapyDate()}) {
            if (d != null && d.isAfter(latest)) {
                latest = d;
            }
        }
        this.asOf = latest.plusDays(7);
    }

    /** The bundle of a case; its timestamp is a week after the case's latest date. */
    static Bundle write(PatientCase c) {
        return new CaseToBundle(c).bundle();
    }

    /** Whether the case's facts can all be carried (histology given by a name without a code cannot). */
    static boolean carriable(PatientCase c) {
        return c.histology() == null || !c.histology().equals(Histology.OTHER_SARCOMA.name());
    }

    private Bundle bundle() {
        b.setId(c.caseId().replaceAll("[^A-Za-z0-9.-]", "-"));
        b.setType(Bundle.BundleType.COLLECTION);
        b.getTimestampElement().setValueAsString(asOf + "T12:00:00+01:00");
        add(new Patient().setId("p"));
        primary();
        history();
        lesions();
        therapy();
        if (c.ecog() != null) {
            Observation o = obs("ecog", cc(LOINC, "89247-1"), c.omdDiagnosisDate() != null ? c.omdDiagnosisDate() : asOf);
            o.setValue(new IntegerType(c.ecog()));
        }
        if (c.plateletsPerNanolitre() != null) {
            obs("plt", cc(LOINC, "777-3"), asOf).setValue(quantity(c.plateletsPerNanolitre(), "10*9/L"));
        }
        if (c.inr() != null) {
            obs("inr", cc(LOINC, "6301-6"), asOf).setValue(quantity(c.inr(), "{INR}"));
        }
        bool("medicallyOperable", c.medicallyOperable(), null);
        bool("declinesSurgery", c.declinesSurgery(), null);
        bool("pulmonaryReserveAdequate", c.pulmonaryReserveAdequate(), null);
        bool("parenchymaSparingNeeded", c.parenchymaSparingNeeded(), null);
        if (c.tumourDoublingTimeDays() != null) {
            local("tumourDoublingTimeDays", quantity(c.tumourDoublingTimeDays(), "d"), null);
        }
        if (c.lifeExpectancyMonths() != null) {
            local("lifeExpectancyMonths", quantity(c.lifeExpectancyMonths(), "mo"), null);
        }
        lungResections();
        lastLocalTherapy();
        return b;
    }

    private void primary() {
        // always written: the regional node basins depend on the primary's site
        Condition p = new Condition();
        p.setId("primary");
        p.getMeta().addProfile(MCODE + "mcode-primary-cancer-condition");
        p.setClinicalStatus(cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "remission"));
        p.setVerificationStatus(cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
        p.setCode(cc(SCT, "363346000"));
        p.addBodySite(cc(ICDO3, "C49.2"));
        p.setSubject(new Reference(PATIENT));
        if (c.histology() != null) {
            String code = Histology.resolve(c.histology()).map(r -> c.histology().contains("/") ? c.histology()
                    : r.histology().codes().get(0)).orElseThrow();
            p.addExtension(new Extension(MCODE + "mcode-histology-morphology-behavior", cc(ICDO3, code)));
        }
        if (c.primaryDiagnosisDate() != null) {
            p.setOnset(new DateTimeType(c.primaryDiagnosisDate().toString()));
        }
        add(p);
    }

    private void history() {
        Boolean poly = c.history().polymetastatic();
        Boolean oligo = c.history().oligometastatic();
        if (Boolean.FALSE.equals(poly) && Boolean.FALSE.equals(oligo)) {
            Observation o = obs("no-history", cc(SCT, "1287652008"), c.omdDiagnosisDate() != null
                    ? c.omdDiagnosisDate() : asOf);
            o.getMeta().addProfile(MCODE + "mcode-history-of-metastatic-cancer");
            o.setValue(new BooleanType(false));
            return;
        }
        bool("history.polymetastatic", poly, null);
        bool("history.oligometastatic", oligo, null);
    }

    private void lesions() {
        if (c.lesions() == null || c.lesions().isEmpty()) {
            if (c.lesions() != null) {
                local("lesions", new IntegerType(0), null);
            }
            if (c.omdDiagnosisDate() != null) {
                local("omdDiagnosisDate", new DateTimeType(c.omdDiagnosisDate().toString()), null);
            }
            return;
        }
        // without an OMD date, the lesions carry no date either, so the mapper cannot derive one, as in the case
        LocalDate first = c.omdDiagnosisDate();
        int i = 0;
        for (Lesion l : c.lesions()) {
            i++;
            Condition m = new Condition();
            m.setId("met-" + i);
            m.getMeta().addProfile(MCODE + "mcode-secondary-cancer-condition");
            m.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/condition-related",
                    new Reference("Condition/primary")));
            m.setClinicalStatus(cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
            m.setVerificationStatus(cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
            m.setCode(cc(SCT, "128462008"));
            m.setSubject(new Reference(PATIENT));
            if (first != null) {
                m.setOnset(new DateTimeType(first.toString()));
            }
            add(m);
            BodyStructure t = new BodyStructure();
            t.setId("tumor-" + i);
            t.getMeta().addProfile(MCODE + "mcode-tumor");
            t.addExtension(new Extension(MCODE + "mcode-related-condition", new Reference("Condition/met-" + i)));
            t.addIdentifier(new Identifier().setValue(l.id()).setType(cc("http://hl7.org/fhir/resource-types",
                    "BodyStructure")));
            t.setPatient(new Reference(PATIENT));
            if (l.site() == Site.OTHER) {
                t.setLocation(cc(SCT, "72410000"));
            } else {
                t.setLocation(SITES.get(l.site()).copy());
            }
            if (l.laterality() != null) {
                t.addLocationQualifier(cc(SCT, SIDES.get(l.laterality())));
            }
            add(t);
            String tumour = "BodyStructure/tumor-" + i;
            if (l.sizeMm() != null) {
                Observation s = obs("size-" + i, cc(LOINC, "21889-1"), first);
                s.setMethod(cc(SCT, "77477000"));
                s.addFocus(new Reference(tumour));
                s.addComponent().setCode(cc(LOINC, "33728-7")).setValue(quantity(l.sizeMm(), "mm"));
            }
            if (l.response() != null && l.response() != Response.NEW && c.omdDiagnosisDate() != null) {
                Observation s = obs("status-" + i, cc(LOINC, "97509-4"), c.omdDiagnosisDate());
                s.addFocus(new Reference(tumour));
                s.setValue(cc(SCT, STATUS.get(l.response())));
            } else if (l.response() != null) {
                local("lesions[].response", enumValue(l.response().name()), tumour);
            }
            bool("lesions[].safelyTreatable", l.safelyTreatable(), tumour);
            bool("lesions[].resectableR0", l.resectableR0(), tumour);
            bool("lesions[].sabrConstraintsAchievable", l.sabrConstraintsAchievable(), tumour);
            if (Boolean.TRUE.equals(l.previouslyIrradiated())) {
                Procedure rt = new Procedure();
                rt.setId("rt-" + i);
                rt.setStatus(Procedure.ProcedureStatus.COMPLETED);
                rt.setCode(cc(SCT, "1217123003"));
                rt.setSubject(new Reference(PATIENT));
                rt.addReasonReference(new Reference("Condition/met-" + i));
                rt.setPerformed(new Period().setStartElement(new DateTimeType(asOf.minusDays(5).toString())));
                add(rt);
            } else {
                bool("lesions[].previouslyIrradiated", l.previouslyIrradiated(), tumour);
            }
            if (l.features() != null) {
                Observation f = local("lesions[].features", null, tumour);
                for (Feature ft : Feature.values()) {
                    f.addComponent().setCode(enumValue(ft.name())).setValue(new BooleanType(l.features().contains(ft)));
                }
            }
        }
    }

    private void therapy() {
        SystemicTherapy t = c.systemicTherapy();
        LocalDate omd = c.omdDiagnosisDate();
        boolean drug = t.kind() != null && t.kind() != TherapyKind.MAINTENANCE && omd != null;
        if (t.status() == TherapyStatus.ONGOING && drug) {
            MedicationRequest m = new MedicationRequest();
            m.setId("rx");
            m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            m.setMedication(new CodeableConcept().setText(DRUG.get(t.kind())));
            m.setSubject(new Reference(PATIENT));
            m.setAuthoredOnElement(new DateTimeType(omd.minusDays(60).toString()));
            add(m);
            return;
        }
        // a dose on the OMD date itself is an exposure that contains it (ONGOING, section 3.4 of the mapping doc):
        // "stopped that day" needs local facts
        if (t.status() == TherapyStatus.STOPPED && drug && t.lastDoseDate() != null && t.lastDoseDate().isBefore(omd)) {
            MedicationAdministration m = new MedicationAdministration();
            m.setId("dose");
            m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
            m.setMedication(new CodeableConcept().setText(DRUG.get(t.kind())));
            m.setSubject(new Reference(PATIENT));
            m.setEffective(new DateTimeType(t.lastDoseDate().toString()));
            add(m);
            return;
        }
        if (t.status() != null) {
            local("systemicTherapy.status", enumValue(t.status().name()), null);
        }
        if (t.status() == TherapyStatus.STOPPED && t.lastDoseDate() != null) {
            local("systemicTherapy.lastDoseDate", new DateTimeType(t.lastDoseDate().toString()), null);
        }
        if (t.kind() != null && t.status() != TherapyStatus.NONE) {
            local("systemicTherapy.kind", enumValue(t.kind().name()), null);
        }
    }

    /**
     * After a metastatic history, as an EHR records it: the earlier metastasis (resolved) and its completed
     * resection; otherwise (no recorded episode to hang it on) as a local fact.
     */
    private void lastLocalTherapy() {
        LocalDate d = c.lastLocalTherapyDate();
        if (d == null) {
            return;
        }
        boolean episode = Boolean.TRUE.equals(c.history().polymetastatic())
                || Boolean.TRUE.equals(c.history().oligometastatic());
        if (!episode) {
            local("lastLocalTherapyDate", new DateTimeType(d.toString()), null);
            return;
        }
        Condition m = new Condition();
        m.setId("earlier-met");
        m.getMeta().addProfile(MCODE + "mcode-secondary-cancer-condition");
        m.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/condition-related",
                new Reference("Condition/primary")));
        m.setClinicalStatus(cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved"));
        m.setVerificationStatus(cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
        m.setCode(cc(SCT, "94222008"));
        m.setSubject(new Reference(PATIENT));
        add(m);
        Procedure p = new Procedure();
        p.setId("metastasectomy");
        p.getMeta().addProfile(MCODE + "mcode-cancer-related-surgical-procedure");
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCode(cc(SCT, "387713003"));
        p.setSubject(new Reference(PATIENT));
        p.addReasonReference(new Reference("Condition/earlier-met"));
        p.setPerformed(new Period().setStartElement(new DateTimeType(d.minusDays(1).toString()))
                .setEndElement(new DateTimeType(d.toString())));
        add(p);
    }

    private void lungResections() {
        Integer n = c.priorLungResections();
        if (n == null) {
            return;
        }
        if (n == 0) {
            local("priorLungResections", new IntegerType(0), null);
            return;
        }
        LocalDate before = (c.omdDiagnosisDate() != null ? c.omdDiagnosisDate() : asOf).minusDays(30);
        for (int i = 0; i < n; i++) {
            Procedure p = new Procedure();
            p.setId("lobectomy-" + i);
            p.setStatus(Procedure.ProcedureStatus.COMPLETED);
            p.setCode(cc(SCT, "359615001"));
            p.setSubject(new Reference(PATIENT));
            p.setPerformed(new DateTimeType(before.minusDays(i).toString()));
            add(p);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Observation obs(String id, CodeableConcept code, LocalDate date) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(code);
        o.setSubject(new Reference(PATIENT));
        if (date != null) {
            o.setEffective(new DateTimeType(date.toString()));
        }
        add(o);
        return o;
    }

    private Observation local(String field, Type value, String focus) {
        Observation o = obs("fact-" + (++n), cc("urn:mlt-rules:case-field", field), asOf.minusDays(1));
        if (value != null) {
            o.setValue(value);
        }
        if (focus != null) {
            o.addFocus(new Reference(focus));
        }
        return o;
    }

    private void bool(String field, Boolean value, String focus) {
        if (value != null) {
            local(field, new BooleanType(value), focus);
        }
    }

    private void add(Resource r) {
        b.addEntry().setFullUrl("urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", b.getEntry().size()))
                .setResource(r);
        // references in this writer use Type/id, resolved by the mapper's Type/id index
    }

    private static Quantity quantity(double v, String ucum) {
        return new Quantity().setValue(BigDecimal.valueOf(v)).setSystem("http://unitsofmeasure.org").setCode(ucum);
    }

    static CodeableConcept cc(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static CodeableConcept enumValue(String name) {
        return cc("urn:mlt-rules:case-enum", name);
    }

}
