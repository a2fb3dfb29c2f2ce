package org.mltrules.fhir;

/** How much a mapping report entry matters. */
public enum Severity {
    /** A value was set, or a resource was read as expected. */
    INFO,
    /** A fact stays unknown, or something in the record was ignored or looks wrong; the case is still produced. */
    WARN,
    /** The bundle cannot be mapped: no case is produced. */
    ERROR
}
