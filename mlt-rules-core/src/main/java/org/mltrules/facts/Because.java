package org.mltrules.facts;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.mltrules.CaseField;
import org.mltrules.TherapyStatus;

/**
 * Builds the {@code because} text of a path step: the deciding {@code field = value} pairs joined by {@code "; "},
 * with {@code unknown} for a missing value.
 */
public final class Because {
    private Because() {
    }

    /** A value as written in a {@code because} text. */
    public static String value(Object v) {
        if (v == null) {
            return "unknown";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(v);
    }

    /** {@code field = value}. */
    public static String of(String field, Object v) {
        return field + " = " + value(v);
    }

    /** One lesion field for each lesion, in input order: {@code lesions[0].response = NEW; lesions[2].response = ...}. */
    public static String each(Collection<?> lesions, String field) {
        return lesions.stream().map(Metastasis.class::cast)
                .sorted(Comparator.comparingInt(Metastasis::getIndex))
                .map(m -> m.path(field) + " = " + m.valueOf(field))
                .collect(Collectors.joining("; "));
    }

    /** The therapy facts Q4 read: status; for stopped therapy the dates; the kind when it mattered. */
    public static String therapy(Patient p, boolean withKind) {
        StringBuilder b = new StringBuilder(of(CaseField.SYSTEMIC_THERAPY_STATUS.path(), p.getTherapyStatus()));
        if (p.getTherapyStatus() == TherapyStatus.STOPPED) {
            b.append("; ").append(of(CaseField.SYSTEMIC_THERAPY_LAST_DOSE_DATE.path(), p.getLastDoseDate()));
            b.append("; ").append(of(CaseField.OMD_DIAGNOSIS_DATE.path(), p.getOmdDiagnosisDate()));
        }
        if (withKind) {
            b.append("; ").append(of(CaseField.SYSTEMIC_THERAPY_KIND.path(), p.getTherapyKind()));
        }
        return b.toString();
    }

    /** The two dates Q3 read. */
    public static String dates(LocalDate primary, LocalDate omd) {
        return of(CaseField.PRIMARY_DIAGNOSIS_DATE.path(), primary) + "; " + of(CaseField.OMD_DIAGNOSIS_DATE.path(), omd);
    }
}
