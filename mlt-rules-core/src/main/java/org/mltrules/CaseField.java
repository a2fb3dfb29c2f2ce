package org.mltrules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a case, in the order of the case format (version 1, {@code docs/case-format.md}): the one table
 * of their names, input paths, types and ranges. The JSON reader and writer, the validation, the facts the rules
 * read, the explanations and the synthetic-case generator all take the fields from here.
 *
 * <p>An input path names a field as the case format nests it: {@code ecog}, {@code history.polymetastatic},
 * {@code lesions[].sizeMm} (a lesion field, for every lesion; an error names one lesion as
 * {@code lesions[2].sizeMm}). The history and systemic-therapy objects are groups, not fields: their fields are.
 */
public enum CaseField {
    CASE_ID("caseId", Type.STRING, Range.NONE, true, null, null),
    /** ICD-O-3 morphology code or {@link Histology} name. */
    HISTOLOGY("histology", Type.HISTOLOGY, Range.NONE, false, null, null),
    PRIMARY_DIAGNOSIS_DATE("primaryDiagnosisDate", Type.DATE, Range.NONE, false, null, null),
    /** Not before {@link #PRIMARY_DIAGNOSIS_DATE}. */
    OMD_DIAGNOSIS_DATE("omdDiagnosisDate", Type.DATE, Range.NONE, false, null, null),
    HISTORY_POLYMETASTATIC("history.polymetastatic", Type.BOOLEAN, Range.NONE, false, null, null),
    HISTORY_OLIGOMETASTATIC("history.oligometastatic", Type.BOOLEAN, Range.NONE, false, null, null),
    SYSTEMIC_THERAPY_STATUS("systemicTherapy.status", Type.ENUM, Range.NONE, false, TherapyStatus.class,
            "therapy status"),
    /** Used only with {@link TherapyStatus#STOPPED}; then not after {@link #OMD_DIAGNOSIS_DATE}. */
    SYSTEMIC_THERAPY_LAST_DOSE_DATE("systemicTherapy.lastDoseDate", Type.DATE, Range.NONE, false, null, null),
    SYSTEMIC_THERAPY_KIND("systemicTherapy.kind", Type.ENUM, Range.NONE, false, TherapyKind.class, "therapy kind"),
    ECOG("ecog", Type.INTEGER, Range.between(0, 4), false, null, null),
    MEDICALLY_OPERABLE("medicallyOperable", Type.BOOLEAN, Range.NONE, false, null, null),
    DECLINES_SURGERY("declinesSurgery", Type.BOOLEAN, Range.NONE, false, null, null),
    PULMONARY_RESERVE_ADEQUATE("pulmonaryReserveAdequate", Type.BOOLEAN, Range.NONE, false, null, null),
    PARENCHYMA_SPARING_NEEDED("parenchymaSparingNeeded", Type.BOOLEAN, Range.NONE, false, null, null),
    PLATELETS_PER_NANOLITRE("plateletsPerNanolitre", Type.NUMBER, Range.atLeast(0), false, null, null),
    INR("inr", Type.NUMBER, Range.above(0), false, null, null),
    TUMOUR_DOUBLING_TIME_DAYS("tumourDoublingTimeDays", Type.NUMBER, Range.above(0), false, null, null),
    LIFE_EXPECTANCY_MONTHS("lifeExpectancyMonths", Type.NUMBER, Range.atLeast(0), false, null, null),
    PRIOR_LUNG_RESECTIONS("priorLungResections", Type.INTEGER, Range.atLeast(0), false, null, null),
    /**
     * Last local treatment (resection, ablation, SABR) of a previous metastasis; not before
     * {@link #PRIMARY_DIAGNOSIS_DATE}, not after {@link #OMD_DIAGNOSIS_DATE}. Read and checked since case format
     * version 1 (rule set 1.1 uses it for the disease-free interval); the 1.0 rules ignore it.
     */
    LAST_LOCAL_THERAPY_DATE("lastLocalTherapyDate", Type.DATE, Range.NONE, false, null, null),
    /** Every metastasis currently known: 0-{@value CaseLimits#MAX_LESIONS} lesions; absent = unknown. */
    LESIONS("lesions", Type.LESIONS, Range.between(0, CaseLimits.MAX_LESIONS), false, null, null),
    LESION_ID("lesions[].id", Type.STRING, Range.NONE, true, null, null),
    LESION_SITE("lesions[].site", Type.ENUM, Range.NONE, true, Site.class, "site"),
    LESION_LATERALITY("lesions[].laterality", Type.ENUM, Range.NONE, false, Laterality.class, "laterality"),
    LESION_SIZE_MM("lesions[].sizeMm", Type.NUMBER, Range.above(0), false, null, null),
    LESION_RESPONSE("lesions[].response", Type.ENUM, Range.NONE, false, Response.class, "response"),
    LESION_SAFELY_TREATABLE("lesions[].safelyTreatable", Type.BOOLEAN, Range.NONE, false, null, null),
    LESION_RESECTABLE_R0("lesions[].resectableR0", Type.BOOLEAN, Range.NONE, false, null, null),
    LESION_SABR_CONSTRAINTS_ACHIEVABLE("lesions[].sabrConstraintsAchievable", Type.BOOLEAN, Range.NONE, false, null,
            null),
    LESION_PREVIOUSLY_IRRADIATED("lesions[].previouslyIrradiated", Type.BOOLEAN, Range.NONE, false, null, null),
    /** The complete feature list; absent = unknown, {@code []} = none. */
    LESION_FEATURES("lesions[].features", Type.ENUM_SET, Range.NONE, false, Feature.class, "feature");

