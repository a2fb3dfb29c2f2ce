package org.mltrules;

/** Whether metastasis-directed local therapy is worth discussing for the patient. */
public enum CandidacyLevel { CANDIDATE, DISCUSS, NOT_RECOMMENDED }
