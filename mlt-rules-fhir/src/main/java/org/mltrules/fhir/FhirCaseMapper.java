package org.mltrules.fhir;

import java.time.LocalDate;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.mltrules.fhir.internal.BundleMapping;
import org.mltrules.fhir.internal.Options;

/**
 * Maps one HL7 FHIR R4 Bundle that follows mCODE STU4 (4.0.0) to one case of mlt-rules, with a mapping report
 * that says where each fact came from or why it stays unknown. See docs/fhir-mapping.md for what is read from
 * where.
 *
 * <pre>{@code
 * FhirCaseMapper mapper = FhirCaseMapper.builder().build();               // once, shared by all threads
 * MappingResult result = mapper.map(bundleJson);                          // String or org.hl7.fhir.r4.model.Bundle
 * PatientCase c = result.patientCase().orElseThrow(() -> new IllegalStateException(result.errors().toString()));
 * Assessment a = MltRules.bundled().assess(c);                            // the same assessment as for a JSON case
 * List<String> toRecord = result.factsToRecord();                         // what the chart should say next time
 * }</pre>
 *
 * <p>Ground rules: the absence of a resource is never a negative ({@code lesions: []}, therapy {@code NONE} and a
 * {@code false} history need explicit evidence); judgements that mCODE has no element for come only from
 * local-code Observations (system {@value #DEFAULT_LOCAL_FACT_SYSTEM}, code = the case field path); dates are
 * calendar dates as written, never shifted through UTC; the record is read as of a date (the {@link
 * Builder#asOf argument}, else {@code Bundle.timestamp}, else the latest dated resource; never "today"), so the
 * same bundle always gives the same case.
 *
 * <p>{@code map} never throws for content: a bundle that cannot be mapped gives a result without a case and with
 * ERROR entries. Bundle limits, checked before HAPI parses anything: {@value #MAX_BUNDLE_BYTES} bytes of JSON
 * (10 MiB), {@value #MAX_ENTRIES} entries, JSON nesting depth {@value #MAX_DEPTH}. Nothing is logged above DEBUG.
 */
public final class FhirCaseMapper {

    /** Largest bundle accepted as JSON text, in bytes of UTF-8 (10 MiB). */
    public static final int MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
    /** Most entries accepted in one bundle. */
    public static final int MAX_ENTRIES = 5_000;
    /** Deepest JSON nesting accepted (objects and arrays). */
    public static final int MAX_DEPTH = 64;
    /** Default code system of local-fact Observations (code = case field path). */
    public static final String DEFAULT_LOCAL_FACT_SYSTEM = "urn:mlt-rules:case-field";
    /** Default code system of enum values in local facts (code = the enum name). */
    public static final String DEFAULT_LOCAL_ENUM_SYSTEM = "urn:mlt-rules:case-enum";

    /** Dates of coarser than day precision ({@code 2019}, {@code 2019-03}). */
    public enum PartialDates {
        /** The case date stays unknown (default). */
        UNKNOWN,
        /** The first day of the year or month (reported): shifts intervals, use only when a host accepts it. */
        FIRST_DAY
    }

    /** Metastases whose verification status is unconfirmed, provisional or differential. */
    public enum UnconfirmedMetastases {
        /** The lesion set stays unknown (default). */
        UNKNOWN,
        /** Counted as metastases (may make a case not oligometastatic). */
        COUNT,
        /** Ignored (may under-count). */
        IGNORE
    }

    /** A current metastasis Condition without Tumor BodyStructures. */
    public enum ConditionWithoutTumour {
        /** The lesion set stays unknown (default): mCODE conditions are per site, not per lesion. */
        UNKNOWN,
        /** Sender contract: such a condition is exactly one lesion, identified by the condition's id. */
        ONE_LESION
    }

    /** A bone metastasis whose site does not say spine or other bone. */
    public enum UnspecifiedBone {
        /** The lesion set stays unknown (default). */
        UNKNOWN,
        /** Read as {@code BONE_OTHER} (reported). */
        BONE_OTHER
    }

    /** Lymph-node metastases: regional or distant. */
    public enum RegionalNodeBasins {
        /** From the primary site's regional basins (default; each use reported). */
        TABLE,
        /** Only from a local fact {@code lesions[].site}. */
        EXPLICIT_ONLY
    }

    private final Options options;

    private FhirCaseMapper(Options options) {
        this.options = options;
    }

    /** A builder with the defaults of docs/fhir-mapping.md. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Maps a bundle given as JSON text. Limits are checked first, then HAPI parses it.
     *
     * @throws NullPointerException when {@code json} is null (a programming error, not content)
     */
    public MappingResult map(String json) {
        Objects.requireNonNull(json, "json must not be null");
        return BundleMapping.mapJson(json, options);
    }

    /**
     * Maps a bundle the host has already parsed with HAPI (R4). The entry limit applies; the byte and nesting
     * limits do not (the host parsed it).
     *
     * @throws NullPointerException when {@code bundle} is null
     */
    public MappingResult map(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle must not be null");
        return BundleMapping.mapBundle(bundle, options);
    }

    /** Builder of {@link FhirCaseMapper}; not thread-safe. Every option has the default of docs/fhir-mapping.md. */
    public static final class Builder {
        private final Options.Mutable o = new Options.Mutable();

        private Builder() {
        }

