package org.mltrules.fhir.internal;

import java.util.List;

/**
 * The case fields the mapping report names, as input paths of case-format.md. The one place of this module that
 * spells them: it follows the project's case-field table.
 */
public final class Fields {
    private Fields() {
    }

    public static final String CASE_ID = "caseId";
    public static final String HISTOLOGY = "histology";
    public static final String PRIMARY_DATE = "primaryDiagnosisDate";
    public static final String OMD_DATE = "omdDiagnosisDate";
    public static final String HISTORY_POLY = "history.polymetastatic";
    public static final String HISTORY_OLIGO = "history.oligometastatic";
    public static final String THERAPY_STATUS = "systemicTherapy.status";
    public static final String THERAPY_LAST_DOSE = "systemicTherapy.lastDoseDate";
    public static final String THERAPY_KIND = "systemicTherapy.kind";
    public static final String ECOG = "ecog";
    public static final String MEDICALLY_OPERABLE = "medicallyOperable";
    public static final String DECLINES_SURGERY = "declinesSurgery";
    public static final String PULMONARY_RESERVE = "pulmonaryReserveAdequate";
    public static final String PARENCHYMA_SPARING = "parenchymaSparingNeeded";
    public static final String PLATELETS = "plateletsPerNanolitre";
    public static final String INR = "inr";
    public static final String DOUBLING_TIME = "tumourDoublingTimeDays";
    public static final String LIFE_EXPECTANCY = "lifeExpectancyMonths";
    public static final String PRIOR_LUNG_RESECTIONS = "priorLungResections";
    public static final String LAST_LOCAL_THERAPY = "lastLocalTherapyDate";
    public static final String LESIONS = "lesions";

    public static final String L_ID = "id";
    public static final String L_SITE = "site";
    public static final String L_LATERALITY = "laterality";
    public static final String L_SIZE = "sizeMm";
    public static final String L_RESPONSE = "response";
    public static final String L_TREATABLE = "safelyTreatable";
    public static final String L_R0 = "resectableR0";
    public static final String L_SABR = "sabrConstraintsAchievable";
    public static final String L_IRRADIATED = "previouslyIrradiated";
    public static final String L_FEATURES = "features";

    /** Case-level fields in the order of the case format (lesions last). */
    public static final List<String> CASE_ORDER = List.of(CASE_ID, HISTOLOGY, PRIMARY_DATE, OMD_DATE,
            HISTORY_POLY, HISTORY_OLIGO, THERAPY_STATUS, THERAPY_LAST_DOSE, THERAPY_KIND, ECOG, MEDICALLY_OPERABLE,
            DECLINES_SURGERY, PULMONARY_RESERVE, PARENCHYMA_SPARING, PLATELETS, INR, DOUBLING_TIME,
            LIFE_EXPECTANCY, PRIOR_LUNG_RESECTIONS, LAST_LOCAL_THERAPY, LESIONS);

    /** Lesion fields in the order of the case format. */
    public static final List<String> LESION_ORDER = List.of(L_ID, L_SITE, L_LATERALITY, L_SIZE, L_RESPONSE,
            L_TREATABLE, L_R0, L_SABR, L_IRRADIATED, L_FEATURES);

    /** The path of a lesion field as a local-fact code ({@code lesions[].safelyTreatable}). */
    public static String lesionFact(String field) {
        return LESIONS + "[]." + field;
    }

    /** The path of one lesion's field in the report ({@code lesions[1].sizeMm}). */
    public static String lesion(int index, String field) {
        return LESIONS + "[" + index + "]." + field;
    }
}
