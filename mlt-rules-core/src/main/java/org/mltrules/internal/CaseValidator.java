package org.mltrules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrules.CaseProblem;
import org.mltrules.Histology;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.TherapyStatus;

/**
 * Checks a case for impossible or contradictory values (case-format.md, "A case is rejected when"), collecting
 * every problem. Unknown ({@code null}) is never a problem.
 */
public final class CaseValidator {
    /** Most lesions in one case. */
    public static final int MAX_LESIONS = 100;
    /** Longest case id, lesion id or other string. */
    public static final int MAX_STRING = 128;

    private CaseValidator() {
    }

    public static List<CaseProblem> problems(PatientCase c) {
        List<CaseProblem> p = new ArrayList<>();
        string(p, "caseId", c.caseId());
        if (c.histology() != null && Histology.resolve(c.histology()).isEmpty()) {
            p.add(new CaseProblem("histology", c.histology(), Histology.whyRefused(c.histology())));
        }
        if (c.primaryDiagnosisDate() != null && c.omdDiagnosisDate() != null
                && c.omdDiagnosisDate().isBefore(c.primaryDiagnosisDate())) {
            // Messages name fields, never values: they end up in InvalidCaseException.getMessage() and in logs.
            p.add(new CaseProblem("omdDiagnosisDate", c.omdDiagnosisDate().toString(),
                    "before primaryDiagnosisDate"));
        }
        if (c.systemicTherapy().status() == TherapyStatus.STOPPED && c.systemicTherapy().lastDoseDate() != null
                && c.omdDiagnosisDate() != null && c.systemicTherapy().lastDoseDate().isAfter(c.omdDiagnosisDate())) {
            p.add(new CaseProblem("systemicTherapy.lastDoseDate", c.systemicTherapy().lastDoseDate().toString(),
                    "stopped therapy cannot have its last dose after omdDiagnosisDate"));
        }
        if (c.ecog() != null && (c.ecog() < 0 || c.ecog() > 4)) {
            p.add(new CaseProblem("ecog", c.ecog(), "must be an integer from 0 to 4"));
        }
        atLeast(p, "plateletsPerNanolitre", c.plateletsPerNanolitre(), false);
        atLeast(p, "inr", c.inr(), true);
        atLeast(p, "tumourDoublingTimeDays", c.tumourDoublingTimeDays(), true);
        atLeast(p, "lifeExpectancyMonths", c.lifeExpectancyMonths(), false);
        if (c.priorLungResections() != null && c.priorLungResections() < 0) {
            p.add(new CaseProblem("priorLungResections", c.priorLungResections(), "must not be negative"));
        }
        if (c.lesions() != null) {
            if (c.lesions().size() > MAX_LESIONS) {
                p.add(new CaseProblem("lesions", c.lesions().size() + " lesions",
                        "at most " + MAX_LESIONS + " lesions per case"));
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < c.lesions().size(); i++) {
                Lesion l = c.lesions().get(i);
                String at = "lesions[" + i + "]";
                string(p, at + ".id", l.id());
                if (!ids.add(l.id())) {
                    p.add(new CaseProblem(at + ".id", l.id(), "lesion ids must be unique in the case"));
                }
                atLeast(p, at + ".sizeMm", l.sizeMm(), true);
            }
        }
        return p;
    }

    private static void string(List<CaseProblem> p, String field, String value) {
        if (value.isEmpty()) {
            p.add(new CaseProblem(field, value, "must not be empty"));
        } else if (value.length() > MAX_STRING) {
            p.add(new CaseProblem(field, value.substring(0, 32) + "...",
                    "longer than " + MAX_STRING + " characters (" + value.length() + ")"));
        } else {
            String bad = unsafeCharacter(value);
            if (bad != null) {
                p.add(new CaseProblem(field, value, bad));
            }
        }
    }

    /**
     * Why an id is unfit for output, or {@code null}: a control character (it could rewrite a terminal or split
     * a CSV or text report line) or an unpaired surrogate (not Unicode text; strict JSON readers refuse it).
     * Names the position, never the text.
     */
    public static String unsafeCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return "not well-formed Unicode: unpaired surrogate at character " + (i + 1);
            } else if (Character.isISOControl(ch)) {
                return "must not contain control characters (U+0000-U+001F, U+007F-U+009F): one at character "
                        + (i + 1);
            }
        }
        return null;
    }

    /** {@code value >= 0}, or {@code > 0} when strict; NaN and infinities are refused. */
    private static void atLeast(List<CaseProblem> p, String field, Double value, boolean strict) {
        if (value == null) {
            return;
        }
        if (value.isNaN() || value.isInfinite()) {
            p.add(new CaseProblem(field, value, "must be a finite number"));
        } else if (strict ? value <= 0 : value < 0) {
            p.add(new CaseProblem(field, value, strict ? "must be greater than 0" : "must not be negative"));
        }
    }
}
