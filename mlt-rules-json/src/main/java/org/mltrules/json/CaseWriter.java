package org.mltrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Objects;
import org.mltrules.Feature;
import org.mltrules.History;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.SystemicTherapy;

/**
 * Writes a {@link PatientCase} as a case in JSON format version 1, on one line (a JSON Lines record), in the field
 * order of the format's documentation. Unknown ({@code null}) facts are left out, which the format reads as
 * unknown; an empty lesion list ({@code []}, no distant metastasis) and an empty feature list (a lesion known to
 * have none) are written, because they are not the same as unknown. Numbers with no fractional part are written
 * as integers ({@code 15}, not {@code 15.0}).
 *
 * <p>Reading the output back gives an equal {@code PatientCase}. Stateless and thread-safe.
 */
public final class CaseWriter {

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private CaseWriter() {
    }

    /** The case as one line of compact JSON, without a line terminator. */
    public static String toJson(PatientCase patientCase) {
        StringWriter w = new StringWriter(512);
        try {
            write(patientCase, w);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return w.toString();
    }

    /**
     * Writes the case as one line of compact JSON, without a line terminator. Does not close or flush the writer.
     *
     * @throws IOException when the writer fails
     */
    public static void write(PatientCase patientCase, Writer out) throws IOException {
        Objects.requireNonNull(patientCase, "patientCase must not be null");
        Objects.requireNonNull(out, "out must not be null");
        // the shared factory does not close the caller's writer
        try (JsonGenerator g = JsonConfig.FACTORY.createGenerator(out)) {
            writeCase(g, patientCase);
        }
    }

    private static void writeCase(JsonGenerator g, PatientCase c) throws IOException {
        g.writeStartObject();
        g.writeStringField("caseId", c.caseId());
        string(g, "histology", c.histology());
        date(g, "primaryDiagnosisDate", c.primaryDiagnosisDate());
        date(g, "omdDiagnosisDate", c.omdDiagnosisDate());
        History h = c.history();
        if (h.polymetastatic() != null || h.oligometastatic() != null) {
            g.writeObjectFieldStart("history");
            bool(g, "polymetastatic", h.polymetastatic());
            bool(g, "oligometastatic", h.oligometastatic());
            g.writeEndObject();
        }
        SystemicTherapy t = c.systemicTherapy();
        if (t.status() != null || t.lastDoseDate() != null || t.kind() != null) {
            g.writeObjectFieldStart("systemicTherapy");
            string(g, "status", t.status() == null ? null : t.status().name());
            date(g, "lastDoseDate", t.lastDoseDate());
            string(g, "kind", t.kind() == null ? null : t.kind().name());
            g.writeEndObject();
        }
        integer(g, "ecog", c.ecog());
        bool(g, "medicallyOperable", c.medicallyOperable());
        bool(g, "declinesSurgery", c.declinesSurgery());
        bool(g, "pulmonaryReserveAdequate", c.pulmonaryReserveAdequate());
        bool(g, "parenchymaSparingNeeded", c.parenchymaSparingNeeded());
        number(g, "plateletsPerNanolitre", c.plateletsPerNanolitre());
        number(g, "inr", c.inr());
        number(g, "tumourDoublingTimeDays", c.tumourDoublingTimeDays());
        number(g, "lifeExpectancyMonths", c.lifeExpectancyMonths());
        integer(g, "priorLungResections", c.priorLungResections());
        if (c.lesions() != null) {
            g.writeArrayFieldStart("lesions");
            for (Lesion l : c.lesions()) {
                writeLesion(g, l);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeLesion(JsonGenerator g, Lesion l) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", l.id());
        g.writeStringField("site", l.site().name());
        string(g, "laterality", l.laterality() == null ? null : l.laterality().name());
        number(g, "sizeMm", l.sizeMm());
        string(g, "response", l.response() == null ? null : l.response().name());
        bool(g, "safelyTreatable", l.safelyTreatable());
        bool(g, "resectableR0", l.resectableR0());
        bool(g, "sabrConstraintsAchievable", l.sabrConstraintsAchievable());
        bool(g, "previouslyIrradiated", l.previouslyIrradiated());
        if (l.features() != null) {
            g.writeArrayFieldStart("features");
            for (Feature f : l.features()) {      // an EnumSet: declaration order, so the output is stable
                g.writeString(f.name());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void date(JsonGenerator g, String name, LocalDate value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }

    private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value != null) {
            g.writeBooleanField(name, value);
        }
    }

    private static void integer(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.intValue());
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value == null) {
            return;
        }
        double v = value;
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO) {
            g.writeNumberField(name, (long) v);
        } else {
            g.writeNumberField(name, v);     // shortest representation that reads back to the same double
        }
    }
}
