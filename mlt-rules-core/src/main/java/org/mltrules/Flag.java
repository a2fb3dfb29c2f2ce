package org.mltrules;

/** Patient-level flags raised by the rules for the multidisciplinary board. */
public enum Flag {
    /** The category is {@link Category#INDETERMINATE}. */
    INDETERMINATE_CLASSIFICATION,
    /** Tumour doubling time under 40 days (rule C14): consider systemic therapy or observation first. */
    SHORT_DOUBLING_TIME,
    /** An oligoprogression category: a worse prognosis after SABR in sarcoma. */
    OLIGOPROGRESSION,
    /** Ewing sarcoma or rhabdomyosarcoma: treat within a paediatric/AYA protocol. */
    HISTOLOGY_PROTOCOL,
    /** Myxoid liposarcoma: whole-body or spine MRI before local therapy. */
    STAGING_MRI,
    /** A well-formed ICD-O-3 code outside the known table: histology-specific rules do not apply. */
    HISTOLOGY_NOT_RECOGNISED,
    /**
     * A spinal metastasis with an unstable segment (feature {@code SPINE_INSTABILITY}, rule set 1.1): a spine
     * surgeon reviews it before local therapy; stabilisation comes first.
     */
    SPINE_INSTABILITY
}
