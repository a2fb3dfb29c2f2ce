package org.mltrules.facts;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mltrules.CaseField;

/**
 * Input paths of the facts rules may find unknown, how to tell whether each is unknown, and their order in the case
 * format (the order in which {@code missing[]} lists them, so that the output does not depend on firing order): every
 * {@link CaseField} but the identities (case id, lesion id) and the lesion site, which are never unknown.
 */
final class FactPaths {
    private FactPaths() {
    }

    /** Each fact path with its position in the case format. */
    private static final Map<String, Integer> ORDER;
    private static final Map<String, CaseField> FIELDS;

    static {
        Map<String, Integer> order = new LinkedHashMap<>();
        Map<String, CaseField> fields = new LinkedHashMap<>();
        for (CaseField f : CaseField.values()) {
            if (f == CaseField.CASE_ID || f == CaseField.LESION_ID || f == CaseField.LESION_SITE) {
                continue;
            }
            order.put(f.path(), order.size());
            fields.put(f.path(), f);
        }
        ORDER = Collections.unmodifiableMap(order);
        FIELDS = Collections.unmodifiableMap(fields);
    }

    /** Fact paths in case-format order; a name outside the table (never expected) sorts last, by name. */
    static final Comparator<String> INPUT_ORDER = Comparator
            .comparingInt((String path) -> ORDER.getOrDefault(path, Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());

    /**
     * True when the named fact is unknown; an unknown path name is a rule bug and fails loudly. A lesion fact is
     * unknown without a lesion; {@code lesions} is unknown when the input has no lesion list.
     */
    static boolean isUnknown(String path, Patient patient, Metastasis lesion) {
        CaseField f = FIELDS.get(path);
        if (f == null) {
            throw new IllegalArgumentException("unknown fact path '" + path + "': expected one of " + FIELDS.keySet());
        }
        if (f.isLesionField()) {
            return lesion == null || f.get(lesion.lesion()) == null;
        }
        return f.get(patient.facts()) == null;
    }

    /** Whether the name is a lesion fact ({@code lesions[].x}). */
    static boolean isLesionPath(String path) {
        return path.startsWith(CaseField.LESION_PREFIX);
    }

    /** Whether the name is a known fact path. */
    static boolean isKnownPath(String path) {
        return FIELDS.containsKey(path);
    }
}
