package org.mltrules.fhir.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.mltrules.fhir.FhirCaseMapper.PartialDates;

/**
 * Calendar dates as written. A FHIR dateTime's instant ({@code getValue()}) is never used: {@code
 * 2023-05-01T23:30:00-05:00} is 1 May in the clinic, whatever UTC says.
 */
final class Dates {
    private Dates() {
    }

    /** A date as written, with whether it was coarser than a day. */
    record Day(LocalDate date, boolean partial) { }

    /** The day as written, or null when absent, malformed or (with {@code UNKNOWN}) coarser than a day. */
    static LocalDate day(BaseDateTimeType t, PartialDates partial) {
        Day d = parse(t);
        if (d == null || (d.partial() && partial == PartialDates.UNKNOWN)) {
            return null;
        }
        return d.date();
    }

    /** The written value parsed, or null when absent or malformed. */
    static Day parse(BaseDateTimeType t) {
        if (t == null) {
            return null;
        }
        return parse(t.getValueAsString());
    }

    static Day parse(String value) {
        if (value == null) {
            return null;
        }
        // By hand rather than by regular expression: dates are read many times per bundle.
        String s = value.trim();
        int n = s.length();
        if (n < 4 || !digits(s, 0, 4)) {
            return null;
        }
        try {
            int year = Integer.parseInt(s, 0, 4, 10);
            if (n == 4) {
                return new Day(LocalDate.of(year, 1, 1), true);
            }
            if (n < 7 || s.charAt(4) != '-' || !digits(s, 5, 7)) {
                return null;
            }
            int month = Integer.parseInt(s, 5, 7, 10);
            if (n == 7) {
                return new Day(LocalDate.of(year, month, 1), true);
            }
            if (n < 10 || s.charAt(7) != '-' || !digits(s, 8, 10) || (n > 10 && s.charAt(10) != 'T')) {
                return null;
            }
            return new Day(LocalDate.of(year, month, Integer.parseInt(s, 8, 10, 10)), false);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when the value is present but coarser than a day (for the report). */
    static boolean isPartial(BaseDateTimeType t) {
        Day d = parse(t);
        return d != null && d.partial();
    }

    /** The start of a dateTime or Period value (onset, effective, performed). */
    static LocalDate start(Type value, PartialDates partial) {
        if (value instanceof BaseDateTimeType dt) {
            return day(dt, partial);
        }
        if (value instanceof Period p) {
            return p.hasStartElement() ? day(p.getStartElement(), partial) : null;
        }
        return null;
    }

    /** The end of a dateTime or Period value (a Period's end; a dateTime is its own end). */
    static LocalDate end(Type value, PartialDates partial) {
        if (value instanceof BaseDateTimeType dt) {
            return day(dt, partial);
        }
        if (value instanceof Period p) {
            return p.hasEndElement() ? day(p.getEndElement(), partial) : null;
        }
        return null;
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
