package org.mltrules.fhir;

import java.util.Objects;

/**
 * One line of the mapping report. Holds no name or identifier of the patient: resources are named by type and
 * logical id ({@code Condition/abc}), never the Patient itself, and messages carry codes and dates, not
 * demographics.
 *
 * @param severity INFO (set or read), WARN (unknown or ignored), ERROR (no case)
 * @param status   what the entry says about {@code field}
 * @param field    a case field path ({@code histology}, {@code lesions[1].sizeMm}) for {@link Status#SET},
 *                 {@link Status#UNKNOWN} and {@link Status#NOT_APPLICABLE}; a FHIR path ({@code Bundle.entry[3].resource.subject}) for
 *                 {@link Status#ERROR}; either, or {@code ""}, for a {@link Status#NOTE}
 * @param source   the resources the value came from ({@code Condition/abc}, several joined by {@code ", "}), or
 *                 {@code null}
 * @param rule     the mapping rule id ({@code MAP-RESP-3}), see docs/fhir-mapping.md
 * @param message  a readable explanation
 */
public record MappingEntry(Severity severity, Status status, String field, String source, String rule,
                           String message) {

    /** What an entry says. */
    public enum Status {
        /** The case field got a value. */
        SET,
        /** The case field stays unknown; the message says why and what to record. */
        UNKNOWN,
        /** The case field does not apply (e.g. {@code systemicTherapy.lastDoseDate} unless therapy stopped). */
        NOT_APPLICABLE,
        /** Something read, ignored or noticed that does not decide a field by itself. */
        NOTE,
        /** The bundle cannot be mapped. */
        ERROR
    }

    public MappingEntry {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Severity, status, field and rule, without the message or the source: messages quote the record's dates and
     * codes, which are case content and must not reach a log above DEBUG through a careless {@code toString()}.
     */
    @Override
    public String toString() {
        return severity + " " + status + " " + (field.isEmpty() ? "-" : field) + " [" + rule + "]";
    }
}