    /** The prefix of lesion fields' paths. */
    public static final String LESION_PREFIX = "lesions[].";

    /** What a field's value is, and its Java type in {@link PatientCase} and {@link Lesion}. */
    public enum Type {
        /** A string of 1-{@value CaseLimits#MAX_STRING_LENGTH} characters without control characters. */
        STRING(String.class),
        /** An ICD-O-3 morphology code or a {@link Histology} name ({@link Histology#resolve}). */
        HISTOLOGY(String.class),
        /** A calendar date ({@code 2024-05-02} in JSON). */
        DATE(LocalDate.class),
        BOOLEAN(Boolean.class),
        INTEGER(Integer.class),
        /** A finite number ({@link Double}). */
        NUMBER(Double.class),
        /** One name of the field's {@link #enumType()}. */
        ENUM(Enum.class),
        /** A set of names of the field's {@link #enumType()}. */
        ENUM_SET(java.util.Set.class),
        /** The list of lesions. */
        LESIONS(List.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The Java type of the field's value. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    /**
     * The range of a number, an integer or a count: {@code min} (inclusive unless {@code minExclusive}) and
     * {@code max} (inclusive); {@code null} for no bound.
     *
     * @param min          lower bound, or {@code null}
     * @param minExclusive whether the value must be greater than {@code min}
     * @param max          upper bound, inclusive, or {@code null}
     */
    public record Range(Double min, boolean minExclusive, Double max) {
        static final Range NONE = new Range(null, false, null);

        static Range between(double min, double max) {
            return new Range(min, false, max);
        }

        static Range atLeast(double min) {
            return new Range(min, false, null);
        }

        static Range above(double min) {
            return new Range(min, true, null);
        }

        /** Whether the value is inside the range. */
        public boolean contains(double value) {
            boolean aboveMin = min == null || (minExclusive ? value > min : value >= min);
            return aboveMin && (max == null || value <= max);
        }
    }

    private static final Map<String, CaseField> BY_PATH = new LinkedHashMap<>();

    static {
        for (CaseField f : values()) {
            BY_PATH.put(f.path, f);
        }
    }

    private final String path;
    private final Type type;
    private final Range range;
    private final boolean required;
    private final Class<? extends Enum<?>> enumType;
    private final String label;

    CaseField(String path, Type type, Range range, boolean required, Class<? extends Enum<?>> enumType, String label) {
        this.path = path;
        this.type = type;
        this.range = range;
        this.required = required;
        this.enumType = enumType;
        this.label = label;
    }

    /** The input path, e.g. {@code ecog}, {@code history.polymetastatic}, {@code lesions[].sizeMm}. */
    public String path() {
        return path;
    }

    /** The field's own name, the last part of its path: {@code polymetastatic}, {@code sizeMm}. */
    public String key() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The group the field belongs to: {@code ""} (the case), {@code history}, {@code systemicTherapy}, {@code lesions[]}. */
    public String group() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** Whether this is a field of each lesion ({@code lesions[].x}). */
    public boolean isLesionField() {
        return path.startsWith(LESION_PREFIX);
    }

    public Type type() {
        return type;
    }

    /** The range of a number, an integer or the lesion count; {@link Range} without bounds otherwise. */
    public Range range() {
        return range;
    }

    /** Whether the field must be present: the case id, and each lesion's id and site. */
    public boolean isRequired() {
        return required;
    }

    /** The enum of an {@link Type#ENUM} or {@link Type#ENUM_SET} field, else {@code null}. */
    public Class<? extends Enum<?>> enumType() {
        return enumType;
    }

    /** What the value of an enum field is called in messages ({@code therapy status}), else {@code null}. */
    public String label() {
        return label;
    }

    /**
     * The range in words, for messages: {@code an integer from 0 to 4}, {@code an integer of 0 or more},
     * {@code a number greater than 0}; {@code null} without a range.
     */
    public String rangeText() {
        if (range.min() == null && range.max() == null) {
            return null;
        }
        String kind = type == Type.NUMBER ? "a number" : "an integer";
        String min = whole(range.min());
        if (range.max() != null) {
            return kind + " from " + min + " to " + whole(range.max());
        }
        return range.minExclusive() ? kind + " greater than " + min : kind + " of " + min + " or more";
    }

    private static String whole(Double d) {
        return d == null ? "" : d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    /** The field at an input path without indexes ({@code lesions[].sizeMm}), if any. */
    public static Optional<CaseField> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** The fields of a group ({@code ""}, {@code history}, {@code systemicTherapy}, {@code lesions[]}), in order. */
    public static List<CaseField> inGroup(String group) {
        List<CaseField> out = new ArrayList<>();
        for (CaseField f : values()) {
            if (f.group().equals(group)) {
                out.add(f);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The names a JSON object of a group holds, in order: for the case ({@code ""}) its fields and the names of
     * the nested groups ({@code history}, {@code systemicTherapy}, {@code lesions}); for another group its fields.
     */
    public static List<String> keys(String group) {
        List<String> out = new ArrayList<>();
        for (CaseField f : values()) {
            String g = f.group();
            String key = null;
            if (g.equals(group)) {
                key = f.key();
            } else if (group.isEmpty() && !g.isEmpty() && !f.isLesionField()) {
                key = g;
            }
            if (key != null && !out.contains(key)) {
                out.add(key);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The value of a case field in a case ({@code null} = unknown); for {@link #LESIONS} the lesion list.
     *
     * @throws IllegalArgumentException for a lesion field
     */
    public Object get(PatientCase c) {
        return switch (this) {
            case CASE_ID -> c.caseId();
            case HISTOLOGY -> c.histology();
            case PRIMARY_DIAGNOSIS_DATE -> c.primaryDiagnosisDate();
            case OMD_DIAGNOSIS_DATE -> c.omdDiagnosisDate();
            case HISTORY_POLYMETASTATIC -> c.history().polymetastatic();
            case HISTORY_OLIGOMETASTATIC -> c.history().oligometastatic();
            case SYSTEMIC_THERAPY_STATUS -> c.systemicTherapy().status();
            case SYSTEMIC_THERAPY_LAST_DOSE_DATE -> c.systemicTherapy().lastDoseDate();
            case SYSTEMIC_THERAPY_KIND -> c.systemicTherapy().kind();
            case ECOG -> c.ecog();
            case MEDICALLY_OPERABLE -> c.medicallyOperable();
            case DECLINES_SURGERY -> c.declinesSurgery();
            case PULMONARY_RESERVE_ADEQUATE -> c.pulmonaryReserveAdequate();
            case PARENCHYMA_SPARING_NEEDED -> c.parenchymaSparingNeeded();
            case PLATELETS_PER_NANOLITRE -> c.plateletsPerNanolitre();
            case INR -> c.inr();
            case TUMOUR_DOUBLING_TIME_DAYS -> c.tumourDoublingTimeDays();
            case LIFE_EXPECTANCY_MONTHS -> c.lifeExpectancyMonths();
            case PRIOR_LUNG_RESECTIONS -> c.priorLungResections();
            case LAST_LOCAL_THERAPY_DATE -> c.lastLocalTherapyDate();
            case LESIONS -> c.lesions();
            default -> throw new IllegalArgumentException(path + " is a lesion field: read it from a lesion");
        };
    }

    /**
     * The value of a lesion field in a lesion ({@code null} = unknown).
     *
     * @throws IllegalArgumentException for a case field
     */
    public Object get(Lesion l) {
        return switch (this) {
            case LESION_ID -> l.id();
            case LESION_SITE -> l.site();
            case LESION_LATERALITY -> l.laterality();
            case LESION_SIZE_MM -> l.sizeMm();
            case LESION_RESPONSE -> l.response();
            case LESION_SAFELY_TREATABLE -> l.safelyTreatable();
            case LESION_RESECTABLE_R0 -> l.resectableR0();
            case LESION_SABR_CONSTRAINTS_ACHIEVABLE -> l.sabrConstraintsAchievable();
            case LESION_PREVIOUSLY_IRRADIATED -> l.previouslyIrradiated();
            case LESION_FEATURES -> l.features();
            default -> throw new IllegalArgumentException(path + " is a case field: read it from the case");
        };
    }

    /** Sets a case field on a builder; see {@link PatientCase.Builder#set(CaseField, Object)}. */
    void set(PatientCase.Builder b, Object v) {
        switch (this) {
            case CASE_ID -> b.caseId(cast(v, String.class));
            case HISTOLOGY -> b.histology(cast(v, String.class));
            case PRIMARY_DIAGNOSIS_DATE -> b.primaryDiagnosisDate(cast(v, LocalDate.class));
            case OMD_DIAGNOSIS_DATE -> b.omdDiagnosisDate(cast(v, LocalDate.class));
            case HISTORY_POLYMETASTATIC -> b.polymetastaticHistory(cast(v, Boolean.class));
            case HISTORY_OLIGOMETASTATIC -> b.oligometastaticHistory(cast(v, Boolean.class));
            case SYSTEMIC_THERAPY_STATUS -> b.therapyStatus(cast(v, TherapyStatus.class));
            case SYSTEMIC_THERAPY_LAST_DOSE_DATE -> b.lastDoseDate(cast(v, LocalDate.class));
            case SYSTEMIC_THERAPY_KIND -> b.therapyKind(cast(v, TherapyKind.class));
            case ECOG -> b.ecog(cast(v, Integer.class));
            case MEDICALLY_OPERABLE -> b.medicallyOperable(cast(v, Boolean.class));
            case DECLINES_SURGERY -> b.declinesSurgery(cast(v, Boolean.class));
            case PULMONARY_RESERVE_ADEQUATE -> b.pulmonaryReserveAdequate(cast(v, Boolean.class));
            case PARENCHYMA_SPARING_NEEDED -> b.parenchymaSparingNeeded(cast(v, Boolean.class));
            case PLATELETS_PER_NANOLITRE -> b.plateletsPerNanolitre(cast(v, Number.class));
            case INR -> b.inr(cast(v, Number.class));
            case TUMOUR_DOUBLING_TIME_DAYS -> b.tumourDoublingTimeDays(cast(v, Number.class));
            case LIFE_EXPECTANCY_MONTHS -> b.lifeExpectancyMonths(cast(v, Number.class));
            case PRIOR_LUNG_RESECTIONS -> b.priorLungResections(cast(v, Integer.class));
            case LAST_LOCAL_THERAPY_DATE -> b.lastLocalTherapyDate(cast(v, LocalDate.class));
            case LESIONS -> b.lesions(lesionList(v));
            default -> throw new IllegalArgumentException(path + " is a lesion field: set it on a lesion");
        }
    }

    /** Sets a lesion field on a builder; see {@link Lesion.Builder#set(CaseField, Object)}. */
    void set(Lesion.Builder b, Object v) {
        switch (this) {
            case LESION_ID -> b.id(Objects.requireNonNull(cast(v, String.class), "lesion id must not be null"));
            case LESION_SITE -> b.site(Objects.requireNonNull(cast(v, Site.class), "lesion site must not be null"));
            case LESION_LATERALITY -> b.laterality(cast(v, Laterality.class));
            case LESION_SIZE_MM -> b.sizeMm(cast(v, Number.class));
            case LESION_RESPONSE -> b.response(cast(v, Response.class));
            case LESION_SAFELY_TREATABLE -> b.safelyTreatable(cast(v, Boolean.class));
            case LESION_RESECTABLE_R0 -> b.resectableR0(cast(v, Boolean.class));
            case LESION_SABR_CONSTRAINTS_ACHIEVABLE -> b.sabrConstraintsAchievable(cast(v, Boolean.class));
            case LESION_PREVIOUSLY_IRRADIATED -> b.previouslyIrradiated(cast(v, Boolean.class));
            case LESION_FEATURES -> b.features(featureSet(v));
            default -> throw new IllegalArgumentException(path + " is a case field: set it on the case");
        }
    }

    private <T> T cast(Object v, Class<T> type) {
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException(path + " takes a " + type.getSimpleName() + ", not a "
                    + v.getClass().getSimpleName());
        }
        return type.cast(v);
    }

    private List<Lesion> lesionList(Object v) {
        if (v == null) {
            return null;
        }
        List<Lesion> out = new ArrayList<>();
        for (Object o : cast(v, Collection.class)) {
            out.add(cast(o, Lesion.class));
        }
        return out;
    }

    private List<Feature> featureSet(Object v) {
        if (v == null) {
            return null;
        }
        List<Feature> out = new ArrayList<>();
        for (Object o : cast(v, Collection.class)) {
            out.add(cast(o, Feature.class));
        }
        return out;
    }
}
