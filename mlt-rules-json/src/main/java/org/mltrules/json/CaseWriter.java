package org.mltrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Objects;
import org.mltrules.CaseField;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;

/**
 * Writes a {@link PatientCase} as a case in JSON format version 1, on one line (a JSON Lines record), in the field
 * order of the format's documentation (the order of {@link CaseField}). Unknown ({@code null}) facts are left out, which the format reads as
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

    /**
     * Writes the case as one JSON object at the generator's position (e.g. inside a larger record, with the
     * generator's own indentation).
     *
     * @throws IOException when the generator fails
     */
    public static void write(JsonGenerator g, PatientCase patientCase) throws IOException {
        Objects.requireNonNull(g, "g must not be null");
        writeCase(g, Objects.requireNonNull(patientCase, "patientCase must not be null"));
    }

    private static void writeCase(JsonGenerator g, PatientCase c) throws IOException {
        g.writeStartObject();
        String openGroup = "";
        for (CaseField f : CaseField.values()) {
            if (f.isLesionField()) {
                continue;
            }
            String group = f.group();
            if (!group.equals(openGroup)) {
                if (!openGroup.isEmpty()) {
                    g.writeEndObject();
                }
                openGroup = "";
                // A group is written only when one of its fields is known: absent and all-null mean the same.
                if (!group.isEmpty() && anyKnown(c, group)) {
                    g.writeObjectFieldStart(group);
                    openGroup = group;
                }
            }
            if (group.isEmpty() || group.equals(openGroup)) {
                if (f == CaseField.LESIONS) {
                    if (c.lesions() != null) {
                        g.writeArrayFieldStart(f.key());
                        for (Lesion l : c.lesions()) {
                            writeLesion(g, l);
                        }
                        g.writeEndArray();
                    }
                } else {
                    field(g, f, f.get(c));
                }
            }
        }
        if (!openGroup.isEmpty()) {
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static boolean anyKnown(PatientCase c, String group) {
        for (CaseField f : CaseField.inGroup(group)) {
            if (f.get(c) != null) {
                return true;
            }
        }
        return false;
    }

    private static void writeLesion(JsonGenerator g, Lesion l) throws IOException {
        g.writeStartObject();
        for (CaseField f : CaseField.inGroup("lesions[]")) {
            field(g, f, f.get(l));
        }
        g.writeEndObject();
    }

    /** One field by its type; an unknown ({@code null}) field is left out. */
    private static void field(JsonGenerator g, CaseField f, Object value) throws IOException {
        if (value == null) {
            return;
        }
        String name = f.key();
        switch (f.type()) {
            case STRING, HISTOLOGY -> g.writeStringField(name, (String) value);
            case DATE -> g.writeStringField(name, value.toString());
            case BOOLEAN -> g.writeBooleanField(name, (Boolean) value);
            case INTEGER -> g.writeNumberField(name, ((Integer) value).intValue());
            case NUMBER -> number(g, name, (Double) value);
            case ENUM -> g.writeStringField(name, ((Enum<?>) value).name());
            case ENUM_SET -> {
                g.writeArrayFieldStart(name);
                for (Object e : (Collection<?>) value) {   // an EnumSet: declaration order, so the output is stable
                    g.writeString(((Enum<?>) e).name());
                }
                g.writeEndArray();
            }
            case LESIONS -> throw new IllegalArgumentException("lesions are written by writeCase");
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
