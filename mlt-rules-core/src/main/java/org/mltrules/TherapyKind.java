package org.mltrules;

/** Kind of systemic therapy. */
public enum TherapyKind {
    CHEMOTHERAPY,
    /** Targeted therapy, including tyrosine-kinase inhibitors. */
    TARGETED,
    IMMUNOTHERAPY, ENDOCRINE, MAINTENANCE
}
