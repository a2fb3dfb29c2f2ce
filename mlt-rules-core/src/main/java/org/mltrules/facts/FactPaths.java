package org.mltrules.facts;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Input paths of the facts rules may find unknown, how to tell whether each is unknown, and their order in the case
 * format (the order in which {@code missing[]} lists them, so that the output does not depend on firing order).
 */
final class FactPaths {
    private FactPaths() {
    }

    private static final Map<String, BiFunction<Patient, Metastasis, Object>> VALUES;
    private static final List<String> ORDER;

    static {
        Map<String, BiFunction<Patient, Metastasis, Object>> v = new LinkedHashMap<>();
        v.put("histology", (p, m) -> p.getHistology());
        v.put("primaryDiagnosisDate", (p, m) -> p.getPrimaryDiagnosisDate());
        v.put("omdDiagnosisDate", (p, m) -> p.getOmdDiagnosisDate());
        v.put("history.polymetastatic", (p, m) -> p.getPolymetastaticHistory());
        v.put("history.oligometastatic", (p, m) -> p.getOligometastaticHistory());
        v.put("systemicTherapy.status", (p, m) -> p.getTherapyStatus());
        v.put("systemicTherapy.lastDoseDate", (p, m) -> p.getLastDoseDate());
        v.put("systemicTherapy.kind", (p, m) -> p.getTherapyKind());
        v.put("ecog", (p, m) -> p.getEcog());
        v.put("medicallyOperable", (p, m) -> p.getMedicallyOperable());
        v.put("declinesSurgery", (p, m) -> p.getDeclinesSurgery());
        v.put("pulmonaryReserveAdequate", (p, m) -> p.getPulmonaryReserveAdequate());
        v.put("parenchymaSparingNeeded", (p, m) -> p.getParenchymaSparingNeeded());
        v.put("plateletsPerNanolitre", (p, m) -> p.getPlateletsPerNanolitre());
        v.put("inr", (p, m) -> p.getInr());
        v.put("tumourDoublingTimeDays", (p, m) -> p.getTumourDoublingTimeDays());
        v.put("lifeExpectancyMonths", (p, m) -> p.getLifeExpectancyMonths());
        v.put("priorLungResections", (p, m) -> p.getPriorLungResections());
        v.put("lesions", (p, m) -> p.isLesionsKnown() ? Boolean.TRUE : null);
        v.put("lesions[].laterality", (p, m) -> m == null ? null : m.getLaterality());
        v.put("lesions[].sizeMm", (p, m) -> m == null ? null : m.getSizeMm());
        v.put("lesions[].response", (p, m) -> m == null ? null : m.getResponse());
        v.put("lesions[].safelyTreatable", (p, m) -> m == null ? null : m.getSafelyTreatable());
        v.put("lesions[].resectableR0", (p, m) -> m == null ? null : m.getResectableR0());
        v.put("lesions[].sabrConstraintsAchievable", (p, m) -> m == null ? null : m.getSabrConstraintsAchievable());
        v.put("lesions[].previouslyIrradiated", (p, m) -> m == null ? null : m.getPreviouslyIrradiated());
        v.put("lesions[].features", (p, m) -> m == null || !m.isFeaturesKnown() ? null : m.getFeatures());
        VALUES = Collections.unmodifiableMap(v);
        ORDER = List.copyOf(v.keySet());
    }

    /** Fact paths in case-format order; a name outside the table (never expected) sorts last, by name. */
    static final Comparator<String> INPUT_ORDER = Comparator
            .comparingInt((String path) -> {
                int i = ORDER.indexOf(path);
                return i < 0 ? Integer.MAX_VALUE : i;
            })
            .thenComparing(Comparator.naturalOrder());

    /** True when the named fact is unknown; an unknown path name is a rule bug and fails loudly. */
    static boolean isUnknown(String path, Patient patient, Metastasis lesion) {
        BiFunction<Patient, Metastasis, Object> f = VALUES.get(path);
        if (f == null) {
            throw new IllegalArgumentException("unknown fact path '" + path + "': expected one of " + VALUES.keySet());
        }
        return f.apply(patient, lesion) == null;
    }

    /** Whether the name is a lesion fact ({@code lesions[].x}). */
    static boolean isLesionPath(String path) {
        return path.startsWith("lesions[].");
    }

    /** Whether the name is a known fact path. */
    static boolean isKnownPath(String path) {
        return VALUES.containsKey(path);
    }
}
