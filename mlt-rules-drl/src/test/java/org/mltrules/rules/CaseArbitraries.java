package org.mltrules.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.mltrules.PatientCase;
import org.mltrules.cohort.CaseGenerator;

/**
 * The synthetic-case generator ({@link CaseGenerator}) as jqwik arbitraries: one generated case per seed, with the
 * dates on the windows of every convention variant the properties use ({@link Engines#VARIANTS}), so that the
 * boundaries of each synchronous window (0, 3, 6, 12 months) and active-therapy window (0, 14, 30, 60 days) are
 * met. jqwik cannot shrink a case drawn from a seed; a failure reports the seed and the case instead.
 */
final class CaseArbitraries {
    private CaseArbitraries() {
    }

    /** Every case the classification can meet: unknown facts, every category, boundary dates and values. */
    static Arbitrary<PatientCase> cases() {
        return Arbitraries.longs().map(seed -> generator(seed).build().next());
    }

    /** Cases whose every classification fact is known: never indeterminate. */
    static Arbitrary<PatientCase> fullyKnownCases() {
        return Arbitraries.longs().map(seed -> generator(seed).classificationFactsKnown().build().next());
    }

    static CaseGenerator.Builder generator(long seed) {
        return CaseGenerator.builder().seed(seed).boundariesOf(Engines.VARIANTS);
    }
}
