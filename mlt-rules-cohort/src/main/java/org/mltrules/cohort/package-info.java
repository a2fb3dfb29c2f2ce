/**
 * Synthetic cases for demonstrations, tests and benchmarks: {@link org.mltrules.cohort.CaseGenerator}, seeded and
 * deterministic. Not real patients.
 */
package org.mltrules.cohort;
