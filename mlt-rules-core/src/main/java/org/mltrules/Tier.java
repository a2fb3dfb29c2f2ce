package org.mltrules;

/** Strength of the evidence behind a rule, strongest first. */
public enum Tier {
    /** Guideline or consensus. */
    G,
    /** Prospective study. */
    P,
    /** Retrospective series. */
    R,
    /** Expert convention, no published source. */
    E
}