        /** Reads the record as it stood on this date (default: {@code Bundle.timestamp}, else latest resource). */
        public Builder asOf(LocalDate asOf) { o.asOf = asOf; return this; }

        /** The case id (default: {@code Bundle.identifier.value}, else {@code Bundle.id}); 1-128 characters. */
        public Builder caseId(String caseId) {
            if (caseId != null && (caseId.isEmpty() || caseId.length() > 128)) {
                throw new IllegalArgumentException("caseId must have 1-128 characters");
            }
            o.caseId = caseId;
            return this;
        }

        /** The primary Condition to use when several are candidates (its logical id, {@code abc}). */
        public Builder primaryConditionId(String id) { o.primaryConditionId = id; return this; }

        /** Code system of local-fact Observations; default {@value FhirCaseMapper#DEFAULT_LOCAL_FACT_SYSTEM}. */
        public Builder localFactSystem(String system) { o.localFactSystem = nonBlank(system, "localFactSystem"); return this; }

        /** Code system of enum values in local facts; default {@value FhirCaseMapper#DEFAULT_LOCAL_ENUM_SYSTEM}. */
        public Builder localEnumSystem(String system) { o.localEnumSystem = nonBlank(system, "localEnumSystem"); return this; }

        /** Use {@code Condition.recordedDate} as the primary's diagnosis date when nothing better exists; default false. */
        public Builder allowRecordedDate(boolean allow) { o.allowRecordedDate = allow; return this; }

        /** Dates coarser than a day; default {@link PartialDates#UNKNOWN}. */
        public Builder partialDates(PartialDates value) { o.partialDates = Objects.requireNonNull(value, "partialDates"); return this; }

        /** Unconfirmed metastases; default {@link UnconfirmedMetastases#UNKNOWN}. */
        public Builder unconfirmedMetastases(UnconfirmedMetastases value) { o.unconfirmedMetastases = Objects.requireNonNull(value, "unconfirmedMetastases"); return this; }

        /** A metastasis Condition without Tumors; default {@link ConditionWithoutTumour#UNKNOWN}. */
        public Builder conditionWithoutTumour(ConditionWithoutTumour value) { o.conditionWithoutTumour = Objects.requireNonNull(value, "conditionWithoutTumour"); return this; }

        /** Bone of unspecified site; default {@link UnspecifiedBone#UNKNOWN}. */
        public Builder unspecifiedBone(UnspecifiedBone value) { o.unspecifiedBone = Objects.requireNonNull(value, "unspecifiedBone"); return this; }

        /** Whether the sacrum counts as spine; default true. */
        public Builder sacrumIsSpine(boolean value) { o.sacrumIsSpine = value; return this; }

        /** Regional or distant nodes; default {@link RegionalNodeBasins#TABLE}. */
        public Builder regionalNodeBasins(RegionalNodeBasins value) { o.regionalNodeBasins = Objects.requireNonNull(value, "regionalNodeBasins"); return this; }

        /** De-novo metastases first seen within this many days make one OMD diagnosis; default 31. */
        public Builder deNovoOnsetWindowDays(int days) { o.deNovoOnsetWindowDays = nonNegative(days, "deNovoOnsetWindowDays"); return this; }

        /** ECOG is read from this many days before the OMD diagnosis; default 90. */
        public Builder ecogLookbackDays(int days) { o.ecogLookbackDays = nonNegative(days, "ecogLookbackDays"); return this; }

        /** Laboratory values are read from this many days before {@code asOf}; default 30. */
        public Builder labLookbackDays(int days) { o.labLookbackDays = nonNegative(days, "labLookbackDays"); return this; }

        /** A lesion status counts from this many days before the OMD diagnosis; default 30. */
        public Builder responseWindowDays(int days) { o.responseWindowDays = nonNegative(days, "responseWindowDays"); return this; }

        /** Derive a lesion's response from two sizes (a per-lesion use of RECIST thresholds); default false. */
        public Builder sizeBasedResponse(boolean value) { o.sizeBasedResponse = value; return this; }

        /** Convert a Karnofsky score to ECOG when no ECOG exists (approximate); default false. */
        public Builder karnofskyToEcog(boolean value) { o.karnofskyToEcog = value; return this; }

        /** The bundle holds every cancer medication: no exposure means therapy {@code NONE}; default false. */
        public Builder medicationRecordComplete(boolean value) { o.medicationRecordComplete = value; return this; }

        /** The bundle holds every surgery: no lung resection means 0; default false. */
        public Builder procedureRecordComplete(boolean value) { o.procedureRecordComplete = value; return this; }

        /** Read behaviour /6 (metastatic site) as /3 (malignant primary); default false. */
        public Builder inferBehaviourFromMetastasis(boolean value) { o.inferBehaviourFromMetastasis = value; return this; }

        /** A carcinoma, melanoma or haematolymphoid morphology is a mapping error; default true. */
        public Builder rejectNonSarcomaPrimary(boolean value) { o.rejectNonSarcomaPrimary = value; return this; }

        /** The rules' {@code maxLesions} (P2), used only to recognise a polymetastatic history; default 5. */
        public Builder maxLesions(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxLesions must be at least 1");
            }
            o.maxLesions = value;
            return this;
        }

        /** An immutable, thread-safe mapper. */
        public FhirCaseMapper build() {
            return new FhirCaseMapper(o.freeze());
        }

        private static String nonBlank(String s, String name) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return s;
        }

        private static int nonNegative(int v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return v;
        }
    }
}
