package org.mltrules.facts;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mltrules.CaseField;

/**
 * The input paths a rule may name as unknown facts ({@code outcome.undecided(kcontext, $m, "ecog",
 * "lesions[].resectableR0")}): every {@link CaseField} but the identities (case id, lesion id) and the lesion site,
 * which are never unknown. The linter refuses a rule set that names any other, since the engine would only notice
 * when the rule fires. Their order is the case format's, the order of every {@code missing[]} of an assessment.
 */
public final class KnownFactPaths {
    private static final Map<String, Integer> ORDER;

    static {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (CaseField f : CaseField.values()) {
            if (f != CaseField.CASE_ID && f != CaseField.LESION_ID && f != CaseField.LESION_SITE) {
                order.put(f.path(), order.size());
            }
        }
        ORDER = Collections.unmodifiableMap(order);
    }

    /** Fact paths in case-format order; a name outside the table (never expected) sorts last, by name. */
    private static final Comparator<String> INPUT_ORDER = Comparator
            .comparingInt((String path) -> ORDER.getOrDefault(path, Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());

    private KnownFactPaths() {
    }

    /** Whether {@code path} names a fact the engine can tell unknown ({@code ecog}, {@code lesions[].sizeMm}). */
    public static boolean contains(String path) {
        return path != null && ORDER.containsKey(path);
    }

    /** The field a fact path names, if it is a known fact path. */
    public static Optional<CaseField> field(String path) {
        return contains(path) ? CaseField.byPath(path) : Optional.empty();
    }

    /** Every known fact path, in case-format order. */
    public static java.util.Set<String> all() {
        return ORDER.keySet();
    }

    /** Orders fact paths as the case format lists its fields (the order of every {@code missing[]}). */
    public static Comparator<String> inputOrder() {
        return INPUT_ORDER;
    }
}
