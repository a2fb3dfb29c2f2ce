package org.mltrules;

/**
 * Disease state: the nine ESTRO/EORTC oligometastatic categories (Guckenberger M et al., Lancet Oncol
 * 2020;21:e18-e28) and the three outcomes outside them.
 */
public enum Category {
    SYNCHRONOUS_OMD,
    METACHRONOUS_OLIGORECURRENCE,
    METACHRONOUS_OLIGOPROGRESSION,
    REPEAT_OLIGORECURRENCE,
    REPEAT_OLIGOPROGRESSION,
    REPEAT_OLIGOPERSISTENCE,
    INDUCED_OLIGORECURRENCE,
    INDUCED_OLIGOPROGRESSION,
    INDUCED_OLIGOPERSISTENCE,
    /** More counted lesions than {@link Conventions#maxLesions()}, or a counted site not safely treatable. */
    NOT_OLIGOMETASTATIC,
    /** No counted lesion: no distant metastasis (e.g. isolated local recurrence or regional nodes only). */
    NO_DISTANT_METASTASIS,
    /** A fact needed on the classification path is unknown; {@link Classification#missing()} names it. */
    INDETERMINATE
}
