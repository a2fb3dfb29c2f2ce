package org.mltrules.fhir.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
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
import org.mltrules.History;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;
import org.mltrules.CaseField;
import org.mltrules.CaseProblem;
import org.mltrules.fhir.FhirCaseMapper.ConditionWithoutTumour;
import org.mltrules.fhir.FhirCaseMapper.RegionalNodeBasins;
import org.mltrules.fhir.FhirCaseMapper.UnspecifiedBone;
import org.mltrules.fhir.MappingResult;
import org.mltrules.fhir.MappingResult.AsOfSource;
import org.mltrules.fhir.internal.Codes.DrugClass;
import org.mltrules.fhir.internal.Codes.SiteClass;
import org.mltrules.fhir.internal.Codes.SiteCode;

/**
 * Maps one parsed bundle to a case and its report (docs/fhir-mapping.md). Single-use, one per bundle; the order of
 * the steps follows their dependencies: lesions, then history, then the OMD date, then everything dated against it.
 */
final class CaseBuilder {
    private static final Set<String> OBS_OK = Set.of("final", "amended", "corrected");
    private static final Set<String> CURRENT = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_CURRENT = Set.of("inactive", "remission", "resolved");
    private static final Set<String> UNCONFIRMED = Set.of("unconfirmed", "provisional", "differential");

    private final Bundle bundle;
    private final Options o;
    private final ParseNotes parseNotes;
    private final Report r = new Report();
    private Records rec;

    private Patient patient;
    private LocalDate asOf;
    private AsOfSource asOfSource = AsOfSource.NONE;
    private String caseId;

    private final List<Condition> primaries = new ArrayList<>();
    private final List<Condition> secondaries = new ArrayList<>();
    private final Set<Condition> unconfirmed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Observation> observations = new ArrayList<>();
    private final List<BodyStructure> tumours = new ArrayList<>();
    private final List<MedicationAdministration> administrations = new ArrayList<>();
    private final List<MedicationRequest> requests = new ArrayList<>();
    private final List<Procedure> procedures = new ArrayList<>();
    private final List<DiagnosticReport> reports = new ArrayList<>();
    private final List<ImagingStudy> studies = new ArrayList<>();
    private final List<Observation> localFacts = new ArrayList<>();

    private Condition primary;
    private final List<Condition> currentSecondaries = new ArrayList<>();
    private final List<Condition> priorSecondaries = new ArrayList<>();
    private final List<String> lesionSetUnknown = new ArrayList<>();
    private List<Draft> lesions;          // null = unknown
    private LocalDate primaryDate;
    private LocalDate omdDate;
    private Boolean historyPoly;
    private Boolean historyOligo;

    /** A lesion being built. */
    private static final class Draft {
        String id;
        String idSource;
        BodyStructure tumour;
        Condition condition;
        Resource target;            // the Tumor, or the condition when the condition is the lesion
        Site site;
        Laterality laterality;
        Double sizeMm;
        LocalDate firstSeen;
        LocalDate latestImaging;
        Response response;
        Boolean treatable;
        Boolean r0;
        Boolean sabr;
        Boolean irradiated;
        Set<Feature> features;
    }

    CaseBuilder(Bundle bundle, Options options, ParseNotes parseNotes) {
        this.bundle = bundle;
        this.o = options;
        this.parseNotes = parseNotes;
    }

    MappingResult build() {
        rec = new Records(bundle);
        notesFromParser();
        if (!bundleType() || !onePatient() || !ownPatient()) {
            // The error record still names the case, so that a host can find the bundle in its batch.
            caseId();
            return result(null, List.of());
        }
        asOf();
        caseId();
        collect();
        if (r.hasErrors()) {
            return result(null, List.of());
        }
        conditions();
        choosePrimary();
        if (r.hasErrors()) {
            return result(null, List.of());
        }
        histology();
        if (r.hasErrors()) {
            return result(null, List.of());
        }
        primaryDate();
        lesions();
        if (r.hasErrors()) {
            return result(null, List.of());
        }
        history();
        omdDate();
        lesionDetails();
        PatientCase.Builder b = PatientCase.builder(caseId == null ? "" : caseId);
        b.histology(histologyValue).primaryDiagnosisDate(primaryDate).omdDiagnosisDate(omdDate)
                .history(new History(historyPoly, historyOligo));
        b.systemicTherapy(therapy());
        b.ecog(ecog());
        b.medicallyOperable(boolFact(CaseField.MEDICALLY_OPERABLE));
        b.declinesSurgery(boolFact(CaseField.DECLINES_SURGERY));
        b.pulmonaryReserveAdequate(boolFact(CaseField.PULMONARY_RESERVE_ADEQUATE));
        b.parenchymaSparingNeeded(boolFact(CaseField.PARENCHYMA_SPARING_NEEDED));
        b.plateletsPerNanolitre(lab(CaseField.PLATELETS_PER_NANOLITRE, Codes.LOINC_PLATELETS, true));
        b.inr(lab(CaseField.INR, Codes.LOINC_INR, false));
        b.tumourDoublingTimeDays(numberFact(CaseField.TUMOUR_DOUBLING_TIME_DAYS, "d"));
        b.lifeExpectancyMonths(numberFact(CaseField.LIFE_EXPECTANCY_MONTHS, "mo"));
        b.priorLungResections(lungResections());
        b.lastLocalTherapyDate(lastLocalTherapy());
        b.lesions(lesions == null ? null : buildLesions());
        if (caseId == null) {
            return result(null, List.of());
        }
        PatientCase c = b.build();
        for (CaseProblem p : c.problems()) {
            r.error(p.field(), "MAP-CASE-1", "the mapped case is inconsistent: " + p.message());
        }
        if (r.hasErrors()) {
            return result(null, List.of());
        }
        return result(c, fieldOrder());
    }

    private String histologyValue;

    private MappingResult result(PatientCase c, List<String> order) {
        return new MappingResult(c, caseId, asOf, asOfSource, r.entries(order));
    }

    private List<String> fieldOrder() {
        List<String> order = new ArrayList<>();
        for (CaseField f : CaseField.values()) {
            if (!f.isLesionField()) {
                order.add(f.path());
            }
        }
        if (lesions != null) {
            for (int i = 0; i < lesions.size(); i++) {
                for (CaseField f : CaseField.inGroup("lesions[]")) {
                    order.add(lesionPath(i, f));
                }
            }
        }
        return order;
    }

    /** The path of one lesion's field in the report: {@code lesions[1].sizeMm}. */
    static String lesionPath(int index, CaseField field) {
        return "lesions[" + index + "]." + field.key();
    }

    // ================================================================ bundle, patient, asOf, caseId

    private void notesFromParser() {
        if (parseNotes != null && !parseNotes.counts().isEmpty()) {
            StringBuilder sb = new StringBuilder("HAPI parsed the bundle leniently: ");
            int n = 0;
            for (Map.Entry<String, Integer> e : parseNotes.counts().entrySet()) {
                if (n++ > 0) {
                    sb.append("; ");
                }
                if (n > 10) {
                    sb.append("...");
                    break;
                }
                sb.append(e.getKey()).append(e.getValue() > 1 ? " (" + e.getValue() + "x)" : "");
            }
            r.warn("", null, "MAP-BUNDLE-3", sb.toString());
        }
    }

    private boolean bundleType() {
        if (bundle.getTypeElement().getValueAsString() != null
                && !Set.of("collection", "searchset", "document", "transaction", "batch")
                .contains(bundle.getTypeElement().getValueAsString())) {
            r.warn("", null, "MAP-BUNDLE-4", "Bundle.type is not collection, searchset, document, transaction or"
                    + " batch; read as a collection");
        }
        return true;
    }

