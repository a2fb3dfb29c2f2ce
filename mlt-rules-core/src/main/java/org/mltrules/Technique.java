package org.mltrules;

/**
 * Metastasis-directed local therapy techniques, declared in the fixed order used to break ties
 * (docs/clinical-rules.md, local therapy).
 */
public enum Technique {
    /** Stereotactic ablative radiotherapy (stereotactic radiosurgery for the brain). */
    SABR,
    /** Microwave ablation. */
    MWA,
    /** Radiofrequency ablation. */
    RFA,
    CRYOABLATION,
    /** Surgical metastasectomy. */
    SURGERY
}
