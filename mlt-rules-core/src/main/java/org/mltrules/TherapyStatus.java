package org.mltrules;

/** Systemic therapy status at the date of the OMD diagnosis. */
public enum TherapyStatus { NONE, ONGOING, STOPPED }
