package org.mltrules;

import java.time.LocalDate;

/**
 * Systemic therapy at the date of the OMD diagnosis. Any component may be {@code null} (unknown).
 *
 * @param status       none, ongoing or stopped at the OMD diagnosis date
 * @param lastDoseDate used only with {@link TherapyStatus#STOPPED} (convention K2); ignored otherwise
 * @param kind         used only when maintenance therapy does not count as active (convention K3 off)
 */
public record SystemicTherapy(TherapyStatus status, LocalDate lastDoseDate, TherapyKind kind) {
    /** Everything unknown. */
    public static final SystemicTherapy UNKNOWN = new SystemicTherapy(null, null, null);
    /** No systemic therapy at the OMD diagnosis. */
    public static final SystemicTherapy NONE = new SystemicTherapy(TherapyStatus.NONE, null, null);

    /** Therapy ongoing at the OMD diagnosis. */
    public static SystemicTherapy ongoing(TherapyKind kind) {
        return new SystemicTherapy(TherapyStatus.ONGOING, null, kind);
    }

    /** Therapy stopped before the OMD diagnosis, last dose on the given date. */
    public static SystemicTherapy stopped(LocalDate lastDoseDate, TherapyKind kind) {
        return new SystemicTherapy(TherapyStatus.STOPPED, lastDoseDate, kind);
    }
}
