package org.mltrules.server.internal;

import org.mltrules.Category;
import org.mltrules.CandidacyLevel;
import org.mltrules.Flag;
import org.mltrules.Technique;

/** The clinical vocabulary of the card in words (plain ASCII, no case content). */
final class Words {
    private Words() {
    }

    static String category(Category c) {
        return switch (c) {
            case SYNCHRONOUS_OMD -> "Synchronous oligometastatic disease";
            case METACHRONOUS_OLIGORECURRENCE -> "Metachronous oligorecurrence";
            case METACHRONOUS_OLIGOPROGRESSION -> "Metachronous oligoprogression";
            case REPEAT_OLIGORECURRENCE -> "Repeat oligorecurrence";
            case REPEAT_OLIGOPROGRESSION -> "Repeat oligoprogression";
            case REPEAT_OLIGOPERSISTENCE -> "Repeat oligopersistence";
            case INDUCED_OLIGORECURRENCE -> "Induced oligorecurrence";
            case INDUCED_OLIGOPROGRESSION -> "Induced oligoprogression";
            case INDUCED_OLIGOPERSISTENCE -> "Induced oligopersistence";
            case NOT_OLIGOMETASTATIC -> "Not oligometastatic";
            case NO_DISTANT_METASTASIS -> "No distant metastasis";
            case INDETERMINATE -> "OMD state not classifiable";
        };
    }

    static String candidacy(CandidacyLevel l) {
        return switch (l) {
            case CANDIDATE -> "local therapy candidate";
            case DISCUSS -> "discuss local therapy";
            case NOT_RECOMMENDED -> "local therapy not supported by the rules";
        };
    }

    static String flagLabel(Flag f) {
        return switch (f) {
            case INDETERMINATE_CLASSIFICATION -> "state not classifiable";
            case SHORT_DOUBLING_TIME -> "doubling time under 40 d";
            case OLIGOPROGRESSION -> "oligoprogression";
            case HISTOLOGY_PROTOCOL -> "paediatric/AYA protocol";
            case STAGING_MRI -> "whole-body MRI first";
            case HISTOLOGY_NOT_RECOGNISED -> "histology not recognised";
            case SPINE_INSTABILITY -> "unstable spine: surgeon first";
        };
    }

    static String flagExplanation(Flag f) {
        return switch (f) {
            case INDETERMINATE_CLASSIFICATION ->
                    "The ESTRO/EORTC category cannot be decided until the missing facts are recorded.";
            case SHORT_DOUBLING_TIME ->
                    "Tumour doubling time under 40 days: consider systemic therapy or observation first.";
            case OLIGOPROGRESSION -> "Oligoprogression: a worse prognosis after SABR in sarcoma.";
            case HISTOLOGY_PROTOCOL ->
                    "Ewing sarcoma or rhabdomyosarcoma: treat within a paediatric/AYA protocol.";
            case STAGING_MRI -> "Myxoid liposarcoma: whole-body or spine MRI before local therapy.";
            case HISTOLOGY_NOT_RECOGNISED ->
                    "Histology code outside the known table: histology-specific rules do not apply.";
            case SPINE_INSTABILITY ->
                    "Unstable spinal metastasis (SINS): spine surgeon review before local therapy; stabilisation first.";
        };
    }

    static String technique(Technique t) {
        return switch (t) {
            case SABR -> "SABR";
            case MWA -> "Microwave ablation";
            case RFA -> "Radiofrequency ablation";
            case CRYOABLATION -> "Cryoablation";
            case SURGERY -> "Surgery (metastasectomy)";
        };
    }

    /** A case field in words, for the page's what-if form (the path is shown beside it). */
    static String field(org.mltrules.CaseField f) {
        return switch (f) {
            case CASE_ID -> "case id";
            case HISTOLOGY -> "histology (ICD-O-3 code or name)";
            case PRIMARY_DIAGNOSIS_DATE -> "diagnosis of the primary sarcoma";
            case OMD_DIAGNOSIS_DATE -> "imaging that established the current metastatic state";
            case HISTORY_POLYMETASTATIC -> "polymetastatic disease before this diagnosis";
            case HISTORY_OLIGOMETASTATIC -> "oligometastatic disease before this diagnosis";
            case SYSTEMIC_THERAPY_STATUS -> "systemic therapy at the OMD diagnosis";
            case SYSTEMIC_THERAPY_LAST_DOSE_DATE -> "last dose of systemic therapy";
            case SYSTEMIC_THERAPY_KIND -> "kind of systemic therapy";
            case ECOG -> "ECOG performance status";
            case MEDICALLY_OPERABLE -> "medically operable";
            case DECLINES_SURGERY -> "patient declines an operation";
            case PULMONARY_RESERVE_ADEQUATE -> "pulmonary reserve adequate for resection";
            case PARENCHYMA_SPARING_NEEDED -> "lung parenchyma must be spared";
            case PLATELETS_PER_NANOLITRE -> "platelets (10^9/L)";
            case INR -> "INR";
            case TUMOUR_DOUBLING_TIME_DAYS -> "tumour doubling time (days)";
            case LIFE_EXPECTANCY_MONTHS -> "life expectancy (months)";
            case PRIOR_LUNG_RESECTIONS -> "earlier lung resections";
            case LAST_LOCAL_THERAPY_DATE -> "last local therapy of an earlier metastasis";
            case LESIONS -> "the metastases";
            case LESION_ID -> "lesion id";
            case LESION_SITE -> "site";
            case LESION_LATERALITY -> "side";
            case LESION_SIZE_MM -> "size (mm)";
            case LESION_RESPONSE -> "response on imaging";
            case LESION_SAFELY_TREATABLE -> "safely treatable";
            case LESION_RESECTABLE_R0 -> "R0 resection feasible";
            case LESION_SABR_CONSTRAINTS_ACHIEVABLE -> "SABR dose constraints achievable";
            case LESION_PREVIOUSLY_IRRADIATED -> "previously irradiated";
            case LESION_FEATURES -> "features (the complete list)";
        };
    }

    /** Where a missing fact usually lives in the record, for the "facts to record" list. */
    static String whereToRecord(String path) {
        String p = path.replaceAll("\\[\\d+]", "[]");
        return switch (p) {
            case "ecog" -> "ECOG Observation, LOINC 89247-1";
            case "histology" -> "primary cancer Condition, ICD-O-3 histology";
            case "primaryDiagnosisDate" -> "primary cancer Condition onset";
            case "omdDiagnosisDate" -> "metastasis Condition onset or imaging date";
            case "history.polymetastatic", "history.oligometastatic" -> "history of metastatic cancer";
            case "systemicTherapy.status", "systemicTherapy.lastDoseDate", "systemicTherapy.kind" ->
                    "cancer-related medication records";
            case "lesions" -> "one metastasis Condition per lesion, with its Tumor";
            case "lesions[].sizeMm" -> "Tumor size Observation, LOINC 21889-1";
            case "lesions[].response" -> "cancer disease status Observation, LOINC 97509-4";
            case "plateletsPerNanolitre", "inr" -> "laboratory Observation";
            case "priorLungResections" -> "cancer-related surgical Procedure";
            case "lesions[].previouslyIrradiated" -> "radiotherapy course summary Procedure";
            default -> "MDT judgement";
        };
    }
}
