/**
 * The fact model as the DRL rules see it. The engine builds these facts from a {@link org.mltrules.PatientCase}
 * for every assessment: one {@link org.mltrules.facts.Patient}, one {@link org.mltrules.facts.Disease}, one
 * {@link org.mltrules.facts.Metastasis} per input lesion, the {@link org.mltrules.facts.Settings} in force and the
 * classification {@link org.mltrules.facts.Path}. Rules record their conclusions through the global
 * {@code outcome} ({@link org.mltrules.facts.Outcome}), which reads each rule's metadata ({@code @id},
 * {@code @effect}, {@code @technique}, {@code @text}, {@code @evidence}, {@code @tier}) so that a weight or a
 * citation lives in exactly one place: the rule file.
 *
 * <p>Unknown facts are {@code null} (or {@code false} for the {@code ...Known} properties): a constraint such as
 * {@code ecog >= 3} is false for an unknown ECOG, so every rule that depends on an unknown fact has an
 * "undecided" twin that records the missing fact instead.
 */
package org.mltrules.facts;