    private boolean onePatient() {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        int first = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() instanceof Patient p) {
                // Every patient's id and identifiers stay out of the report and the case id, not only the first's.
                rec.patient(p);
                if (patient == null) {
                    patient = p;
                    first = i;
                } else {
                    r.error("Bundle.entry[" + i + "].resource", "MAP-PATIENT-1",
                            "more than one Patient in the bundle (entries " + first + " and " + i + ")");
                }
            }
        }
        if (patient == null) {
            r.error("Bundle.entry", "MAP-PATIENT-1", "no Patient in the bundle");
        }
        return !r.hasErrors();
    }

    /** Every resource the mapper reads must belong to the one patient. */
    private boolean ownPatient() {
        for (Resource res : rec.resources) {
            Reference subject = subjectOf(res);
            String element = res instanceof BodyStructure ? "patient" : "subject";
            if (subject == null) {
                continue;          // a type the mapper does not read
            }
            Boolean ours = isPatient(subject, (DomainResource) res);
            if (ours == null) {
                continue;          // no reference, or not a patient reference: ignored when collected
            }
            if (!ours) {
                r.error(rec.path(res) + "." + element, "MAP-PATIENT-2",
                        "a " + res.fhirType() + " of another patient");
            }
        }
        return !r.hasErrors();
    }

    private static Reference subjectOf(Resource res) {
        if (res instanceof Condition c) {
            return c.getSubject();
        } else if (res instanceof Observation ob) {
            return ob.getSubject();
        } else if (res instanceof BodyStructure bs) {
            return bs.getPatient();
        } else if (res instanceof MedicationAdministration ma) {
            return ma.getSubject();
        } else if (res instanceof MedicationRequest mr) {
            return mr.getSubject();
        } else if (res instanceof Procedure p) {
            return p.getSubject();
        } else if (res instanceof DiagnosticReport d) {
            return d.getSubject();
        } else if (res instanceof ImagingStudy s) {
            return s.getSubject();
        }
        return null;
    }

    /**
     * True: the reference is the bundle's patient; false: another patient; null: no reference, or one to
     * something other than a Patient (a Group, a Location), which the mapper does not read.
     */
    private Boolean isPatient(Reference ref, DomainResource from) {
        if (ref == null || (!ref.hasReference() && ref.getResource() == null)) {
            return null;
        }
        Resource target = rec.resolve(ref, from);
        if (target != null) {
            if (target == patient) {
                return true;
            }
            return target instanceof Patient ? false : null;
        }
        String type = Records.referencedType(ref);
        if (type != null && !"Patient".equals(type)) {
            return null;
        }
        String s = ref.getReference();
        String pid = Records.idPart(patient);
        if (s != null && pid != null) {
            String tail = Records.tail(s.trim());
            if (tail != null && tail.equals("Patient/" + pid)) {
                return true;
            }
        }
        return false;
    }

    private boolean usable(Resource res) {
        Reference subject = subjectOf(res);
        Boolean ours = subject == null ? null : isPatient(subject, (DomainResource) res);
        if (!Boolean.TRUE.equals(ours)) {
            r.warn("", rec.name(res), "MAP-PATIENT-3", res.fhirType()
                    + " without a reference to the patient: ignored");
            return false;
        }
        return true;
    }

    private void asOf() {
        if (o.asOf() != null) {
            asOf = o.asOf();
            asOfSource = AsOfSource.ARGUMENT;
            r.info("", null, "MAP-ASOF-1", "record read as of " + asOf + " (argument)");
            return;
        }
        if (bundle.hasTimestampElement()) {
            LocalDate d = Dates.day(bundle.getTimestampElement(), org.mltrules.fhir.FhirCaseMapper.PartialDates.UNKNOWN);
            if (d != null) {
                asOf = d;
                asOfSource = AsOfSource.BUNDLE_TIMESTAMP;
                r.info("", null, "MAP-ASOF-2", "record read as of " + asOf + " (Bundle.timestamp, as written)");
                return;
            }
        }
        LocalDate latest = null;
        for (Resource res : rec.resources) {
            latest = Dates.max(latest, dateOf(res));
        }
        if (latest != null) {
            asOf = latest;
            asOfSource = AsOfSource.LATEST_RESOURCE;
            r.warn("", null, "MAP-ASOF-3", "record read as of " + asOf
                    + " (latest dated resource: the bundle has no timestamp; pass asOf to be explicit)");
        } else {
            r.warn("", null, "MAP-ASOF-4", "no as-of date: no argument, no Bundle.timestamp, no dated resource");
        }
    }

    /** The date that places a resource in time (for asOf and the future filter). */
    private LocalDate dateOf(Resource res) {
        var p = o.partialDates();
        if (res instanceof Condition c) {
            LocalDate d = Dates.start(c.getOnset(), p);
            return d != null ? d : Dates.day(c.getRecordedDateElement(), p);
        } else if (res instanceof Observation ob) {
            return Dates.start(ob.getEffective(), p);
        } else if (res instanceof MedicationAdministration ma) {
            return Dates.start(ma.getEffective(), p);
        } else if (res instanceof MedicationRequest mr) {
            return Dates.day(mr.getAuthoredOnElement(), p);
        } else if (res instanceof Procedure pr) {
            return Dates.start(pr.getPerformed(), p);
        } else if (res instanceof DiagnosticReport d) {
            return Dates.start(d.getEffective(), p);
        } else if (res instanceof ImagingStudy s) {
            return Dates.day(s.getStartedElement(), p);
        }
        return null;
    }

    private boolean future(Resource res) {
        LocalDate d = dateOf(res);
        if (asOf != null && d != null && d.isAfter(asOf)) {
            r.info("", rec.name(res), "MAP-ASOF-5", res.fhirType() + " dated after the as-of date: ignored");
            return true;
        }
        return false;
    }

    private void caseId() {
        if (o.caseId() != null) {
            caseId = o.caseId();
            r.set(CaseField.CASE_ID, null, "MAP-CASEID-1", "from the caller");
        } else if (bundle.hasIdentifier() && bundle.getIdentifier().hasValue()
                && !rec.revealsPatient(bundle.getIdentifier().getValue())) {
            caseId = bundle.getIdentifier().getValue();
            r.set(CaseField.CASE_ID, null, "MAP-CASEID-2", "from Bundle.identifier.value");
        } else if (Records.idPart(bundle) != null && !rec.revealsPatient(Records.idPart(bundle))) {
            caseId = Records.idPart(bundle);
            r.set(CaseField.CASE_ID, null, "MAP-CASEID-3", "from Bundle.id");
        } else {
            r.error("Bundle.id", "MAP-CASEID-4", "no case id: pass one, or give the Bundle an identifier or an id"
                    + " (one that does not hold the patient's id or identifiers)");
            return;
        }
        String why = caseId.isEmpty() || caseId.length() > 128 ? "must have 1-128 characters" : unfit(caseId);
        if (why != null) {
            r.error(o.caseId() != null ? "caseId" : bundle.hasIdentifier() ? "Bundle.identifier.value" : "Bundle.id",
                    "MAP-CASEID-4", "the case id " + why);
            caseId = null;
        }
    }

    // ================================================================ collecting

    private void collect() {
        Map<String, Integer> ignored = new TreeMap<>();
        for (Resource res : rec.resources) {
            if (res instanceof Patient) {
                continue;
            }
            boolean read = res instanceof Condition || res instanceof Observation || res instanceof BodyStructure
                    || res instanceof MedicationAdministration || res instanceof MedicationRequest
                    || res instanceof Procedure || res instanceof DiagnosticReport || res instanceof ImagingStudy;
            if (!read) {
                ignored.merge(res.fhirType(), 1, Integer::sum);
                continue;
            }
            if (!usable(res) || future(res)) {
                continue;
            }
            if (res instanceof Condition c) {
                secondariesAndPrimaries(c);
            } else if (res instanceof Observation ob) {
                if (!in(OBS_OK, ob.getStatusElement().getValueAsString())) {
                    r.info("", rec.name(ob), "MAP-STATUS-1", "Observation with status "
                            + statusText(ob.getStatusElement().getValueAsString()) + ": ignored");
                } else if (Codes.code(ob.getCode(), o.localFactSystem()) != null) {
                    localFacts.add(ob);
                } else {
                    observations.add(ob);
                }
            } else if (res instanceof BodyStructure bs) {
                if (Records.hasProfile(bs, Codes.P_TUMOR) || !Records.extensions(bs, Codes.X_RELATED_CONDITION).isEmpty()) {
                    tumours.add(bs);
                } else {
                    ignored.merge("BodyStructure (not a Tumor)", 1, Integer::sum);
                }
            } else if (res instanceof MedicationAdministration ma) {
                administrations.add(ma);
            } else if (res instanceof MedicationRequest mr) {
                requests.add(mr);
            } else if (res instanceof Procedure p) {
                procedures.add(p);
            } else if (res instanceof DiagnosticReport d) {
                reports.add(d);
            } else if (res instanceof ImagingStudy s) {
                studies.add(s);
            }
        }
        int empty = 0;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() == null) {
                empty++;
            }
        }
        if (empty > 0) {
            r.warn("", null, "MAP-BUNDLE-5", empty + " entries without a resource: ignored");
        }
        if (!ignored.isEmpty()) {
            StringBuilder sb = new StringBuilder("not read by the mapper: ");
            int n = 0;
            for (Map.Entry<String, Integer> e : ignored.entrySet()) {
                sb.append(n++ > 0 ? ", " : "").append(e.getKey()).append(' ').append(e.getValue());
            }
            r.info("", null, "MAP-BUNDLE-6", sb.toString());
        }
        for (Resource res : rec.resources) {
            if (res instanceof DomainResource dr && dr.hasContained()) {
                r.info("", rec.name(res), "MAP-BUNDLE-7", "contained resources are read only through the"
                        + " references of their container");
            }
        }
    }

    /** Null-safe membership: the immutable sets of {@code Set.of} throw on {@code contains(null)}. */
    private static boolean in(Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    /** Why an id is unfit for output (control characters, unpaired surrogates), or null; as the case format. */
    static String unfit(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= id.length() || !Character.isLowSurrogate(id.charAt(i + 1)))) {
                return "must not contain an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(id.charAt(i - 1)))) {
                return "must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    private static String statusText(String s) {
        return s == null ? "(none)" : s.matches("[a-z-]{1,40}") ? s : "(unrecognised)";
    }

    private static String code(CodeableConcept cc, String systemSuffix) {
        if (cc == null) {
            return null;
        }
        for (Coding c : cc.getCoding()) {
            if (c.getSystem() != null && c.getSystem().endsWith(systemSuffix) && c.hasCode()) {
                return c.getCode();
            }
        }
        return null;
    }

    /** Classifies a Condition: primary, secondary, neither (profile and code disagree), or not cancer. */
    private void secondariesAndPrimaries(Condition c) {
        boolean primProfile = Records.hasProfile(c, Codes.P_PRIMARY);
        boolean secProfile = Records.hasProfile(c, Codes.P_SECONDARY);
        boolean secCode = false;
        boolean primCode = false;
        for (Coding cd : c.getCode().getCoding()) {
            if (Codes.isIcd10(cd.getSystem())) {
                secCode |= Codes.isIcdSecondary(cd.getCode());
                primCode |= Codes.isIcdPrimary(cd.getCode());
            } else if (Codes.SNOMED.equals(cd.getSystem()) && cd.getCode() != null) {
                secCode |= Codes.SCT_SECONDARY.contains(cd.getCode());
                primCode |= Codes.SCT_PRIMARY.contains(cd.getCode());
            }
        }
        boolean conflict = (primProfile && secProfile) || (primProfile && secCode) || (secProfile && primCode && !secCode);
        if (conflict) {
            r.warn("", rec.name(c), "MAP-COND-2", "the Condition's profile and code disagree (primary or"
                    + " metastasis): used as neither");
            return;
        }
        boolean secondary = secProfile || secCode;
        boolean primary = !secondary && (primProfile || primCode);
        if (!secondary && !primary) {
            return;               // not a cancer condition: comorbidities are not read
        }
        String ver = code(c.getVerificationStatus(), "condition-ver-status");
        if ("entered-in-error".equals(ver) || "refuted".equals(ver)) {
            r.info("", rec.name(c), "MAP-COND-1", "Condition " + ver + ": dropped");
            return;
        }
        if (ver == null) {
            r.info("", rec.name(c), "MAP-COND-3", "Condition without verificationStatus: read as confirmed");
        } else if (UNCONFIRMED.contains(ver)) {
            if (primary) {
                r.warn("", rec.name(c), "MAP-COND-4", "primary cancer Condition " + ver + ": not used");
                return;
            }
            switch (o.unconfirmedMetastases()) {
                case IGNORE -> {
                    r.warn("", rec.name(c), "MAP-COND-4", "metastasis " + ver + ": ignored (unconfirmedMetastases"
                            + " = IGNORE)");
                    return;
                }
                case COUNT -> r.warn("", rec.name(c), "MAP-COND-4", "metastasis " + ver + ": counted"
                        + " (unconfirmedMetastases = COUNT)");
                case UNKNOWN -> unconfirmed.add(c);
            }
        }
        (secondary ? secondaries : primaries).add(c);
    }

    // ================================================================ conditions and the primary

    /** Splits the metastases into current and prior; notes what makes the lesion set unknown. */
    private void conditions() {
        for (Condition c : secondaries) {
            String clinical = code(c.getClinicalStatus(), "condition-clinical");
            boolean abated = abated(c);
            if (clinical != null && CURRENT.contains(clinical)) {
                if (abated) {
                    lesionSetUnknown.add(rec.name(c) + " is " + clinical + " but has an abatement (FHIR con-4)");
                    continue;
                }
                if (unconfirmed.contains(c)) {
                    lesionSetUnknown.add(rec.name(c) + " is not confirmed (unconfirmedMetastases = UNKNOWN)");
                    continue;
                }
                currentSecondaries.add(c);
            } else if ((clinical != null && NOT_CURRENT.contains(clinical)) || abated) {
                priorSecondaries.add(c);
            } else {
                lesionSetUnknown.add(rec.name(c) + " has no clinicalStatus: current or not is unknown");
            }
        }
    }

    private boolean abated(Condition c) {
        if (!c.hasAbatement()) {
            return false;
        }
        Type a = c.getAbatement();
        LocalDate d = Dates.start(a, org.mltrules.fhir.FhirCaseMapper.PartialDates.FIRST_DAY);
        if (a instanceof Period p) {
            d = p.hasEnd() ? Dates.end(p, org.mltrules.fhir.FhirCaseMapper.PartialDates.FIRST_DAY) : d;
        }
        if (a instanceof BooleanType b) {
            return Boolean.TRUE.equals(b.getValue());
        }
        return d == null || asOf == null || !d.isAfter(asOf);
    }

    private Condition linkedPrimary(Condition secondary) {
        for (Extension e : Records.extensions(secondary, Codes.X_CONDITION_RELATED)) {
            if (e.getValue() instanceof Reference ref) {
                Resource target = rec.resolve(ref, secondary);
                if (target instanceof Condition c) {
                    return c;
                }
            }
        }
        return null;
    }

    private void choosePrimary() {
        if (o.primaryConditionId() != null) {
            for (Condition c : primaries) {
                if (o.primaryConditionId().equals(Records.idPart(c))) {
                    primary = c;
                    r.info("", rec.name(c), "MAP-PRIMARY-2", "primary named by the caller");
                }
            }
            if (primary == null) {
                r.warn("", null, "MAP-PRIMARY-2", "the primary named by the caller is not a primary cancer"
                        + " Condition of the bundle");
            }
        }
        if (primary == null && primaries.size() == 1) {
            primary = primaries.get(0);
        } else if (primary == null && primaries.size() > 1) {
            Set<Condition> referenced = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            boolean unlinked = false;
            for (Condition s : currentSecondaries) {
                Condition p = linkedPrimary(s);
                if (p != null && primaries.contains(p)) {
                    referenced.add(p);
                } else {
                    unlinked = true;
                }
            }
            if (referenced.size() == 1 && !unlinked) {
                primary = referenced.iterator().next();
                r.info("", rec.name(primary), "MAP-PRIMARY-1", "the primary that every current metastasis"
                        + " references");
            } else if (!currentSecondaries.isEmpty()) {
                Condition malignant = onlyMalignant();
                if (malignant != null && referenced.size() <= 1
                        && (referenced.isEmpty() || referenced.contains(malignant))) {
                    primary = malignant;
                    r.info("", rec.name(primary), "MAP-PRIMARY-1", "the only primary with malignant (/3)"
                            + " behaviour");
                } else {
                    StringBuilder names = new StringBuilder();
                    for (Condition c : primaries) {
                        names.append(names.length() > 0 ? ", " : "").append(rec.name(c));
                    }
                    r.error(rec.path(primaries.get(1)), "MAP-PRIMARY-1", "several candidate primaries with"
                            + " metastases (" + names + "): link each metastasis to its primary"
                            + " (condition-related) or name the primary (primaryConditionId)");
                }
            } else {
                r.warn("", null, "MAP-PRIMARY-1", "several primary cancer Conditions and no current metastasis:"
                        + " none chosen");
            }
        }
        if (primaries.isEmpty()) {
            r.warn("", null, "MAP-PRIMARY-3", "no primary cancer Condition in the bundle");
        }
    }

    private Condition onlyMalignant() {
        Condition found = null;
        for (Condition c : primaries) {
            List<String> codes = new ArrayList<>();
            for (Extension e : Records.extensions(c, Codes.X_HISTOLOGY)) {
                if (e.getValue() instanceof CodeableConcept cc) {
                    for (Coding cd : cc.getCoding()) {
                        if (Codes.isIcdO3(cd.getSystem()) && normalise(cd.getCode()) != null) {
                            codes.add(normalise(cd.getCode()));
                        }
                    }
                }
            }
            if (codes.isEmpty()) {
                return null;            // behaviour unknown: cannot tell
            }
            boolean malignant = codes.stream().allMatch(s -> s.endsWith("/3"));
            boolean benign = codes.stream().allMatch(s -> s.matches("\\d{4}/[012]"));
            if (malignant) {
                if (found != null) {
                    return null;
                }
                found = c;
            } else if (!benign) {
                return null;
            }
        }
        return found;
    }

    /** Whether a metastasis belongs to the chosen primary (or is unlinked with a single primary). */
    private boolean ofPrimary(Condition secondary) {
        Condition p = linkedPrimary(secondary);
        if (p == null) {
            return primaries.size() <= 1;
        }
        return p == primary || (primary == null && primaries.isEmpty());
    }

    // ================================================================ histology and primary date

    private static final Pattern MORPHOLOGY = Pattern.compile("^(\\d{4})(?:/(\\d)(?:\\s?\\d)?|(\\d))$");

    /** ICD-O-3 morphology normalised to {@code HHHH/B}; null when malformed. */
    static String normalise(String code) {
        if (code == null) {
            return null;
        }
        Matcher m = MORPHOLOGY.matcher(code.trim());
        if (!m.matches()) {
            return null;
        }
        return m.group(1) + "/" + (m.group(2) != null ? m.group(2) : m.group(3));
    }

    private record MorphologySource(String code, String raw, Resource resource, String path) { }

    private void histology() {
        if (primary == null) {
            r.unknown(CaseField.HISTOLOGY, null, "MAP-HISTOLOGY-0", "no primary cancer Condition chosen: record one"
                    + " with the histology extension (ICD-O-3)");
            return;
        }
        List<MorphologySource> sources = new ArrayList<>();
        boolean otherMorphology = false;
        for (Extension e : Records.extensions(primary, Codes.X_HISTOLOGY)) {
            if (e.getValue() instanceof CodeableConcept cc) {
                String path = rec.path(primary) + ".extension[" + Records.extensionIndex(primary, e)
                        + "].valueCodeableConcept";
                for (Coding cd : cc.getCoding()) {
                    if (Codes.isIcdO3(cd.getSystem())) {
                        sources.add(new MorphologySource(normalise(cd.getCode()), cd.getCode(), primary, path));
                    } else {
                        otherMorphology = true;
                    }
                }
            }
        }
        for (Observation ob : observations) {
            boolean histologyObs = Codes.has(ob.getCode(), Codes.LOINC, Codes.LOINC_HISTOLOGY)
                    || Records.hasProfile(ob, Codes.P_HISTOLOGY_OBS);
            if (!histologyObs || !relatesTo(ob, primary)) {
                continue;
            }
            if (ob.getValue() instanceof CodeableConcept cc) {
                for (Coding cd : cc.getCoding()) {
                    if (Codes.isIcdO3(cd.getSystem())) {
                        sources.add(new MorphologySource(normalise(cd.getCode()), cd.getCode(), ob,
                                rec.path(ob) + ".valueCodeableConcept"));
                    } else {
                        otherMorphology = true;
                    }
                }
            }
        }
        // A carcinoma, melanoma or lymphoma primary is out of scope, whatever the other sources say.
        if (o.rejectNonSarcomaPrimary()) {
            for (MorphologySource s : sources) {
                if (s.code() != null && nonSarcoma(s.code())) {
                    r.error(s.path(), "MAP-HISTOLOGY-6", "the primary is not a sarcoma (ICD-O-3 morphology in the"
                            + " carcinoma, melanoma or haematolymphoid range); mlt-rules covers sarcoma only");
                    return;
                }
            }
        }
        String source = sourcesOf(sources);
        if (!sources.isEmpty()) {
            for (MorphologySource s : sources) {
                if (s.code() == null) {
                    r.unknown(CaseField.HISTOLOGY, rec.name(s.resource()), "MAP-HISTOLOGY-2", "malformed ICD-O-3"
                            + " morphology code: expected HHHH/B (e.g. 8890/3)");
                    return;
                }
            }
            Set<String> codes = new LinkedHashSet<>();
            for (MorphologySource s : sources) {
                codes.add(s.code());
            }
            if (codes.size() > 1) {
                r.unknown(CaseField.HISTOLOGY, source, "MAP-HISTOLOGY-5", "the histology sources disagree ("
                        + String.join(", ", codes) + ")");
                return;
            }
            String code = codes.iterator().next();
            if (code.endsWith("/6")) {
                if (o.inferBehaviourFromMetastasis()) {
                    r.warn(CaseField.HISTOLOGY, source, "MAP-HISTOLOGY-3", "behaviour /6 (metastatic site) read as /3"
                            + " (inferBehaviourFromMetastasis)");
                    code = code.substring(0, 5) + "3";
                } else {
                    r.unknown(CaseField.HISTOLOGY, source, "MAP-HISTOLOGY-3", "behaviour /6 describes a metastatic"
                            + " site, not the primary: record the primary's morphology (/3)");
                    return;
                }
            }
            if (Histology.resolve(code).isEmpty()) {
                r.unknown(CaseField.HISTOLOGY, source, "MAP-HISTOLOGY-3", "behaviour " + code.substring(4)
                        + " is not malignant (/3, or 8936/1 for GIST)");
                return;
            }
            histologyValue = code;
            r.set(CaseField.HISTOLOGY, source, "MAP-HISTOLOGY-1", code + " (ICD-O-3"
                    + (sources.size() > 1 ? ", " + sources.size() + " sources agree" : "") + ")");
            return;
        }
        for (Coding cd : primary.getCode().getCoding()) {
            if (Codes.isIcd10(cd.getSystem()) && cd.getCode() != null && cd.getCode().startsWith("C49.A")) {
                histologyValue = Histology.GIST.name();
                r.set(CaseField.HISTOLOGY, rec.name(primary), "MAP-HISTOLOGY-4", "GIST (ICD-10-CM " + cd.getCode()
                        + ", no ICD-O-3 morphology)");
                return;
            }
        }
        r.unknown(CaseField.HISTOLOGY, rec.name(primary), "MAP-HISTOLOGY-0", otherMorphology
                ? "only a non-ICD-O-3 (e.g. SNOMED) morphology: record the ICD-O-3 code in the histology extension"
                : "no ICD-O-3 morphology: record it in the primary's histology extension");
    }

    private String sourcesOf(List<MorphologySource> sources) {
        Set<String> names = new LinkedHashSet<>();
        for (MorphologySource s : sources) {
            names.add(rec.name(s.resource()));
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static boolean nonSarcoma(String code) {
        int h = Integer.parseInt(code.substring(0, 4));
        return (h >= 8010 && h <= 8679) || (h >= 8720 && h <= 8799) || (h >= 9590 && h <= 9999);
    }

    private boolean relatesTo(DomainResource res, Resource target) {
        for (Extension e : Records.extensions(res, Codes.X_RELATED_CONDITION)) {
            if (e.getValue() instanceof Reference ref && rec.resolve(ref, res) == target) {
                return true;
            }
        }
        if (res instanceof Observation ob) {
            for (Reference f : ob.getFocus()) {
                if (rec.resolve(f, ob) == target) {
                    return true;
                }
            }
        }
        return false;
    }

    private void primaryDate() {
        if (primary == null) {
            r.unknown(CaseField.PRIMARY_DIAGNOSIS_DATE, null, "MAP-PDATE-0", "no primary cancer Condition chosen");
            return;
        }
        String name = rec.name(primary);
        Type onset = primary.getOnset();
        LocalDate d = Dates.start(onset, o.partialDates());
        String why = null;
        if (d != null) {
            primaryDate = d;
            r.set(CaseField.PRIMARY_DIAGNOSIS_DATE, name, "MAP-PDATE-1", d + " (onset)" + partialNote(onset));
            return;
        }
        if (onset != null && !onset.isEmpty()) {
            why = onset instanceof BaseDateTimeType || onset instanceof Period ? "the onset is coarser than a day"
                    : "the onset is an age, range or text";
        }
        for (Extension e : Records.extensions(primary, Codes.X_ASSERTED_DATE)) {
            if (e.getValue() instanceof BaseDateTimeType dt) {
                d = Dates.day(dt, o.partialDates());
                if (d != null) {
                    primaryDate = d;
                    r.set(CaseField.PRIMARY_DIAGNOSIS_DATE, name, "MAP-PDATE-2", d + " (condition-assertedDate"
                            + (why == null ? "" : "; " + why) + ")");
                    return;
                }
            }
        }
        if (o.allowRecordedDate() && primary.hasRecordedDateElement()) {
            d = Dates.day(primary.getRecordedDateElement(), o.partialDates());
            if (d != null) {
                primaryDate = d;
                r.set(CaseField.PRIMARY_DIAGNOSIS_DATE, name, "MAP-PDATE-3", d + " (recordedDate, allowRecordedDate)");
                r.warn(CaseField.PRIMARY_DIAGNOSIS_DATE, name, "MAP-PDATE-3",
                        "the record's creation date stands in for the"
                        + " diagnosis date");
                return;
            }
        }
        r.unknown(CaseField.PRIMARY_DIAGNOSIS_DATE, name, "MAP-PDATE-0", (why == null ? "no onset" : why)
                + " and no assertedDate: record the diagnosis date (onsetDateTime) as a full date");
    }

    private String partialNote(Type t) {
        boolean partial = (t instanceof BaseDateTimeType dt && Dates.isPartial(dt))
                || (t instanceof Period p && Dates.isPartial(p.getStartElement()));
        return partial ? "; written coarser than a day, read as its first day (partialDates = FIRST_DAY)" : "";
    }

    // ================================================================ lesions

    private void lesions() {
        for (BodyStructure t : tumours) {
            boolean linked = false;
            for (Extension e : Records.extensions(t, Codes.X_RELATED_CONDITION)) {
                if (e.getValue() instanceof Reference ref) {
                    Resource target = rec.resolve(ref, t);
                    linked = true;
                    if (target != null && primaries.contains(target)) {
                        r.info("", rec.name(t), "MAP-LESIONS-7", "Tumor of the primary: not a metastasis");
                    }
                }
            }
            if (!linked) {
                r.warn("", rec.name(t), "MAP-LESIONS-7", "Tumor without relatedCondition: ignored");
            }
        }
        Integer explicit = null;
        Observation explicitSource = null;
        Fact f = fact(CaseField.LESIONS, null);
        if (f != null && f.value() instanceof Integer n) {
            if (n == 0) {
                explicit = 0;
                explicitSource = f.source();
            } else {
                r.warn(CaseField.LESIONS, rec.name(f.source()), "MAP-LOCAL-3", "local fact lesions: only 0 (no distant"
                        + " metastasis) is read; other counts come from the lesions themselves");
            }
        }
        List<Condition> current = new ArrayList<>();
        for (Condition c : currentSecondaries) {
            if (ofPrimary(c)) {
                current.add(c);
            } else {
                Condition p = linkedPrimary(c);
                if (p == null) {
                    lesionSetUnknown.add(rec.name(c) + " is linked to no primary while the bundle has several");
                } else {
                    r.info("", rec.name(c), "MAP-LESIONS-6", "metastasis of another primary: not read");
                }
            }
        }
        if (explicit != null) {
            if (!current.isEmpty()) {
                r.warn(CaseField.LESIONS, rec.name(explicitSource), "MAP-LOCAL-2", "the local fact lesions = 0"
                        + " disagrees with " + current.size() + " current metastasis Condition(s); the explicit fact"
                        + " wins");
            }
            lesions = List.of();
            r.set(CaseField.LESIONS, rec.name(explicitSource), "MAP-LESIONS-0",
                    "[] (no distant metastasis, local fact)");
            return;
        }
        if (!lesionSetUnknown.isEmpty()) {
            r.unknown(CaseField.LESIONS, null, "MAP-LESIONS-2", lesionSetUnknown.get(0)
                    + (lesionSetUnknown.size() > 1 ? " (and " + (lesionSetUnknown.size() - 1) + " more)" : ""));
            return;
        }
        if (current.isEmpty()) {
            r.unknown(CaseField.LESIONS, null, "MAP-LESIONS-1", "no current metastasis Condition: the absence of a"
                    + " record is not 'no metastasis'; record lesions = 0 (local fact) when there is none");
            return;
        }
        List<Draft> drafts = new ArrayList<>();
        List<String> unknownBecause = new ArrayList<>();
        for (Condition c : current) {
            List<BodyStructure> own = new ArrayList<>();
            for (BodyStructure t : tumours) {
                if (relatesTo(t, c)) {
                    if (t.hasActive() && !t.getActive()) {
                        r.info("", rec.name(t), "MAP-LESIONS-4", "Tumor marked inactive: not a current lesion");
                    } else if (inFullRemission(t)) {
                        r.info("", rec.name(t), "MAP-LESIONS-4", "Tumor in full remission: not a current lesion");
                    } else {
                        own.add(t);
                    }
                }
            }
            if (own.isEmpty()) {
                if (o.conditionWithoutTumour() == ConditionWithoutTumour.ONE_LESION) {
                    Draft d = new Draft();
                    d.condition = c;
                    d.target = c;
                    d.id = Records.idPart(c);
                    d.idSource = rec.path(c) + ".id";
                    drafts.add(d);
                    r.info(CaseField.LESIONS, rec.name(c), "MAP-LESIONS-5", "a Condition without Tumor read as one"
                            + " lesion (conditionWithoutTumour = ONE_LESION)");
                } else {
                    unknownBecause.add(rec.name(c) + " has no Tumor BodyStructure: mCODE records metastases per"
                            + " site, so the number of lesions is unknown; add one Tumor per lesion");
                }
                continue;
            }
            for (BodyStructure t : own) {
                Draft d = new Draft();
                d.tumour = t;
                d.condition = c;
                d.target = t;
                lesionId(d, t);
                drafts.add(d);
            }
        }
        if (!unknownBecause.isEmpty()) {
            r.unknown(CaseField.LESIONS, null, "MAP-LESIONS-3", unknownBecause.get(0)
                    + (unknownBecause.size() > 1 ? " (and " + (unknownBecause.size() - 1) + " more)" : ""));
            return;
        }
        if (drafts.size() > 100) {
            r.error("Bundle.entry", "MAP-LESIONS-9", "more than 100 current lesions (" + drafts.size()
                    + "): the case format allows at most 100");
            return;
        }
        Map<String, Draft> ids = new LinkedHashMap<>();
        for (Draft d : drafts) {
            if (d.id == null || d.id.isEmpty() || d.id.length() > 128) {
                r.error(d.idSource, "MAP-LESIONS-8", "a lesion id must have 1-128 characters");
                continue;
            }
            if (unfit(d.id) != null) {
                r.error(d.idSource, "MAP-LESIONS-8", "a lesion id " + unfit(d.id));
                continue;
            }
            if (ids.containsKey(d.id)) {
                r.error(d.idSource, "MAP-LESIONS-8", "lesion id collision: two current lesions have the same id");
                continue;
            }
            ids.put(d.id, d);
        }
        if (r.hasErrors()) {
            return;
        }
        for (Draft d : drafts) {
            site(d);
        }
        List<String> unsited = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.site == null) {
                unsited.add(d.id);
            }
        }
        if (!unsited.isEmpty()) {
            r.unknown(CaseField.LESIONS, null, "MAP-SITE-0", "the site of lesion(s) " + String.join(", ", unsited)
                    + " is unknown, and a case lesion needs a site (see the site notes); record the site"
                    + " (Tumor.location or a local fact lesions[].site)");
            return;
        }
        for (Draft d : drafts) {
            firstSeenAndImaging(d);
        }
        lesions = drafts;
        r.set(CaseField.LESIONS, names(current), "MAP-LESIONS-10", drafts.size() + " current lesion(s)");
    }

    private String names(List<? extends Resource> list) {
        Set<String> out = new LinkedHashSet<>();
        for (Resource res : list) {
            out.add(rec.name(res));
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }

    private void lesionId(Draft d, BodyStructure t) {
        List<Identifier> ids = t.getIdentifier();
        for (int i = 0; i < ids.size(); i++) {
            Identifier id = ids.get(i);
            if (id.hasValue() && id.hasType() && Codes.hasAny(id.getType(), "http://hl7.org/fhir/resource-types",
                    Set.of("BodyStructure"))) {
                d.id = id.getValue();
                d.idSource = rec.path(t) + ".identifier[" + i + "].value";
                return;
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).hasValue()) {
                d.id = ids.get(i).getValue();
                d.idSource = rec.path(t) + ".identifier[" + i + "].value";
                return;
            }
        }
        d.id = Records.idPart(t);
        d.idSource = rec.path(t) + ".id";
    }

    private boolean inFullRemission(BodyStructure t) {
        Observation latest = null;
        LocalDate latestDate = null;
        for (Observation ob : observations) {
            if (isDiseaseStatus(ob) && focusedOn(ob, t)) {
                LocalDate d = Dates.start(ob.getEffective(), o.partialDates());
                if (latest == null || (d != null && (latestDate == null || d.isAfter(latestDate)))) {
                    latest = ob;
                    latestDate = d;
                }
            }
        }
        return latest != null && latest.getValue() instanceof CodeableConcept cc
                && Codes.hasAny(cc, Codes.SNOMED, Codes.SCT_FULL_REMISSION);
    }

    private boolean focusedOn(Observation ob, Resource target) {
        for (Reference f : ob.getFocus()) {
            if (rec.resolve(f, ob) == target) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDiseaseStatus(Observation ob) {
        return Codes.hasAny(ob.getCode(), Codes.LOINC, Codes.LOINC_DISEASE_STATUS)
                || Records.hasProfile(ob, Codes.P_DISEASE_STATUS);
    }

    private static boolean isTumourSize(Observation ob) {
        return Codes.has(ob.getCode(), Codes.LOINC, Codes.LOINC_TUMOR_SIZE) || Records.hasProfile(ob, Codes.P_TUMOR_SIZE);
    }

    private static boolean imagingMethod(Observation ob) {
        return Codes.hasAny(ob.getMethod(), Codes.SNOMED, Codes.SCT_IMAGING);
    }

    private static boolean imagingEvidence(Observation ob) {
        for (Extension e : Records.extensions(ob, Codes.X_EVIDENCE_TYPE)) {
            if (e.getValue() instanceof CodeableConcept cc && Codes.hasAny(cc, Codes.SNOMED, Codes.SCT_IMAGING)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- sites

    private record Found(SiteCode code, String from) { }

    private void site(Draft d) {
        Fact f = fact(CaseField.LESION_SITE, d.target);
        if (f != null && f.value() instanceof String s) {
            try {
                d.site = Site.valueOf(s);
                d.laterality = laterality(d, List.of());
                r.info(CaseField.LESION_SITE, rec.name(f.source()), "MAP-SITE-9", "lesion " + d.id
                        + ": site " + s + " from a local fact");
                return;
            } catch (IllegalArgumentException e) {
                r.warn(CaseField.LESION_SITE, rec.name(f.source()), "MAP-LOCAL-4", "unknown site name"
                        + " in a local fact: ignored");
            }
        }
        List<Found> found = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        boolean conflict = false;
        if (d.tumour != null && d.tumour.hasLocation()) {
            conflict |= concept(d.tumour.getLocation(), "Tumor.location", found, unmapped);
        }
        for (CodeableConcept bs : d.condition.getBodySite()) {
            conflict |= concept(bs, "Condition.bodySite", found, unmapped);
        }
        conflict |= concept(d.condition.getCode(), "Condition.code", found, unmapped);
        if (!unmapped.isEmpty()) {
            r.warn(CaseField.LESION_SITE, rec.name(d.target), "MAP-SITE-8", "lesion " + d.id
                    + ": code(s) not in the site table: " + String.join(", ", unmapped)
                    + " (extend the table, or record the site as a local fact)");
        }
        String why = null;
        Site site = null;
        Set<String> groups = new LinkedHashSet<>();
        List<SiteClass> classes = new ArrayList<>();
        boolean marrow = false;
        boolean ambiguous = false;
        for (Found x : found) {
            SiteClass c = x.code().site();
            if (c == SiteClass.MARROW) {
                marrow = true;
            } else if (c == SiteClass.AMBIGUOUS) {
                ambiguous = true;
            } else if (c != SiteClass.NOT_IMPLIED) {
                groups.add(c.group());
                classes.add(c);
            }
        }
        if (conflict || groups.size() > 1) {
            why = "the codes name different sites";
        } else if (marrow) {
            why = "bone-marrow disease is not a discrete lesion";
        } else if (groups.isEmpty()) {
            why = ambiguous ? "the codes do not name one site" : "no site code";
        } else if ("BONE".equals(groups.iterator().next())) {
            Set<Site> specific = EnumSet.noneOf(Site.class);
            for (SiteClass c : classes) {
                if (c == SiteClass.BONE_SPINE) {
                    specific.add(Site.BONE_SPINE);
                } else if (c == SiteClass.BONE_OTHER) {
                    specific.add(Site.BONE_OTHER);
                } else if (c == SiteClass.SACRUM) {
                    specific.add(o.sacrumIsSpine() ? Site.BONE_SPINE : Site.BONE_OTHER);
                }
            }
            if (specific.size() > 1) {
                why = "the codes say both spine and other bone";
            } else if (specific.size() == 1) {
                site = specific.iterator().next();
            } else if (o.unspecifiedBone() == UnspecifiedBone.BONE_OTHER) {
                site = Site.BONE_OTHER;
                r.warn(CaseField.LESION_SITE, rec.name(d.target), "MAP-SITE-3", "lesion " + d.id
                        + ": bone of unspecified site read as BONE_OTHER (unspecifiedBone = BONE_OTHER)");
            } else {
                why = "bone, but spine or other bone is not said (a centre may not ablate the spine)";
            }
        } else if ("NODE".equals(groups.iterator().next())) {
            Set<SiteClass> basins = EnumSet.noneOf(SiteClass.class);
            boolean distant = false;
            for (SiteClass c : classes) {
                if (c == SiteClass.LYMPH_NODE_DISTANT) {
                    distant = true;
                } else if (c != SiteClass.NODE) {
                    basins.add(c);
                }
            }
            if (distant && basins.isEmpty()) {
                site = Site.LYMPH_NODE_DISTANT;
            } else if (basins.size() != 1) {
                why = basins.isEmpty() ? "lymph node of unnamed basin: regional or distant is unknown"
                        : "several nodal basins";
            } else if (o.regionalNodeBasins() == RegionalNodeBasins.EXPLICIT_ONLY) {
                why = "regional or distant node is read only from a local fact (regionalNodeBasins = EXPLICIT_ONLY)";
            } else {
                Set<SiteClass> regional = regionalBasins();
                if (regional == null) {
                    why = "regional or distant node depends on the primary site, which is not known";
                } else {
                    SiteClass basin = basins.iterator().next();
                    site = regional.contains(basin) ? Site.LYMPH_NODE_REGIONAL : Site.LYMPH_NODE_DISTANT;
                    r.info(CaseField.LESION_SITE, rec.name(d.target), "MAP-SITE-4", "lesion " + d.id
                            + ": " + basin.name().substring(5).toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                            + " node read as " + site + " from the primary site (regional basin table)");
                }
            }
        } else {
            site = Site.valueOf(classes.get(0).name());
        }
        if (site == null) {
            r.warn(CaseField.LESION_SITE, rec.name(d.target), "MAP-SITE-0", "lesion " + d.id
                    + ": site unknown: " + why);
            return;
        }
        d.site = site;
        d.laterality = laterality(d, found);
    }

    /** Adds a concept's site codes; true when its own codings name different sites (FHIR: they must agree). */
    private boolean concept(CodeableConcept cc, String from, List<Found> found, List<String> unmapped) {
        Set<String> groups = new HashSet<>();
        for (Coding c : cc.getCoding()) {
            SiteCode sc = Codes.site(c);
            if (sc != null) {
                found.add(new Found(sc, from));
                if (sc.site() != SiteClass.NOT_IMPLIED && sc.site() != SiteClass.AMBIGUOUS) {
                    groups.add(sc.site().group());
                }
            } else if (Codes.isSiteSystem(c.getSystem()) && c.getCode() != null && "Condition.code".equals(from) == false) {
                unmapped.add(systemName(c.getSystem()) + " " + safeCode(c.getCode()));
            }
        }
        return groups.size() > 1;
    }

    private static String systemName(String system) {
        if (Codes.SNOMED.equals(system)) {
            return "SNOMED CT";
        }
        if (Codes.ICD10CM.equals(system)) {
            return "ICD-10-CM";
        }
        if (Codes.ICD10.equals(system)) {
            return "ICD-10";
        }
        return "ICD-O-3";
    }

    private static String safeCode(String code) {
        return code.matches("[A-Za-z0-9.\\-/]{1,32}") ? code : "(malformed)";
    }

    private Laterality laterality(Draft d, List<Found> found) {
        if (d.tumour != null) {
            for (CodeableConcept q : d.tumour.getLocationQualifier()) {
                if (Codes.has(q, Codes.SNOMED, Codes.SCT_BOTH_SIDES)) {
                    r.warn(CaseField.LESION_LATERALITY, rec.name(d.tumour), "MAP-LAT-2", "lesion " + d.id
                            + ": 'right and left' on one lesion: laterality left unknown");
                    return null;
                }
                for (Coding c : q.getCoding()) {
                    if (Codes.SNOMED.equals(c.getSystem()) && c.getCode() != null && Codes.SCT_LATERALITY.containsKey(c.getCode())) {
                        return Codes.SCT_LATERALITY.get(c.getCode());
                    }
                }
            }
        }
        for (CodeableConcept bs : d.condition.getBodySite()) {
            for (Extension e : bs.getExtensionsByUrl(Codes.X_LATERALITY)) {
                if (e.getValue() instanceof CodeableConcept cc) {
                    for (Coding c : cc.getCoding()) {
                        if (Codes.SNOMED.equals(c.getSystem()) && c.getCode() != null && Codes.SCT_LATERALITY.containsKey(c.getCode())) {
                            return Codes.SCT_LATERALITY.get(c.getCode());
                        }
                    }
                }
            }
        }
        for (Found f : found) {
            if (f.code().laterality() != null) {
                return f.code().laterality();
            }
        }
        return null;
    }

    /** The regional node basins of the chosen primary's site, or null when its site is not known. */
    private Set<SiteClass> regionalBasins() {
        if (primary == null) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (CodeableConcept bs : primary.getBodySite()) {
            for (Coding c : bs.getCoding()) {
                if (Codes.isIcdO3(c.getSystem()) && c.getCode() != null) {
                    codes.add(c.getCode().trim().toUpperCase(java.util.Locale.ROOT));
                }
            }
        }
        for (Coding c : primary.getCode().getCoding()) {
            if (Codes.isIcd10(c.getSystem()) && c.getCode() != null) {
                codes.add(c.getCode().trim().toUpperCase(java.util.Locale.ROOT));
            }
        }
        Set<SiteClass> out = null;
        for (String c : codes) {
            Set<SiteClass> b = basinsFor(c);
            if (b != null) {
                if (out != null && !out.equals(b)) {
                    return null;       // the primary's site codes disagree
                }
                out = b;
            }
        }
        return out;
    }

    private static Set<SiteClass> basinsFor(String c) {
        if (c.startsWith("C49.0")) {
            return EnumSet.of(SiteClass.NODE_CERVICAL);
        }
        if (c.startsWith("C49.1") || c.startsWith("C40.0") || c.startsWith("C40.1")) {
            return EnumSet.of(SiteClass.NODE_AXILLARY);
        }
        if (c.startsWith("C49.2") || c.startsWith("C40.2") || c.startsWith("C40.3")) {
            return EnumSet.of(SiteClass.NODE_INGUINAL);
        }
        if (c.startsWith("C49.3")) {
            return EnumSet.of(SiteClass.NODE_INTRATHORACIC, SiteClass.NODE_AXILLARY);
        }
        if (c.startsWith("C49.4") || c.startsWith("C48.0") || c.startsWith("C49.A")) {
            return EnumSet.of(SiteClass.NODE_INTRA_ABDOMINAL);
        }
        if (c.matches("C(1[5-9]|2[01]).*")) {
            return EnumSet.of(SiteClass.NODE_INTRA_ABDOMINAL);
        }
        if (c.startsWith("C49.5")) {
            return EnumSet.of(SiteClass.NODE_INTRAPELVIC, SiteClass.NODE_INGUINAL);
        }
        if (c.startsWith("C54") || c.startsWith("C55")) {
            return EnumSet.of(SiteClass.NODE_INTRAPELVIC, SiteClass.NODE_INTRA_ABDOMINAL);
        }
        return null;
    }

    // ---------------------------------------------------------------- sizes, first seen, imaging

    private record Size(LocalDate date, Double mm, Observation source, String problem) { }

    private List<Size> sizes(Draft d) {
        List<Size> out = new ArrayList<>();
        for (Observation ob : observations) {
            if (!isTumourSize(ob) || !focusedOn(ob, d.target)) {
                continue;
            }
            if (ob.hasSpecimen()) {
                r.info("", rec.name(ob), "MAP-SIZE-4", "TumorSize of a removed specimen: not a lesion size");
                continue;
            }
            LocalDate date = Dates.start(ob.getEffective(), o.partialDates());
            if (ob.hasDataAbsentReason()) {
                continue;
            }
            Double mm = null;
            String problem = "no major-axis component (LOINC 33728-7)";
            for (Observation.ObservationComponentComponent c : ob.getComponent()) {
                if (Codes.has(c.getCode(), Codes.LOINC, Codes.LOINC_MAJOR_AXIS) && c.getValue() instanceof Quantity q) {
                    problem = null;
                    mm = millimetres(q);
                    if (mm == null) {
                        problem = "size in an unknown unit (mm or cm expected) or not positive";
                    }
                }
            }
            out.add(new Size(date, mm, ob, problem));
        }
        return out;
    }

    private static Double millimetres(Quantity q) {
        if (!q.hasValue()) {
            return null;
        }
        String unit = q.hasCode() && (q.getSystem() == null || Codes.UCUM.equals(q.getSystem())) ? q.getCode()
                : q.getUnit();
        BigDecimal v = q.getValue();
        if (v.signum() <= 0 || unit == null) {
            return null;
        }
        return switch (unit.trim()) {
            case "mm" -> v.doubleValue();
            case "cm" -> v.multiply(BigDecimal.TEN).doubleValue();
            default -> null;
        };
    }

    private void firstSeenAndImaging(Draft d) {
        LocalDate first = null;
        LocalDate imaging = null;
        for (Size s : sizes(d)) {
            first = Dates.min(first, s.date());
            if (imagingMethod(s.source())) {
                imaging = Dates.max(imaging, s.date());
            }
        }
        if (first == null) {
            first = Dates.start(d.condition.getOnset(), o.partialDates());
        }
        for (Observation ob : observations) {
            if (isDiseaseStatus(ob) && imagingEvidence(ob) && (focusedOn(ob, d.target)
                    || (d.tumour != null && focusedOn(ob, d.condition) && lesionsOf(d.condition) == 1))) {
                imaging = Dates.max(imaging, Dates.start(ob.getEffective(), o.partialDates()));
            }
        }
        d.firstSeen = first;
        d.latestImaging = imaging;
    }

    private int lesionsOf(Condition c) {
        int n = 0;
        if (lesions != null) {
            for (Draft d : lesions) {
                n += d.condition == c ? 1 : 0;
            }
            return n;
        }
        for (BodyStructure t : tumours) {
            n += relatesTo(t, c) ? 1 : 0;
        }
        return Math.max(n, 1);
    }

    // ================================================================ history

    private void history() {
        Fact poly = fact(CaseField.HISTORY_POLYMETASTATIC, null);
        Fact oligo = fact(CaseField.HISTORY_OLIGOMETASTATIC, null);
        Boolean derivedPoly = null;
        Boolean derivedOligo = null;
        String derivedRule;
        String derivedWhy;
        String derivedSource = null;

        Observation noHistory = null;
        List<String> evidence = new ArrayList<>();
        for (Observation ob : observations) {
            boolean hmc = Codes.has(ob.getCode(), Codes.SNOMED, Codes.SCT_HISTORY_METASTATIC)
                    || Codes.has(ob.getCode(), Codes.SNOMED, Codes.SCT_HISTORY_METASTATIC_LIVER)
                    || Records.hasProfile(ob, Codes.P_HISTORY);
            if (!hmc || ob.hasDataAbsentReason()) {
                continue;
            }
            if (ob.getValue() instanceof BooleanType b && Boolean.FALSE.equals(b.getValue())) {
                noHistory = ob;
            } else {
                evidence.add(rec.name(ob) + " (history of metastatic cancer)");
            }
        }
        LocalDate latestFirstSeen = null;
        LocalDate earliestFirstSeen = null;
        if (lesions != null) {
            for (Draft d : lesions) {
                latestFirstSeen = Dates.max(latestFirstSeen, d.firstSeen);
                earliestFirstSeen = Dates.min(earliestFirstSeen, d.firstSeen);
            }
        }
        List<Condition> prior = new ArrayList<>();
        for (Condition c : priorSecondaries) {
            if (!ofPrimary(c)) {
                continue;
            }
            LocalDate onset = Dates.start(c.getOnset(), o.partialDates());
            if (onset == null || latestFirstSeen == null || onset.isBefore(latestFirstSeen)) {
                prior.add(c);
                evidence.add(rec.name(c) + " (earlier metastasis)");
            }
        }
        for (Procedure p : procedures) {
            if (excludedProcedure(p)) {
                continue;
            }
            LocalDate done = Dates.start(p.getPerformed(), o.partialDates());
            for (Reference ref : p.getReasonReference()) {
                Resource target = rec.resolve(ref, p);
                if (target instanceof Condition c && secondaries.contains(c)) {
                    boolean earlier = priorSecondaries.contains(c)
                            || (done != null && earliestFirstSeen != null && done.isBefore(earliestFirstSeen));
                    if (earlier) {
                        evidence.add(rec.name(p) + " (treatment of an earlier metastasis)");
                    }
                }
            }
        }
        int concurrent = concurrentPriorLesions(prior);
        if (noHistory != null && evidence.isEmpty()) {
            derivedPoly = false;
            derivedOligo = false;
            derivedRule = "MAP-HISTORY-2";
            derivedSource = rec.name(noHistory);
            derivedWhy = "false (HistoryOfMetastaticCancer = false, no earlier metastasis in the record)";
        } else if (noHistory != null) {
            derivedRule = "MAP-HISTORY-5";
            derivedSource = rec.name(noHistory);
            derivedWhy = "HistoryOfMetastaticCancer = false contradicts " + evidence.get(0)
                    + ": state the history as local facts";
            r.warn("", derivedSource, "MAP-HISTORY-5", "'no history of metastatic cancer' contradicts "
                    + evidence.size() + " piece(s) of evidence of an earlier metastasis");
        } else if (concurrent > o.maxLesions()) {
            derivedPoly = true;
            derivedRule = "MAP-HISTORY-4";
            derivedWhy = concurrent + " earlier lesions present at the same time (more than maxLesions = "
                    + o.maxLesions() + ")";
            derivedSource = names(prior);
        } else if (!evidence.isEmpty()) {
            derivedRule = "MAP-HISTORY-3";
            derivedWhy = "an earlier metastatic episode is recorded (" + evidence.get(0)
                    + (evidence.size() > 1 ? " and " + (evidence.size() - 1) + " more" : "")
                    + "), but mCODE cannot say whether it was oligo- or polymetastatic: record it as a local fact";
        } else {
            derivedRule = "MAP-HISTORY-1";
            derivedWhy = "no explicit history (no HistoryOfMetastaticCancer, no local fact): the absence of a"
                    + " record is not 'no history'";
        }
        historyPoly = historyField(CaseField.HISTORY_POLYMETASTATIC, poly, derivedPoly, derivedRule, derivedWhy,
                derivedSource);
        String oligoWhy = derivedRule.equals("MAP-HISTORY-4")
                ? "polymetastatic history derived, but an oligometastatic episode before it cannot be excluded"
                : derivedWhy;
        historyOligo = historyField(CaseField.HISTORY_OLIGOMETASTATIC, oligo, derivedOligo, derivedRule, oligoWhy,
                derivedSource);
    }

    private Boolean historyField(CaseField field, Fact local, Boolean derived, String rule, String why, String source) {
        if (local != null && local.value() instanceof Boolean b) {
            if (derived != null && !derived.equals(b)) {
                r.warn(field, rec.name(local.source()), "MAP-LOCAL-2", "the local fact (" + b
                        + ") disagrees with the record (" + derived + "); the explicit fact wins");
            }
            r.set(field, rec.name(local.source()), "MAP-LOCAL-1", b + " (local fact)");
            return b;
        }
        if (derived != null) {
            r.set(field, source, rule, derived + (rule.equals("MAP-HISTORY-2") ? " (HistoryOfMetastaticCancer ="
                    + " false, no earlier metastasis in the record)" : " (" + why + ")"));
        } else {
            r.unknown(field, source, rule, why);
        }
        return derived;
    }

    /** The most earlier lesions present at one time (Tumors, or a condition as one lesion at least). */
    private int concurrentPriorLesions(List<Condition> prior) {
        List<LocalDate[]> spans = new ArrayList<>();
        for (Condition c : prior) {
            LocalDate onset = Dates.start(c.getOnset(), o.partialDates());
            LocalDate end = c.getAbatement() instanceof BaseDateTimeType a ? Dates.day(a, o.partialDates())
                    : c.getAbatement() instanceof Period p ? Dates.end(p, o.partialDates()) : null;
            int n = 0;
            for (BodyStructure t : tumours) {
                if (relatesTo(t, c)) {
                    n++;
                }
            }
            for (int i = 0; i < Math.max(n, 1); i++) {
                if (onset != null) {
                    spans.add(new LocalDate[] {onset, end == null ? onset : end});
                }
            }
        }
        int best = 0;
        for (LocalDate[] s : spans) {
            int count = 0;
            for (LocalDate[] t : spans) {
                if (!t[0].isAfter(s[0]) && !t[1].isBefore(s[0])) {
                    count++;
                }
            }
            best = Math.max(best, count);
        }
        return best;
    }

    // ================================================================ OMD date

    private void omdDate() {
        Fact f = fact(CaseField.OMD_DIAGNOSIS_DATE, null);
        if (f != null && f.value() instanceof LocalDate d) {
            omdDate = d;
            r.set(CaseField.OMD_DIAGNOSIS_DATE, rec.name(f.source()), "MAP-LOCAL-1", d + " (local fact)");
            return;
        }
        if (lesions == null || lesions.isEmpty()) {
            r.unknown(CaseField.OMD_DIAGNOSIS_DATE, null, "MAP-OMD-0", lesions == null ? "the lesion set is unknown"
                    : "no current lesion");
            return;
        }
        LocalDate earliest = null;
        LocalDate latest = null;
        for (Draft d : lesions) {
            if (d.firstSeen == null) {
                r.unknown(CaseField.OMD_DIAGNOSIS_DATE, rec.name(d.target), "MAP-OMD-0",
                        "lesion " + d.id + " has no dated"
                        + " TumorSize and its Condition no onset: record the OMD date as a local fact");
                return;
            }
            earliest = Dates.min(earliest, d.firstSeen);
            latest = Dates.max(latest, d.firstSeen);
        }
        LocalDate value;
        String rule;
        String how;
        boolean anyTrue = Boolean.TRUE.equals(historyPoly) || Boolean.TRUE.equals(historyOligo);
        if (Boolean.FALSE.equals(historyPoly) && Boolean.FALSE.equals(historyOligo)) {
            long spread = java.time.temporal.ChronoUnit.DAYS.between(earliest, latest);
            if (spread > o.deNovoOnsetWindowDays()) {
                r.unknown(CaseField.OMD_DIAGNOSIS_DATE, null, "MAP-OMD-1", "the lesions were first seen " + spread
                        + " days apart (more than deNovoOnsetWindowDays = " + o.deNovoOnsetWindowDays()
                        + "): a repeat OMD? state the history or the OMD date as local facts");
                return;
            }
            value = latest;
            rule = "MAP-OMD-1";
            how = "latest first-seen date of the current lesions (no earlier metastasis; spread " + spread + " days)";
        } else if (anyTrue) {
            LocalDate imaging = null;
            for (Draft d : lesions) {
                imaging = Dates.max(imaging, d.latestImaging);
            }
            value = Dates.max(imaging, latest);
            rule = "MAP-OMD-2";
            how = "latest imaging of the current lesions (earlier metastatic episode)";
        } else {
            value = latest;
            rule = "MAP-OMD-3";
            how = "latest first-seen date of the current lesions; provisional, because the history is unknown";
        }
        if (primaryDate != null && value.isBefore(primaryDate)) {
            r.unknown(CaseField.OMD_DIAGNOSIS_DATE, null, rule, "the derived date " + value + " is before the primary's"
                    + " diagnosis date: check the record, or state the OMD date as a local fact");
            return;
        }
        omdDate = value;
        r.set(CaseField.OMD_DIAGNOSIS_DATE, names(lesions.stream().map(d -> d.target).toList()), rule,
                value + " (" + how + ")");
    }

    // ================================================================ lesion details

    private void lesionDetails() {
        if (lesions == null) {
            return;
        }
        for (int i = 0; i < lesions.size(); i++) {
            Draft d = lesions.get(i);
            String name = rec.name(d.target);
            r.set(lesionPath(i, CaseField.LESION_ID), name, "MAP-LESIONS-11", d.id + (d.tumour != null
                    ? " (Tumor identifier)" : " (Condition id)"));
            r.set(lesionPath(i, CaseField.LESION_SITE), name, "MAP-SITE-1", d.site.name());
            if (d.laterality != null) {
                r.set(lesionPath(i, CaseField.LESION_LATERALITY), name, "MAP-LAT-1", d.laterality.name());
            } else {
                r.unknown(lesionPath(i, CaseField.LESION_LATERALITY), name, "MAP-LAT-0", "no laterality qualifier");
            }
            size(i, d);
            response(i, d);
            d.treatable = lesionBool(i, d, CaseField.LESION_SAFELY_TREATABLE);
            d.r0 = lesionBool(i, d, CaseField.LESION_RESECTABLE_R0);
            d.sabr = lesionBool(i, d, CaseField.LESION_SABR_CONSTRAINTS_ACHIEVABLE);
            irradiated(i, d);
            features(i, d);
        }
    }

    private void size(int i, Draft d) {
        String field = lesionPath(i, CaseField.LESION_SIZE_MM);
        List<Size> all = sizes(d);
        LocalDate latest = null;
        for (Size s : all) {
            latest = Dates.max(latest, s.date());
        }
        if (all.isEmpty()) {
            r.unknown(field, rec.name(d.target), "MAP-SIZE-0", "no TumorSize focused on this lesion");
            return;
        }
        List<Size> at = new ArrayList<>();
        for (Size s : all) {
            if (latest == null ? s.date() == null : latest.equals(s.date())) {
                at.add(s);
            }
        }
        Set<Double> values = new HashSet<>();
        for (Size s : at) {
            if (s.mm() == null) {
                r.unknown(field, rec.name(s.source()), "MAP-SIZE-2", s.problem());
                return;
            }
            values.add(s.mm());
        }
        if (values.size() > 1) {
            r.unknown(field, names(at.stream().map(Size::source).toList()), "MAP-SIZE-3", "different sizes on the"
                    + " same date");
            return;
        }
        d.sizeMm = values.iterator().next();
        r.set(field, rec.name(at.get(0).source()), "MAP-SIZE-1", fmt(d.sizeMm) + " mm (latest TumorSize"
                + (latest == null ? ", undated" : ", " + latest) + ")");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static final Map<String, Response> STATUS_RESPONSE = Map.of(
            "271299001", Response.PROGRESSING,
            "359746009", Response.STABLE,
            "268910001", Response.RESPONDING,
            "709137006", Response.NOT_ASSESSABLE,
            "551001000124108", Response.RESPONDING,
            "103337004", Response.RESPONDING);

    private void response(int i, Draft d) {
        String field = lesionPath(i, CaseField.LESION_RESPONSE);
        Fact f = fact(CaseField.LESION_RESPONSE, d.target);
        if (f != null && f.value() instanceof Response resp) {
            d.response = resp;
            r.set(field, rec.name(f.source()), "MAP-RESP-1", resp + " (local fact)");
            return;
        }
        if (omdDate == null) {
            r.unknown(field, rec.name(d.target), "MAP-RESP-0", "the OMD date is unknown, so the response window"
                    + " is too");
            return;
        }
        LocalDate from = omdDate.minusDays(o.responseWindowDays());
        // b. CancerDiseaseStatus on the lesion (or on its condition when that condition holds this lesion only)
        Map<LocalDate, Set<Response>> byDate = new TreeMap<>();
        Map<LocalDate, List<Observation>> sources = new TreeMap<>();
        boolean siteLevelIgnored = false;
        for (Observation ob : observations) {
            if (!isDiseaseStatus(ob) || !(ob.getValue() instanceof CodeableConcept cc)) {
                continue;
            }
            boolean onLesion = focusedOn(ob, d.target);
            boolean onCondition = d.tumour != null && focusedOn(ob, d.condition);
            if (!onLesion && !onCondition) {
                continue;
            }
            if (!onLesion && lesionsOf(d.condition) > 1) {
                siteLevelIgnored = true;
                continue;
            }
            LocalDate date = Dates.start(ob.getEffective(), o.partialDates());
            if (date == null || date.isBefore(from)) {
                continue;
            }
            String c = Codes.code(cc, Codes.SNOMED);
            Response resp = c == null ? null : STATUS_RESPONSE.get(c);
            if (resp != null) {
                byDate.computeIfAbsent(date, k -> EnumSet.noneOf(Response.class)).add(resp);
                sources.computeIfAbsent(date, k -> new ArrayList<>()).add(ob);
            }
        }
        if (siteLevelIgnored) {
            r.info(field, rec.name(d.condition), "MAP-RESP-2", "a disease status on a site with several lesions"
                    + " does not say which one changed: not copied to lesion " + d.id);
        }
        if (!byDate.isEmpty()) {
            LocalDate last = ((TreeMap<LocalDate, Set<Response>>) byDate).lastKey();
            Set<Response> values = byDate.get(last);
            if (values.size() > 1) {
                r.unknown(field, names(sources.get(last)), "MAP-RESP-2", "different disease statuses on " + last);
                return;
            }
            d.response = values.iterator().next();
            r.set(field, names(sources.get(last)), "MAP-RESP-2", d.response + " (CancerDiseaseStatus of " + last + ")");
            return;
        }
        // c. NEW: first seen on the current imaging, with earlier imaging after the primary's diagnosis
        if (d.firstSeen != null && !d.firstSeen.isBefore(from) && primaryDate != null) {
            Resource evidence = earlierImaging(primaryDate, d.firstSeen);
            if (evidence != null) {
                d.response = Response.NEW;
                r.set(field, rec.name(evidence), "MAP-RESP-3", "NEW (first seen " + d.firstSeen
                        + "; earlier imaging after the primary's diagnosis did not show it)");
                return;
            }
        }
        // d. sizes, by option
        if (o.sizeBasedResponse()) {
            Response resp = sizeTrend(d);
            if (resp != null) {
                d.response = resp;
                r.set(field, rec.name(d.target), "MAP-RESP-4", resp + " (two TumorSizes; sizeBasedResponse)");
                return;
            }
        }
        r.unknown(field, rec.name(d.target), "MAP-RESP-0", "no disease status of this lesion since "
                + from + ", and NEW is not provable: record a CancerDiseaseStatus focused on the Tumor");
    }

    /** Imaging of the patient strictly between two dates: the evidence that a lesion is new. */
    private Resource earlierImaging(LocalDate after, LocalDate before) {
        for (Observation ob : observations) {
            boolean imaging = (isTumourSize(ob) && imagingMethod(ob)) || (isDiseaseStatus(ob) && imagingEvidence(ob));
            LocalDate d = Dates.start(ob.getEffective(), o.partialDates());
            if (imaging && d != null && d.isAfter(after) && d.isBefore(before)) {
                return ob;
            }
        }
        for (DiagnosticReport dr : reports) {
            boolean imaging = false;
            for (CodeableConcept c : dr.getCategory()) {
                imaging |= Codes.hasAny(c, "http://terminology.hl7.org/CodeSystem/v2-0074",
                        Set.of("RAD", "CT", "CUS", "NMR", "NMS", "OUS", "RUS", "VUS", "XRC"))
                        || Codes.has(c, Codes.LOINC, "LP29684-5");
            }
            LocalDate d = Dates.start(dr.getEffective(), o.partialDates());
            String st = dr.getStatusElement().getValueAsString();
            if (imaging && in(OBS_OK, st) && d != null && d.isAfter(after) && d.isBefore(before)) {
                return dr;
            }
        }
        for (ImagingStudy s : studies) {
            LocalDate d = Dates.day(s.getStartedElement(), o.partialDates());
            String st = s.getStatusElement().getValueAsString();
            if ("available".equals(st) && d != null && d.isAfter(after) && d.isBefore(before)) {
                return s;
            }
        }
        return null;
    }

    private Response sizeTrend(Draft d) {
        List<Size> dated = new ArrayList<>();
        for (Size s : sizes(d)) {
            if (s.date() != null && s.mm() != null) {
                dated.add(s);
            }
        }
        dated.sort(Comparator.comparing(Size::date));
        if (dated.size() < 2) {
            return null;
        }
        Size last = dated.get(dated.size() - 1);
        Size prev = null;
        for (int k = dated.size() - 2; k >= 0; k--) {
            if (dated.get(k).date().isBefore(last.date())) {
                prev = dated.get(k);
                break;
            }
        }
        if (prev == null) {
            return null;
        }
        double delta = last.mm() - prev.mm();
        if (delta >= 5 && delta >= 0.2 * prev.mm()) {
            return Response.PROGRESSING;
        }
        if (-delta >= 0.3 * prev.mm()) {
            return Response.RESPONDING;
        }
        return Response.STABLE;
    }

    private Boolean lesionBool(int i, Draft d, CaseField lesionField) {
        String field = lesionPath(i, lesionField);
        Fact f = fact(lesionField, d.target);
        if (f != null && f.value() instanceof Boolean b) {
            r.set(field, rec.name(f.source()), "MAP-LOCAL-1", b + " (local fact)");
            return b;
        }
        r.unknown(field, rec.name(d.target), "MAP-LOCAL-0", "an MDT judgement mCODE has no element for: record"
                + " it as a local fact (code " + lesionField.path() + ", focus the Tumor)");
        return null;
    }

    private void irradiated(int i, Draft d) {
        String field = lesionPath(i, CaseField.LESION_PREVIOUSLY_IRRADIATED);
        Fact f = fact(CaseField.LESION_PREVIOUSLY_IRRADIATED, d.target);
        if (f != null && f.value() instanceof Boolean b) {
            d.irradiated = b;
            r.set(field, rec.name(f.source()), "MAP-LOCAL-1", b + " (local fact)");
            return;
        }
        String overlap = null;
        for (Procedure p : procedures) {
            boolean radiotherapy = Codes.has(p.getCode(), Codes.SNOMED, Codes.SCT_RADIOTHERAPY_COURSE)
                    || Records.hasProfile(p, Codes.P_RADIOTHERAPY);
            String st = p.getStatusElement().getValueAsString();
            if (!radiotherapy || "not-done".equals(st) || "entered-in-error".equals(st)) {
                continue;
            }
            LocalDate done = Dates.start(p.getPerformed(), o.partialDates());
            if (done == null) {
                continue;
            }
            for (Reference ref : p.getReasonReference()) {
                if (rec.resolve(ref, p) == d.condition) {
                    if (lesionsOf(d.condition) == 1) {
                        d.irradiated = true;
                        r.set(field, rec.name(p), "MAP-IRR-1", "true (radiotherapy course for this lesion's"
                                + " condition, " + done + ")");
                        return;
                    }
                    overlap = rec.name(p) + " treated this site, which holds several lesions";
                }
            }
            if (overlap == null && d.site != null) {
                for (CodeableConcept bs : p.getBodySite()) {
                    for (Coding c : bs.getCoding()) {
                        SiteCode sc = Codes.site(c);
                        if (sc != null && sc.site().name().equals(d.site.name())) {
                            overlap = rec.name(p) + " irradiated the same organ";
                        }
                    }
                }
            }
        }
        r.unknown(field, rec.name(d.target), "MAP-IRR-0", overlap != null ? "possible overlap: " + overlap
                + "; record previouslyIrradiated as a local fact" : "no radiotherapy course linked to this lesion;"
                + " 'false' needs a local fact");
    }

    private void features(int i, Draft d) {
        String field = lesionPath(i, CaseField.LESION_FEATURES);
        List<Observation> facts = lesionFacts(CaseField.LESION_FEATURES, d.target);
        Observation latest = latest(facts);
        if (latest == null) {
            r.unknown(field, rec.name(d.target), "MAP-LOCAL-0", "no features fact: record one local fact with a"
                    + " component per feature (all nine)");
            return;
        }
        Map<Feature, Boolean> seen = new java.util.EnumMap<>(Feature.class);
        for (Observation.ObservationComponentComponent c : latest.getComponent()) {
            String name = Codes.code(c.getCode(), o.localEnumSystem());
            if (name == null || !(c.getValue() instanceof BooleanType b) || b.getValue() == null) {
                continue;
            }
            try {
                seen.put(Feature.valueOf(name), b.getValue());
            } catch (IllegalArgumentException e) {
                r.warn(field, rec.name(latest), "MAP-LOCAL-4", "unknown feature name in a local fact: ignored");
            }
        }
        if (seen.size() < Feature.values().length) {
            r.unknown(field, rec.name(latest), "MAP-LOCAL-5", "the features fact states " + seen.size() + " of "
                    + Feature.values().length + " features; a feature list must be complete");
            return;
        }
        Set<Feature> present = EnumSet.noneOf(Feature.class);
        seen.forEach((k, v) -> {
            if (v) {
                present.add(k);
            }
        });
        d.features = present;
        r.set(field, rec.name(latest), "MAP-LOCAL-1", present + " (local fact)");
    }

    private List<Lesion> buildLesions() {
        List<Lesion> out = new ArrayList<>();
        for (Draft d : lesions) {
            out.add(Lesion.builder(d.id, d.site).laterality(d.laterality).sizeMm(d.sizeMm).response(d.response)
                    .safelyTreatable(d.treatable).resectableR0(d.r0).sabrConstraintsAchievable(d.sabr)
                    .previouslyIrradiated(d.irradiated).features(d.features).build());
        }
        return out;
    }

    // ================================================================ systemic therapy

    private record Exposure(LocalDate start, LocalDate end, boolean open, DrugClass drug, Resource source) {
        boolean endUnknown() {
            return end == null && !open;
        }
    }

    private SystemicTherapy therapy() {
        List<Exposure> exposures = new ArrayList<>();
        for (MedicationAdministration ma : administrations) {
            String st = ma.getStatusElement().getValueAsString();
            if (!in(Set.of("completed", "in-progress", "stopped"), st)) {
                r.info("", rec.name(ma), "MAP-STATUS-2", "MedicationAdministration with status " + statusText(st)
                        + ": ignored");
                continue;
            }
            DrugClass drug = drugOf(ma.getMedication(), ma);
            if (!anticancer(drug, ma, ma.getReasonReference(), ma.getReasonCode(), Codes.P_MED_ADMIN)) {
                continue;
            }
            Type eff = ma.getEffective();
            LocalDate start = Dates.start(eff, o.partialDates());
            LocalDate end = Dates.end(eff, o.partialDates());
            boolean open = eff instanceof Period p && !p.hasEnd() && "in-progress".equals(st);
            exposures.add(new Exposure(start, end, open, drug, ma));
        }
        for (MedicationRequest mr : requests) {
            String st = mr.getStatusElement().getValueAsString();
            String intent = mr.getIntentElement().getValueAsString();
            if (!in(Set.of("active", "completed", "stopped", "on-hold"), st)
                    || in(Set.of("proposal", "plan", "option"), intent)) {
                r.info("", rec.name(mr), "MAP-STATUS-3", "MedicationRequest with status " + statusText(st)
                        + " and intent " + statusText(intent) + ": ignored");
                continue;
            }
            DrugClass drug = drugOf(mr.getMedication(), mr);
            if (!anticancer(drug, mr, mr.getReasonReference(), mr.getReasonCode(), Codes.P_MED_REQUEST)) {
                continue;
            }
            LocalDate start = null;
            LocalDate end = null;
            for (Dosage dose : mr.getDosageInstruction()) {
                Type bounds = dose.getTiming().getRepeat().getBounds();
                if (bounds instanceof Period p) {
                    start = Dates.min(start, Dates.day(p.getStartElement(), o.partialDates()));
                    end = Dates.max(end, p.hasEnd() ? Dates.day(p.getEndElement(), o.partialDates()) : null);
                } else if (bounds instanceof Duration du) {
                    LocalDate s = Dates.day(mr.getAuthoredOnElement(), o.partialDates());
                    end = Dates.max(end, plus(s, du));
                }
            }
            if (start == null) {
                start = Dates.day(mr.getAuthoredOnElement(), o.partialDates());
            }
            boolean open = end == null && "active".equals(st);
            exposures.add(new Exposure(start, end, open, drug, mr));
        }
        return therapyOn(exposures);
    }

    private static LocalDate plus(LocalDate start, Duration d) {
        if (start == null || !d.hasValue() || d.getValue().signum() < 0) {
            return null;
        }
        long n;
        try {
            n = d.getValue().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
        String unit = d.hasCode() ? d.getCode() : d.getUnit();
        if (unit == null) {
            return null;
        }
        return switch (unit) {
            case "d" -> start.plusDays(n);
            case "wk" -> start.plusWeeks(n);
            case "mo" -> start.plusMonths(n);
            case "a" -> start.plusYears(n);
            default -> null;
        };
    }

    private DrugClass drugOf(Type medication, DomainResource from) {
        if (medication instanceof CodeableConcept cc) {
            return Codes.drug(cc);
        }
        if (medication instanceof Reference ref && rec.resolve(ref, from) instanceof Medication m) {
            return Codes.drug(m.getCode());
        }
        return null;
    }

    /** Whether a medication record is systemic anticancer therapy; supportive drugs and other drugs are not. */
    private boolean anticancer(DrugClass drug, DomainResource res, List<Reference> reasons,
                               List<CodeableConcept> reasonCodes, String profile) {
        if (drug != null && drug.supportive()) {
            r.info("", rec.name(res), "MAP-THERAPY-6", "supportive drug: not systemic anticancer therapy");
            return false;
        }
        if (drug != null) {
            return true;
        }
        boolean cancer = Records.hasProfile(res, profile);
        for (Reference ref : reasons) {
            Resource t = rec.resolve(ref, res);
            cancer |= t != null && (primaries.contains(t) || secondaries.contains(t));
        }
        for (CodeableConcept cc : reasonCodes) {
            for (Coding c : cc.getCoding()) {
                cancer |= Codes.isIcd10(c.getSystem()) && (Codes.isIcdPrimary(c.getCode()) || Codes.isIcdSecondary(c.getCode()));
                cancer |= Codes.SNOMED.equals(c.getSystem()) && c.getCode() != null
                        && (Codes.SCT_PRIMARY.contains(c.getCode()) || Codes.SCT_SECONDARY.contains(c.getCode()));
            }
        }
        if (cancer) {
            r.warn(CaseField.SYSTEMIC_THERAPY_STATUS, rec.name(res), "MAP-THERAPY-5",
                    "cancer-related drug not in the drug"
                    + " table: its kind is unknown");
        }
        return cancer;
    }

    private SystemicTherapy therapyOn(List<Exposure> exposures) {
        Fact fStatus = fact(CaseField.SYSTEMIC_THERAPY_STATUS, null);
        Fact fLast = fact(CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE, null);
        Fact fKind = fact(CaseField.SYSTEMIC_THERAPY_KIND, null);
        TherapyStatus status = null;
        LocalDate lastDose = null;
        TherapyKind kind = null;
        String rule;
        String why;
        String source = null;
        derive:
        {
            if (omdDate == null) {
                rule = "MAP-THERAPY-0";
                why = "the OMD date is unknown, so therapy at that date is too";
                break derive;
            }
            LocalDate dd = omdDate;
            List<Exposure> ongoing = new ArrayList<>();
            List<Exposure> maybe = new ArrayList<>();
            List<Exposure> past = new ArrayList<>();
            for (Exposure e : exposures) {
                if (e.start() == null) {
                    maybe.add(e);
                    continue;
                }
                if (e.start().isAfter(dd)) {
                    continue;
                }
                boolean contains = e.open() || (e.end() != null && !e.end().isBefore(dd));
                if (e.drug() == null) {
                    if (contains || e.endUnknown()) {
                        maybe.add(e);
                    } else {
                        past.add(e);
                    }
                } else if (contains) {
                    ongoing.add(e);
                } else {
                    past.add(e);
                }
            }
            if (!ongoing.isEmpty()) {
                status = TherapyStatus.ONGOING;
                kind = bestKind(ongoing);
                rule = "MAP-THERAPY-1";
                source = names(ongoing.stream().map(Exposure::source).toList());
                why = "exposure on the OMD date " + dd;
            } else if (!maybe.isEmpty()) {
                rule = "MAP-THERAPY-5";
                source = names(maybe.stream().map(Exposure::source).toList());
                why = "a cancer drug that is undated or not in the drug table may have been given on the OMD date";
            } else if (!past.isEmpty()) {
                status = TherapyStatus.STOPPED;
                Exposure latestStart = past.stream().max(Comparator.comparing(Exposure::start)).get();
                if (latestStart.endUnknown()) {
                    lastDose = null;
                } else {
                    for (Exposure e : past) {
                        if (e.end() != null && !e.end().isAfter(dd)) {
                            lastDose = Dates.max(lastDose, e.end());
                        }
                    }
                }
                Exposure last = past.stream().filter(e -> e.drug() != null)
                        .max(Comparator.comparing((Exposure e) -> e.end() == null ? e.start() : e.end())
                                .thenComparing(Exposure::start)).orElse(null);
                kind = last == null ? null : last.drug().kind();
                rule = "MAP-THERAPY-2";
                source = names(past.stream().map(Exposure::source).toList());
                why = "exposure before the OMD date " + dd + ", none on it";
            } else if (o.medicationRecordComplete()) {
                status = TherapyStatus.NONE;
                rule = "MAP-THERAPY-3";
                why = "no exposure before the OMD date (medicationRecordComplete)";
            } else {
                rule = "MAP-THERAPY-4";
                why = "no cancer medication before the OMD date; its absence is not 'no therapy': record"
                        + " systemicTherapy.status as a local fact, or declare the record complete";
            }
        }
        TherapyStatus derivedStatus = status;
        if (fStatus != null && fStatus.value() instanceof TherapyStatus ts) {
            if (derivedStatus != null && derivedStatus != ts) {
                r.warn(CaseField.SYSTEMIC_THERAPY_STATUS, rec.name(fStatus.source()), "MAP-LOCAL-2",
                        "the local fact (" + ts
                        + ") disagrees with the medication record (" + derivedStatus + "); the explicit fact wins");
            }
            status = ts;
            if (ts != derivedStatus) {
                lastDose = null;
                kind = null;
            }
            r.set(CaseField.SYSTEMIC_THERAPY_STATUS, rec.name(fStatus.source()), "MAP-LOCAL-1", ts + " (local fact)");
        } else if (status != null) {
            r.set(CaseField.SYSTEMIC_THERAPY_STATUS, source, rule, status + " (" + why + ")");
        } else {
            r.unknown(CaseField.SYSTEMIC_THERAPY_STATUS, source, rule, why);
        }
        if (fLast != null && fLast.value() instanceof LocalDate ld) {
            lastDose = ld;
            r.set(CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE, rec.name(fLast.source()), "MAP-LOCAL-1",
                    ld + " (local fact)");
        } else if (status != TherapyStatus.STOPPED && status != null) {
            lastDose = null;
            r.notApplicable(CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE, "MAP-THERAPY-7", "used only with STOPPED");
        } else if (lastDose != null) {
            r.set(CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE, source, "MAP-THERAPY-2",
                    lastDose + " (end of the last exposure)");
        } else {
            r.unknown(CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE, source, "MAP-THERAPY-2",
                    status == null ? "therapy status unknown"
                    : "the end of the last exposure is not recorded");
        }
        if (fKind != null && fKind.value() instanceof TherapyKind tk) {
            kind = tk;
            r.set(CaseField.SYSTEMIC_THERAPY_KIND, rec.name(fKind.source()), "MAP-LOCAL-1", tk + " (local fact)");
        } else if (status == TherapyStatus.NONE) {
            kind = null;
            r.notApplicable(CaseField.SYSTEMIC_THERAPY_KIND, "MAP-THERAPY-7", "no therapy");
        } else if (kind != null) {
            r.set(CaseField.SYSTEMIC_THERAPY_KIND, source, "MAP-THERAPY-8", kind + " (drug table)");
        } else {
            r.unknown(CaseField.SYSTEMIC_THERAPY_KIND, source, "MAP-THERAPY-8",
                    status == null ? "therapy status unknown"
                    : "the drug is not in the drug table");
        }
        if (status == null && lastDose == null && kind == null) {
            return SystemicTherapy.UNKNOWN;
        }
        return new SystemicTherapy(status, lastDose, kind);
    }

    private static TherapyKind bestKind(List<Exposure> list) {
        TherapyKind best = null;
        for (Exposure e : list) {
            TherapyKind k = e.drug().kind();
            if (best == null || Codes.rank(k) < Codes.rank(best)) {
                best = k;
            }
        }
        return best;
    }

    // ================================================================ ECOG, labs, procedures

    private static final Map<String, Integer> ECOG_LA = Map.of("LA9622-7", 0, "LA9623-5", 1, "LA9624-3", 2,
            "LA9625-0", 3, "LA9626-8", 4, "LA9627-6", 5);

    private Integer ecog() {
        LocalDate from = (omdDate != null ? omdDate : asOf) == null ? null
                : (omdDate != null ? omdDate : asOf).minusDays(o.ecogLookbackDays());
        Integer v = scored(Codes.LOINC_ECOG, Codes.P_ECOG, from, this::ecogValue, "MAP-ECOG-1", "ECOG");
        if (v != null || r.hasField(CaseField.ECOG)) {
            return v;
        }
        if (o.karnofskyToEcog()) {
            v = scored(Codes.LOINC_KARNOFSKY, Codes.P_KARNOFSKY, from, this::karnofsky, "MAP-ECOG-2", "Karnofsky");
            if (v != null || r.hasField(CaseField.ECOG)) {
                return v;
            }
        }
        r.unknown(CaseField.ECOG, null, "MAP-ECOG-0", "no ECOG performance status (LOINC 89247-1) since " + from);
        return null;
    }

    private Integer ecogValue(Observation ob) {
        if (ob.getValue() instanceof IntegerType it && it.getValue() != null) {
            return it.getValue();
        }
        if (ob.getValue() instanceof CodeableConcept cc) {
            String la = Codes.code(cc, Codes.LOINC);
            if (la != null && ECOG_LA.containsKey(la)) {
                return ECOG_LA.get(la);
            }
        }
        if (ob.getValue() == null || ob.getValue().isEmpty()) {
            for (CodeableConcept cc : ob.getInterpretation()) {
                String la = Codes.code(cc, Codes.LOINC);
                if (la != null && ECOG_LA.containsKey(la)) {
                    return ECOG_LA.get(la);
                }
            }
        }
        return null;
    }

    private Integer karnofsky(Observation ob) {
        if (!(ob.getValue() instanceof IntegerType it) || it.getValue() == null) {
            return null;
        }
        int k = it.getValue();
        if (k < 10 || k > 100) {
            return 99;
        }
        return k >= 90 ? 0 : k >= 70 ? 1 : k >= 50 ? 2 : k >= 30 ? 3 : 4;
    }

    /** Latest valid score in the window; conflicts on the latest date leave it unknown. */
    private Integer scored(String loinc, String profile, LocalDate from, Function<Observation, Integer> value,
                           String rule, String what) {
        TreeMap<LocalDate, Map<Integer, Observation>> byDate = new TreeMap<>();
        for (Observation ob : observations) {
            if (!Codes.has(ob.getCode(), Codes.LOINC, loinc) && !Records.hasProfile(ob, profile)) {
                continue;
            }
            if (ob.hasDataAbsentReason()) {
                continue;
            }
            LocalDate d = Dates.end(ob.getEffective(), o.partialDates());
            if (d == null || (from != null && d.isBefore(from))) {
                continue;
            }
            Integer v = value.apply(ob);
            if (v == null) {
                continue;
            }
            byDate.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(v, ob);
        }
        if (byDate.isEmpty()) {
            return null;
        }
        Map.Entry<LocalDate, Map<Integer, Observation>> last = byDate.lastEntry();
        String src = names(new ArrayList<>(last.getValue().values()));
        if (last.getValue().size() > 1) {
            r.unknown(CaseField.ECOG, src, rule, "different " + what + " values on " + last.getKey());
            return null;
        }
        int v = last.getValue().keySet().iterator().next();
        if (v < 0 || v > 4) {
            r.unknown(CaseField.ECOG, src, rule, what + " value outside 0-4");
            return null;
        }
        r.set(CaseField.ECOG, src, rule, v + " (" + what + " of " + last.getKey()
                + (rule.equals("MAP-ECOG-2") ? ", converted approximately; karnofskyToEcog" : "") + ")");
        return v;
    }

    private Double lab(CaseField field, Set<String> loinc, boolean platelets) {
        LocalDate from = asOf == null ? null : asOf.minusDays(o.labLookbackDays());
        TreeMap<LocalDate, Map<Double, Observation>> byDate = new TreeMap<>();
        String unitProblem = null;
        for (Observation ob : observations) {
            if (!Codes.hasAny(ob.getCode(), Codes.LOINC, loinc) || ob.hasDataAbsentReason()
                    || !(ob.getValue() instanceof Quantity q) || !q.hasValue()) {
                continue;
            }
            LocalDate d = Dates.start(ob.getEffective(), o.partialDates());
            if (d == null || (from != null && d.isBefore(from))) {
                continue;
            }
            Double v = platelets ? platelets(q) : inr(q);
            if (v == null) {
                unitProblem = rec.name(ob);
                continue;
            }
            byDate.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(v, ob);
        }
        if (byDate.isEmpty()) {
            if (unitProblem != null) {
                r.unknown(field, unitProblem, "MAP-LAB-2", "a value in an unknown unit");
            } else {
                r.unknown(field, null, "MAP-LAB-0", "no result since " + from);
            }
            return null;
        }
        Map.Entry<LocalDate, Map<Double, Observation>> last = byDate.lastEntry();
        String src = names(new ArrayList<>(last.getValue().values()));
        if (last.getValue().size() > 1) {
            r.unknown(field, src, "MAP-LAB-3", "different values on " + last.getKey());
            return null;
        }
        double v = last.getValue().keySet().iterator().next();
        r.set(field, src, "MAP-LAB-1", fmt(v) + " (" + last.getKey() + ")");
        return v;
    }

    private static Double platelets(Quantity q) {
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        if (unit == null) {
            return null;
        }
        BigDecimal v = q.getValue();
        if (v.signum() < 0) {
            return null;
        }
        return switch (unit.trim()) {
            case "10*3/uL", "10*9/L", "/nL", "10^3/uL", "10^9/L" -> v.doubleValue();
            case "/uL", "/mm3" -> v.movePointLeft(3).doubleValue();
            default -> null;
        };
    }

    private static Double inr(Quantity q) {
        String unit = q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : null;
        if (unit != null && !Set.of("{INR}", "1", "INR", "{ratio}").contains(unit.trim())) {
            return null;
        }
        return q.getValue().signum() > 0 ? q.getValue().doubleValue() : null;
    }

    private boolean excludedProcedure(Procedure p) {
        String st = p.getStatusElement().getValueAsString();
        return "not-done".equals(st) || "entered-in-error".equals(st) || "preparation".equals(st) || st == null
                || "unknown".equals(st);
    }

    private Integer lungResections() {
        Fact f = fact(CaseField.PRIOR_LUNG_RESECTIONS, null);
        if (f != null && f.value() instanceof Integer n) {
            r.set(CaseField.PRIOR_LUNG_RESECTIONS, rec.name(f.source()), "MAP-LOCAL-1", n + " (local fact)");
            return n;
        }
        LocalDate before = omdDate != null ? omdDate : asOf;
        List<Procedure> found = new ArrayList<>();
        for (Procedure p : procedures) {
            if (!"completed".equals(p.getStatusElement().getValueAsString())) {
                continue;
            }
            boolean lung = Codes.hasAny(p.getCode(), Codes.SNOMED, Codes.SCT_LUNG_RESECTION);
            if (!lung && Codes.hasAny(p.getCode(), Codes.SNOMED, Codes.SCT_GENERIC_RESECTION)) {
                for (CodeableConcept bs : p.getBodySite()) {
                    lung |= Codes.hasAny(bs, Codes.SNOMED, Codes.SCT_LUNG);
                }
            }
            LocalDate d = Dates.start(p.getPerformed(), o.partialDates());
            if (lung && d != null && (before == null || d.isBefore(before))) {
                found.add(p);
                if (primaryDate != null && d.isBefore(primaryDate)) {
                    r.warn(CaseField.PRIOR_LUNG_RESECTIONS, rec.name(p), "MAP-LUNGRES-2", "a lung resection dated"
                            + " before the primary's diagnosis: counted, check the record");
                }
            }
        }
        if (!found.isEmpty()) {
            r.set(CaseField.PRIOR_LUNG_RESECTIONS, names(found), "MAP-LUNGRES-1", found.size()
                    + " (completed lung resections before the OMD date; a lower bound)");
            return found.size();
        }
        if (o.procedureRecordComplete()) {
            r.set(CaseField.PRIOR_LUNG_RESECTIONS, null, "MAP-LUNGRES-3", "0 (procedureRecordComplete)");
            return 0;
        }
        r.unknown(CaseField.PRIOR_LUNG_RESECTIONS, null, "MAP-LUNGRES-0", "no lung resection recorded; its absence is"
                + " not 0: record the count as a local fact, or declare the record complete");
        return null;
    }

    /**
     * The last local treatment of an earlier metastasis (rule set 1.1): a local fact, else the end of the latest
     * completed resection, ablation or radiotherapy course whose reason is an earlier (non-current) metastasis.
     */
    private LocalDate lastLocalTherapy() {
        Fact f = fact(CaseField.LAST_LOCAL_THERAPY_DATE, null);
        if (f != null && f.value() instanceof LocalDate d) {
            r.set(CaseField.LAST_LOCAL_THERAPY_DATE, rec.name(f.source()), "MAP-LOCAL-1", d + " (local fact)");
            return d;
        }
        LocalDate best = null;
        Procedure from = null;
        for (Procedure p : procedures) {
            boolean local = Records.hasProfile(p, Codes.P_SURGERY) || Records.hasProfile(p, Codes.P_RADIOTHERAPY)
                    || Codes.has(p.getCode(), Codes.SNOMED, Codes.SCT_RADIOTHERAPY_COURSE)
                    || Codes.has(p.getCategory(), Codes.SNOMED, Codes.SCT_SURGICAL_PROCEDURE);
            if (!local || !"completed".equals(p.getStatusElement().getValueAsString())) {
                continue;
            }
            boolean earlierMetastasis = false;
            for (Reference ref : p.getReasonReference()) {
                Resource t = rec.resolve(ref, p);
                earlierMetastasis |= t instanceof Condition c && priorSecondaries.contains(c);
            }
            LocalDate end = Dates.end(p.getPerformed(), o.partialDates());
            if (!earlierMetastasis || end == null || (omdDate != null && end.isAfter(omdDate))
                    || (primaryDate != null && end.isBefore(primaryDate))) {
                continue;
            }
            if (best == null || end.isAfter(best)) {
                best = end;
                from = p;
            }
        }
        if (best != null) {
            r.set(CaseField.LAST_LOCAL_THERAPY_DATE, rec.name(from), "MAP-LLT-1", best + " (end of the latest"
                    + " completed local treatment of an earlier metastasis)");
        } else if (Boolean.FALSE.equals(historyPoly) && Boolean.FALSE.equals(historyOligo)) {
            // A de-novo OMD counts its disease-free interval from the primary: asking the chart for this date would
            // be noise in the facts to record.
            r.notApplicable(CaseField.LAST_LOCAL_THERAPY_DATE, "MAP-LLT-2", "a de-novo OMD (no earlier"
                    + " oligometastatic or polymetastatic disease): its disease-free interval counts from the primary");
        } else {
            r.unknown(CaseField.LAST_LOCAL_THERAPY_DATE, null, "MAP-LLT-0", "no completed local treatment"
                    + " (resection, ablation, radiotherapy) of an earlier metastasis: record the date as a local fact");
        }
        return best;
    }

    // ================================================================ local facts

    /** A local fact's value (Boolean, Integer, Double, LocalDate, enum) and the Observation it came from. */
    private record Fact(Object value, Observation source) { }

    private Boolean boolFact(CaseField field) {
        Fact f = fact(field, null);
        if (f != null && f.value() instanceof Boolean b) {
            r.set(field, rec.name(f.source()), "MAP-LOCAL-1", b + " (local fact)");
            return b;
        }
        r.unknown(field, null, "MAP-LOCAL-0", "a judgement mCODE has no element for: record it as a local fact"
                + " (code " + field.path() + ")");
        return null;
    }

    private Double numberFact(CaseField field, String ucum) {
        Fact f = fact(field, null);
        if (f != null && f.value() instanceof Double v) {
            r.set(field, rec.name(f.source()), "MAP-LOCAL-1", fmt(v) + " (local fact)");
            return v;
        }
        r.unknown(field, null, "MAP-LOCAL-0", "mCODE has no element for it: record it as a local fact (code "
                + field.path() + ", valueQuantity in " + ucum + ")");
        return null;
    }

    /** The case fields a local fact may state (fhir-mapping section 1.5); the others come from mCODE only. */
    private static final Set<CaseField> CASE_FACTS = EnumSet.of(CaseField.OMD_DIAGNOSIS_DATE,
            CaseField.HISTORY_POLYMETASTATIC, CaseField.HISTORY_OLIGOMETASTATIC, CaseField.SYSTEMIC_THERAPY_STATUS,
            CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE, CaseField.SYSTEMIC_THERAPY_KIND, CaseField.MEDICALLY_OPERABLE,
            CaseField.DECLINES_SURGERY, CaseField.PULMONARY_RESERVE_ADEQUATE, CaseField.PARENCHYMA_SPARING_NEEDED,
            CaseField.TUMOUR_DOUBLING_TIME_DAYS, CaseField.LIFE_EXPECTANCY_MONTHS, CaseField.PRIOR_LUNG_RESECTIONS,
            CaseField.LESIONS, CaseField.LAST_LOCAL_THERAPY_DATE);
    private static final Set<CaseField> LESION_FACTS = EnumSet.of(CaseField.LESION_SITE,
            CaseField.LESION_SAFELY_TREATABLE, CaseField.LESION_RESECTABLE_R0,
            CaseField.LESION_SABR_CONSTRAINTS_ACHIEVABLE, CaseField.LESION_PREVIOUSLY_IRRADIATED,
            CaseField.LESION_FEATURES, CaseField.LESION_RESPONSE);

    private boolean localFactsChecked;

    private void checkLocalFacts() {
        if (localFactsChecked) {
            return;
        }
        localFactsChecked = true;
        for (Observation ob : localFacts) {
            String code = Codes.code(ob.getCode(), o.localFactSystem());
            CaseField field = code == null ? null : CaseField.byPath(code).orElse(null);
            if (!CASE_FACTS.contains(field) && !LESION_FACTS.contains(field)) {
                r.warn("", rec.name(ob), "MAP-LOCAL-4", "local fact with an unknown case field code: ignored");
            } else if (LESION_FACTS.contains(field) && ob.getFocus().isEmpty()) {
                r.warn(field, rec.name(ob), "MAP-LOCAL-4", "lesion fact without a focus (the Tumor): ignored");
            }
        }
    }

    private List<Observation> lesionFacts(CaseField field, Resource target) {
        checkLocalFacts();
        String code = field.path();
        List<Observation> out = new ArrayList<>();
        for (Observation ob : localFacts) {
            if (!code.equals(Codes.code(ob.getCode(), o.localFactSystem()))) {
                continue;
            }
            if (target == null ? ob.getFocus().isEmpty() : focusedOn(ob, target)) {
                out.add(ob);
            }
        }
        return out;
    }

    private Observation latest(List<Observation> list) {
        Observation best = null;
        LocalDate bestDate = null;
        for (Observation ob : list) {
            LocalDate d = Dates.start(ob.getEffective(), o.partialDates());
            if (best == null || (d != null && (bestDate == null || d.isAfter(bestDate)))) {
                best = ob;
                bestDate = d;
            }
        }
        return best;
    }

    /**
     * The value of a local fact ({@code target} null for a case-level fact, else the Tumor or condition the
     * lesion fact focuses on); null when there is none, when it says "unknown" (dataAbsentReason), when its value
     * has the wrong type, or when two facts of the latest date disagree (all reported).
     */
    private Fact fact(CaseField code, Resource target) {
        List<Observation> list = lesionFacts(code, target);
        if (list.isEmpty()) {
            return null;
        }
        TreeMap<LocalDate, List<Observation>> byDate = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Observation ob : list) {
            byDate.computeIfAbsent(Dates.start(ob.getEffective(), o.partialDates()), k -> new ArrayList<>()).add(ob);
        }
        List<Observation> last = byDate.lastEntry().getValue();
        Object value = null;
        Observation source = null;
        for (Observation ob : last) {
            if (ob.hasDataAbsentReason() || ob.getValue() == null || ob.getValue().isEmpty()) {
                r.info(code, rec.name(ob), "MAP-LOCAL-6", "local fact stated as unknown (dataAbsentReason)");
                return null;
            }
            Object v = localValue(code, ob);
            if (v == null) {
                r.warn(code, rec.name(ob), "MAP-LOCAL-4", "local fact whose value has the wrong type or name:"
                        + " ignored");
                return null;
            }
            if (value != null && !value.equals(v)) {
                r.warn(code, names(last), "MAP-LOCAL-7", "local facts of the same date disagree: left unknown");
                return null;
            }
            value = v;
            source = ob;
        }
        return new Fact(value, source);
    }

    private Object localValue(CaseField code, Observation ob) {
        Type v = ob.getValue();
        switch (code) {
            case OMD_DIAGNOSIS_DATE, SYSTEMIC_THERAPY_LAST_DOSE_DATE, LAST_LOCAL_THERAPY_DATE -> {
                return v instanceof BaseDateTimeType dt ? Dates.day(dt, o.partialDates()) : null;
            }
            case LESIONS, PRIOR_LUNG_RESECTIONS -> {
                return v instanceof IntegerType it && it.getValue() != null && it.getValue() >= 0 ? it.getValue() : null;
            }
            case TUMOUR_DOUBLING_TIME_DAYS, LIFE_EXPECTANCY_MONTHS -> {
                String unit = code == CaseField.TUMOUR_DOUBLING_TIME_DAYS ? "d" : "mo";
                if (v instanceof Quantity q && q.hasValue()) {
                    String u = q.hasCode() ? q.getCode() : q.getUnit();
                    return u == null || unit.equals(u) ? q.getValue().doubleValue() : null;
                }
                return v instanceof IntegerType it && it.getValue() != null ? it.getValue().doubleValue() : null;
            }
            case SYSTEMIC_THERAPY_STATUS -> {
                return enumValue(v, TherapyStatus.class);
            }
            case SYSTEMIC_THERAPY_KIND -> {
                return enumValue(v, TherapyKind.class);
            }
            case LESION_RESPONSE -> {
                Response resp = enumValue(v, Response.class);
                return resp != null ? resp : dicomResponse(v);
            }
            case LESION_SITE -> {
                Site s = enumValue(v, Site.class);
                return s == null ? null : s.name();
            }
            case LESION_FEATURES -> {
                return Boolean.TRUE;     // read from the components by features()
            }
            default -> {
                return v instanceof BooleanType b ? b.getValue() : null;
            }
        }
    }

    private <E extends Enum<E>> E enumValue(Type v, Class<E> type) {
        if (!(v instanceof CodeableConcept cc)) {
            return null;
        }
        String name = Codes.code(cc, o.localEnumSystem());
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** DICOM RECIST lesion responses (CID 6144): PD, SD, non-target incomplete, PR. */
    private static Response dicomResponse(Type v) {
        if (!(v instanceof CodeableConcept cc)) {
            return null;
        }
        String c = Codes.code(cc, Codes.DICOM);
        if (c == null) {
            return null;
        }
        return switch (c) {
            case "112042" -> Response.RESPONDING;
            case "112043", "112047" -> Response.PROGRESSING;
            case "112044", "112046" -> Response.STABLE;
            default -> null;
        };
    }
}
