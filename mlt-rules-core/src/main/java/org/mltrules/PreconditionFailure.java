package org.mltrules;

/** Why a case is {@link Category#NOT_OLIGOMETASTATIC} (ESTRO-ASTRO OMD definition, Lievens Y 2020). */
public enum PreconditionFailure {
    /** More counted lesions than {@link Conventions#maxLesions()} (step P2). */
    TOO_MANY_LESIONS,
    /** A counted lesion is not safely treatable (step P3). */
    UNTREATABLE_SITE
}
