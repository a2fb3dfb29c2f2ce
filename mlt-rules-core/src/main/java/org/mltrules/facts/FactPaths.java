package org.mltrules.facts;

import java.util.Map;
import java.util.function.BiFunction;

/** Input paths of the facts rules may find unknown, and how to tell whether each is unknown. */
final class FactPaths {
    private FactPaths() {
    }

    private static final Map<String, BiFunction<Patient, Metastasis, Object>> VALUES = Map.ofEntries(
            Map.entry("histology", (p, m) -> p.getHistology()),
            Map.entry("primaryDiagnosisDate", (p, m) -> p.getPrimaryDiagnosisDate()),
            Map.entry("omdDiagnosisDate", (p, m) -> p.getOmdDiagnosisDate()),
            Map.entry("history.polymetastatic", (p, m) -> p.getPolymetastaticHistory()),
            Map.entry("history.oligometastatic", (p, m) -> p.getOligometastaticHistory()),
            Map.entry("systemicTherapy.status", (p, m) -> p.getTherapyStatus()),
            Map.entry("systemicTherapy.lastDoseDate", (p, m) -> p.getLastDoseDate()),
            Map.entry("systemicTherapy.kind", (p, m) -> p.getTherapyKind()),
            Map.entry("ecog", (p, m) -> p.getEcog()),
            Map.entry("medicallyOperable", (p, m) -> p.getMedicallyOperable()),
            Map.entry("declinesSurgery", (p, m) -> p.getDeclinesSurgery()),
            Map.entry("pulmonaryReserveAdequate", (p, m) -> p.getPulmonaryReserveAdequate()),
            Map.entry("parenchymaSparingNeeded", (p, m) -> p.getParenchymaSparingNeeded()),
            Map.entry("plateletsPerNanolitre", (p, m) -> p.getPlateletsPerNanolitre()),
            Map.entry("inr", (p, m) -> p.getInr()),
            Map.entry("tumourDoublingTimeDays", (p, m) -> p.getTumourDoublingTimeDays()),
            Map.entry("lifeExpectancyMonths", (p, m) -> p.getLifeExpectancyMonths()),
            Map.entry("priorLungResections", (p, m) -> p.getPriorLungResections()),
            Map.entry("lesions[].laterality", (p, m) -> m == null ? null : m.getLaterality()),
            Map.entry("lesions[].sizeMm", (p, m) -> m == null ? null : m.getSizeMm()),
            Map.entry("lesions[].response", (p, m) -> m == null ? null : m.getResponse()),
            Map.entry("lesions[].safelyTreatable", (p, m) -> m == null ? null : m.getSafelyTreatable()),
            Map.entry("lesions[].resectableR0", (p, m) -> m == null ? null : m.getResectableR0()),
            Map.entry("lesions[].sabrConstraintsAchievable", (p, m) -> m == null ? null : m.getSabrConstraintsAchievable()),
            Map.entry("lesions[].previouslyIrradiated", (p, m) -> m == null ? null : m.getPreviouslyIrradiated()),
            Map.entry("lesions[].features", (p, m) -> m == null || !m.isFeaturesKnown() ? null : m.getFeatures()));

    /** True when the named fact is unknown; an unknown path name is a rule bug and fails loudly. */
    static boolean isUnknown(String path, Patient patient, Metastasis lesion) {
        BiFunction<Patient, Metastasis, Object> f = VALUES.get(path);
        if (f == null) {
            throw new IllegalArgumentException("unknown fact path '" + path + "': expected one of " + VALUES.keySet());
        }
        return f.apply(patient, lesion) == null;
    }

    /** Whether the name is a known fact path. */
    static boolean isKnownPath(String path) {
        return VALUES.containsKey(path);
    }
}
