package org.mltrules.facts;

/**
 * The input paths a rule may name as unknown facts ({@code outcome.undecided(kcontext, $m, "ecog",
 * "lesions[].resectableR0")}): the linter refuses a rule set that names any other, since the engine would only
 * notice when the rule fires.
 */
public final class KnownFactPaths {
    private KnownFactPaths() {
    }

    /** Whether {@code path} names a fact the engine can tell unknown ({@code ecog}, {@code lesions[].sizeMm}). */
    public static boolean contains(String path) {
        return path != null && FactPaths.isKnownPath(path);
    }
}
