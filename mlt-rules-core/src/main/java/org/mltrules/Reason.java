package org.mltrules;

import java.util.Objects;

/**
 * Why a rule changed an option, excluded a technique, or raised a patient-level concern.
 *
 * @param rule     the rule's id, e.g. {@code F1}, {@code H3}
 * @param effect   the score change (-2..+2); {@code null} for an exclusion or a patient-level reason
 * @param text     the rule's statement in the guideline's words
 * @param evidence the citation behind it
 * @param tier     the evidence tier; {@code null} for configuration (e.g. a technique the centre lacks)
 */
public record Reason(String rule, Integer effect, String text, String evidence, Tier tier) {
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(text, "text");
        evidence = evidence == null ? "" : evidence;
    }
}
