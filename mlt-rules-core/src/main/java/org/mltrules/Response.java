package org.mltrules;

/** Behaviour of a lesion on current imaging versus prior imaging. */
public enum Response {
    NEW, PROGRESSING, STABLE, RESPONDING,
    /** No prior imaging to compare with: Q5 cannot be answered from this lesion (convention K5). */
    NOT_ASSESSABLE
}
