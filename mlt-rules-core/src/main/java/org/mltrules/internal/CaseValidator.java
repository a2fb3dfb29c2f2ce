package org.mltrules.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrules.CaseField;
import org.mltrules.CaseLimits;
import org.mltrules.CaseProblem;
import org.mltrules.Histology;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.TherapyStatus;

/**
 * Checks a case for impossible or contradictory values (docs/case-format.md, "A case is rejected when"), collecting
 * every problem in the order of the case format's fields ({@link CaseField}). Unknown ({@code null}) is never a
 * problem. Messages name fields, never values: they end up in {@code InvalidCaseException.getMessage()} and in
 * logs.
 */
public final class CaseValidator {
    /** The case's own fields and a lesion's, in case-format order: computed once, not on every case. */
    private static final CaseField[] CASE_FIELDS = Arrays.stream(CaseField.values())
            .filter(f -> !f.isLesionField()).toArray(CaseField[]::new);
    private static final CaseField[] LESION_FIELDS = CaseField.inGroup("lesions[]").toArray(CaseField[]::new);

    private CaseValidator() {
    }

    /**
     * The outcome of a validation.
     *
     * @param problems  every problem, in case-format order; empty when the case can be assessed
     * @param histology the histology as resolved, or {@code null} when unknown or refused: resolved here once, and
     *                  handed to the engine with the case
     */
    public record Validation(List<CaseProblem> problems, Histology.Resolution histology) {
        public Validation {
            problems = List.copyOf(problems);
        }
    }

    public static List<CaseProblem> problems(PatientCase c) {
        return validate(c).problems();
    }

    public static Validation validate(PatientCase c) {
        List<CaseProblem> p = new ArrayList<>();
        Histology.Resolution histology = null;
        for (CaseField f : CASE_FIELDS) {
            Object value = f.get(c);
            switch (f.type()) {
                case STRING -> string(p, f.path(), (String) value);
                case HISTOLOGY -> {
                    if (value != null) {
                        histology = Histology.resolve((String) value).orElse(null);
                        if (histology == null) {
                            p.add(new CaseProblem(f.path(), value, Histology.whyRefused((String) value)));
                        }
                    }
                }
                case DATE -> dateOrder(p, c, f);
                case INTEGER -> range(p, f, f.path(), value == null ? null : ((Integer) value).doubleValue());
                case NUMBER -> range(p, f, f.path(), (Double) value);
                case LESIONS -> lesions(p, c.lesions());
                default -> {
                    // booleans and enum names cannot be out of range
                }
            }
        }
        return new Validation(p, histology);
    }

    /** The date rules of the case format: each date problem is reported on the later field of the pair. */
    private static void dateOrder(List<CaseProblem> p, PatientCase c, CaseField f) {
        LocalDate primary = c.primaryDiagnosisDate();
        LocalDate omd = c.omdDiagnosisDate();
        switch (f) {
            case OMD_DIAGNOSIS_DATE -> {
                if (primary != null && omd != null && omd.isBefore(primary)) {
                    p.add(new CaseProblem(f.path(), omd.toString(), "before " + CaseField.PRIMARY_DIAGNOSIS_DATE.path()));
                }
            }
            case SYSTEMIC_THERAPY_LAST_DOSE_DATE -> {
                LocalDate lastDose = c.systemicTherapy().lastDoseDate();
                if (c.systemicTherapy().status() == TherapyStatus.STOPPED && lastDose != null && omd != null
                        && lastDose.isAfter(omd)) {
                    p.add(new CaseProblem(f.path(), lastDose.toString(),
                            "stopped therapy cannot have its last dose after " + CaseField.OMD_DIAGNOSIS_DATE.path()));
                }
            }
            case LAST_LOCAL_THERAPY_DATE -> {
                LocalDate last = c.lastLocalTherapyDate();
                if (last != null && omd != null && last.isAfter(omd)) {
                    p.add(new CaseProblem(f.path(), last.toString(), "after " + CaseField.OMD_DIAGNOSIS_DATE.path()));
                }
                if (last != null && primary != null && last.isBefore(primary)) {
                    p.add(new CaseProblem(f.path(), last.toString(),
                            "before " + CaseField.PRIMARY_DIAGNOSIS_DATE.path()));
                }
            }
            default -> {
                // the primary diagnosis date is the start of every pair
            }
        }
    }

    private static void lesions(List<CaseProblem> p, List<Lesion> lesions) {
        if (lesions == null) {
            return;
        }
        if (!CaseField.LESIONS.range().contains(lesions.size())) {
            p.add(new CaseProblem(CaseField.LESIONS.path(), lesions.size() + " lesions",
                    "at most " + CaseLimits.MAX_LESIONS + " lesions per case"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lesions.size(); i++) {
            Lesion l = lesions.get(i);
            // A field's path ("lesions[2].sizeMm") is built only for a problem: most lesions have none.
            for (CaseField f : LESION_FIELDS) {
                switch (f.type()) {
                    case STRING -> {
                        String value = (String) f.get(l);
                        if (!CaseLimits.isValidId(value)) {
                            string(p, lesionField(i, f), value);
                        }
                        if (f == CaseField.LESION_ID && !ids.add(l.id())) {
                            p.add(new CaseProblem(lesionField(i, f), l.id(), "lesion ids must be unique in the case"));
                        }
                    }
                    case NUMBER -> {
                        Double value = (Double) f.get(l);
                        if (value != null && !(Double.isFinite(value) && f.range().contains(value))) {
                            range(p, f, lesionField(i, f), value);
                        }
                    }
                    default -> {
                        // enum names and booleans cannot be out of range
                    }
                }
            }
        }
    }

    private static String lesionField(int index, CaseField f) {
        return "lesions[" + index + "]." + f.key();
    }

    private static void string(List<CaseProblem> p, String field, String value) {
        if (value.isEmpty()) {
            p.add(new CaseProblem(field, value, "must not be empty"));
        } else if (value.length() > CaseLimits.MAX_STRING_LENGTH) {
            p.add(new CaseProblem(field, value.substring(0, 32) + "...",
                    "longer than " + CaseLimits.MAX_STRING_LENGTH + " characters (" + value.length() + ")"));
        } else {
            String bad = CaseLimits.unsafeCharacter(value);
            if (bad != null) {
                p.add(new CaseProblem(field, value, bad));
            }
        }
    }

    /**
     * A number or integer inside the field's range; NaN and infinities are refused. The messages: {@code must be an
     * integer from 0 to 4} for a closed range, {@code must be greater than 0} for an open lower bound, {@code must
     * not be negative} for 0 or more.
     */
    private static void range(List<CaseProblem> p, CaseField f, String field, Double value) {
        if (value == null) {
            return;
        }
        Object given = f.type() == CaseField.Type.INTEGER ? (Object) value.intValue() : value;
        if (value.isNaN() || value.isInfinite()) {
            p.add(new CaseProblem(field, given, "must be a finite number"));
        } else if (!f.range().contains(value)) {
            CaseField.Range r = f.range();
            String message = r.max() != null ? "must be " + f.rangeText()
                    : r.minExclusive() ? "must be greater than " + r.min().longValue()
                    : r.min() == 0 ? "must not be negative" : "must be " + f.rangeText();
            p.add(new CaseProblem(field, given, message));
        }
    }
}
