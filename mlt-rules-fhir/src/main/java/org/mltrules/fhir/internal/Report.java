package org.mltrules.fhir.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrules.CaseField;
import org.mltrules.fhir.MappingEntry;
import org.mltrules.fhir.MappingEntry.Status;
import org.mltrules.fhir.Severity;

/**
 * Collects the mapping report of one bundle: one entry per case field, notes, errors. Single-use. A field is
 * named by its input path ({@link CaseField#path()}); a lesion's field by its indexed path ({@code lesions[1].sizeMm}).
 */
final class Report {
    private final Map<String, MappingEntry> fields = new LinkedHashMap<>();
    private final List<MappingEntry> notes = new ArrayList<>();
    private final List<MappingEntry> errors = new ArrayList<>();

    void set(String field, String source, String rule, String message) {
        fields.put(field, new MappingEntry(Severity.INFO, Status.SET, field, source, rule, message));
    }

    void unknown(String field, String source, String rule, String message) {
        fields.put(field, new MappingEntry(Severity.WARN, Status.UNKNOWN, field, source, rule, message));
    }

    void notApplicable(String field, String rule, String message) {
        fields.put(field, new MappingEntry(Severity.INFO, Status.NOT_APPLICABLE, field, null, rule, message));
    }

    void set(CaseField field, String source, String rule, String message) {
        set(field.path(), source, rule, message);
    }

    void unknown(CaseField field, String source, String rule, String message) {
        unknown(field.path(), source, rule, message);
    }

    void notApplicable(CaseField field, String rule, String message) {
        notApplicable(field.path(), rule, message);
    }

    void info(CaseField field, String source, String rule, String message) {
        info(field.path(), source, rule, message);
    }

    void warn(CaseField field, String source, String rule, String message) {
        warn(field.path(), source, rule, message);
    }

    void info(String field, String source, String rule, String message) {
        notes.add(new MappingEntry(Severity.INFO, Status.NOTE, field == null ? "" : field, source, rule, message));
    }

    void warn(String field, String source, String rule, String message) {
        notes.add(new MappingEntry(Severity.WARN, Status.NOTE, field == null ? "" : field, source, rule, message));
    }

    /** Errors listed at most; the error record format allows 100 plus one saying how many more. */
    private static final int MAX_ERRORS = 100;
    private int unlisted;

    void error(String fhirPath, String rule, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new MappingEntry(Severity.ERROR, Status.ERROR, fhirPath, null, rule, message));
        } else {
            unlisted++;
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    boolean hasField(String field) {
        return fields.containsKey(field);
    }

    boolean hasField(CaseField field) {
        return hasField(field.path());
    }

    /** The report: errors first, then the field entries in the given order, then the notes. */
    List<MappingEntry> entries(List<String> fieldOrder) {
        List<MappingEntry> out = new ArrayList<>(errors);
        if (unlisted > 0) {
            out.add(new MappingEntry(Severity.ERROR, Status.ERROR, "Bundle", null, "MAP-ERRORS",
                    unlisted + " more errors not listed"));
        }
        if (errors.isEmpty()) {
            for (String f : fieldOrder) {
                MappingEntry e = fields.get(f);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        out.addAll(notes);
        return out;
    }
}
