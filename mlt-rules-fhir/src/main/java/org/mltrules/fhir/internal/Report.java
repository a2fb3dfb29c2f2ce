package org.mltrules.fhir.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrules.fhir.MappingEntry;
import org.mltrules.fhir.MappingEntry.Status;
import org.mltrules.fhir.Severity;

/** Collects the mapping report of one bundle: one entry per case field, notes, errors. Single-use. */
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

    void info(String field, String source, String rule, String message) {
        notes.add(new MappingEntry(Severity.INFO, Status.NOTE, field == null ? "" : field, source, rule, message));
    }

    void warn(String field, String source, String rule, String message) {
        notes.add(new MappingEntry(Severity.WARN, Status.NOTE, field == null ? "" : field, source, rule, message));
    }

    void error(String fhirPath, String rule, String message) {
        errors.add(new MappingEntry(Severity.ERROR, Status.ERROR, fhirPath, null, rule, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    boolean hasField(String field) {
        return fields.containsKey(field);
    }

    /** The report: errors first, then the field entries in the given order, then the notes. */
    List<MappingEntry> entries(List<String> fieldOrder) {
        List<MappingEntry> out = new ArrayList<>(errors);
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
