package org.mltrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mltrules.Assessment;
import org.mltrules.CaseProblem;
import org.mltrules.Classification;
import org.mltrules.ConventionApplied;
import org.mltrules.Exclusion;
import org.mltrules.LesionAssessment;
import org.mltrules.PathStep;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.UndecidedRule;

/**
 * Writes an {@link Assessment} in the JSON format of docs/case-format.md ("Output: an assessment"), with the field
 * names and order of its example, and the error record that stands in for a rejected or failed case. Writes
 * straight to a Jackson {@link JsonGenerator} (no intermediate tree, no reflection), through one shared factory;
 * thread-safe and stateless. For a batch, {@link AssessmentWriter} frames the records as JSON Lines or an array.
 *
 * <p>Field order of an assessment: {@code caseId, rules{name, version, fingerprint}, classification{category,
 * path[{step, answer, because}], reasons, missing, conventions[{id, name, value}]}, candidacy{level, flags,
 * reasons, missing, treatsAllLesions}, lesions[{lesionId, missing, options[{technique, rank, score,
 * reasons[{rule, effect, text, evidence, tier}], openExclusions[{rule, missing}]}], excluded[{technique,
 * reasons[{rule, text, evidence, tier}]}]}], firedRules, disclaimer}. {@code openExclusions} is written on every
 * option, empty when no undecided exclusion rule applies to it. Exclusion reasons and patient-level ({@code candidacy.reasons}) reasons have no score
 * effect, so they carry no {@code effect} field. A {@code tier} is {@code null} for a configuration reason.
 *
 * <p>Error record: {@code {"index": n, "line": n or null, "caseId": "..." or null, "errors": [{"field",
 * "value", "message", "rule"}]}}, with {@code rule} {@code null} for input problems and set for a rule failure.
 */
public final class AssessmentJson {
    private AssessmentJson() {
    }

    /**
     * A generator configured as the library's own writers are (U+2028 and U+2029 escaped, the stream left open),
     * for a host that writes assessments and error records with {@link #write(JsonGenerator, Assessment)} into a
     * larger document.
     */
    public static JsonGenerator newGenerator(OutputStream out) throws IOException {
        return JsonConfig.FACTORY.createGenerator(Objects.requireNonNull(out, "out must not be null"));
    }

    /** The assessment as compact JSON, in UTF-8. */
    public static byte[] toUtf8(Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment must not be null");
        return bytes(g -> write(g, assessment));
    }

    /** The error record as compact JSON, in UTF-8. */
    public static byte[] toUtf8(ErrorRecord error) {
        Objects.requireNonNull(error, "error must not be null");
        return bytes(g -> write(g, error));
    }

    /** The assessment as compact JSON text. */
    public static String toJson(Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment must not be null");
        return text(g -> write(g, assessment));
    }

    /** The error record of a case that was not assessed, as compact JSON text. */
    public static String toJson(ErrorRecord error) {
        Objects.requireNonNull(error, "error must not be null");
        return text(g -> write(g, error));
    }

    /** Writes the assessment as one JSON object at the generator's current position. */
    public static void write(JsonGenerator g, Assessment a) throws IOException {
        write(g, a, null);
    }

    /**
     * Writes the assessment as one JSON object at the generator's current position, with the caller's fields last
     * ({@code extra} writes field names and values, e.g. {@code "mapping": [...]}; null for none). The fields must
     * be among the optional ones of the assessment schema.
     */
    public static void write(JsonGenerator g, Assessment a, JsonBody extra) throws IOException {
        // The texts that come from the rule set (ids, reasons, citations) are copied pre-encoded on our own
        // generators: the same bytes, without re-escaping them for every case.
        boolean enc = EncodedStrings.usableOn(g);
        g.writeStartObject();
        stringField(g, "caseId", a.caseId());
        objectField(g, "rules");
        constant(g, "name", a.rules().name(), enc);
        constant(g, "version", a.rules().version(), enc);
        constant(g, "fingerprint", a.rules().fingerprint(), enc);
        g.writeEndObject();
        classification(g, a.classification());
        candidacy(g, a, enc);
        arrayField(g, "lesions");
        for (LesionAssessment l : a.lesions()) {
            lesion(g, l, enc);
        }
        g.writeEndArray();
        arrayField(g, "firedRules");
        for (String rule : a.firedRules()) {
            EncodedStrings.write(g, rule, enc);
        }
        g.writeEndArray();
        constant(g, "disclaimer", a.disclaimer(), enc);
        if (extra != null) {
            extra.write(g);
        }
        g.writeEndObject();
    }

    /**
     * Writes an error record as one JSON object at the generator's current position: for a rejection every problem,
     * with {@code rule} null; for a rule failure one error naming the rule.
     */
    public static void write(JsonGenerator g, ErrorRecord e) throws IOException {
        errorStart(g, e.index(), e.line(), e.caseId());
        if (e.failure() != null) {
            error(g, "", null, e.failure().getMessage(), e.failure().rule());
        } else {
            for (CaseProblem p : e.problems()) {
                error(g, p.field(), p.value(), p.message(), null);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void errorStart(JsonGenerator g, long index, Long line, String caseId) throws IOException {
        g.writeStartObject();
        numberField(g, "index", index);
        field(g, "line");
        if (line == null) {
            g.writeNull();
        } else {
            g.writeNumber(line);
        }
        stringField(g, "caseId", caseId);
        arrayField(g, "errors");
    }

    private static void error(JsonGenerator g, String field, Object value, String message, String rule)
            throws IOException {
        g.writeStartObject();
        stringField(g, "field", field);
        field(g, "value");
        scalar(g, value);
        stringField(g, "message", message);
        stringField(g, "rule", rule);
        g.writeEndObject();
    }

    private static void classification(JsonGenerator g, Classification c) throws IOException {
        objectField(g, "classification");
        stringField(g, "category", c.category().name());
        arrayField(g, "path");
        for (PathStep s : c.path()) {
            g.writeStartObject();
            stringField(g, "step", s.step().name());
            stringField(g, "answer", s.answer().name());
            stringField(g, "because", s.because());
            g.writeEndObject();
        }
        g.writeEndArray();
        names(g, "reasons", c.reasons());
        strings(g, "missing", c.missing());
        arrayField(g, "conventions");
        for (ConventionApplied k : c.conventions()) {
            g.writeStartObject();
            stringField(g, "id", k.id());
            stringField(g, "name", k.name());
            field(g, "value");
            scalar(g, k.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void candidacy(JsonGenerator g, Assessment a, boolean enc) throws IOException {
        objectField(g, "candidacy");
        stringField(g, "level", a.candidacy().level().name());
        names(g, "flags", a.candidacy().flags());
        reasons(g, "reasons", a.candidacy().reasons(), false, enc);
        strings(g, "missing", a.candidacy().missing());
        names(g, "treatsAllLesions", a.candidacy().treatsAllLesions());
        g.writeEndObject();
    }

    private static void lesion(JsonGenerator g, LesionAssessment l, boolean enc) throws IOException {
        g.writeStartObject();
        stringField(g, "lesionId", l.lesionId());
        strings(g, "missing", l.missing());
        arrayField(g, "options");
        for (RankedOption o : l.options()) {
            g.writeStartObject();
            constant(g, "technique", o.technique().name(), enc);
            numberField(g, "rank", o.rank());
            numberField(g, "score", o.score());
            reasons(g, "reasons", o.reasons(), true, enc);
            arrayField(g, "openExclusions");
            for (UndecidedRule u : o.openExclusions()) {
                g.writeStartObject();
                constant(g, "rule", u.rule(), enc);
                strings(g, "missing", u.missing());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        arrayField(g, "excluded");
        for (Exclusion x : l.excluded()) {
            g.writeStartObject();
            constant(g, "technique", x.technique().name(), enc);
            reasons(g, "reasons", x.reasons(), false, enc);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void reasons(JsonGenerator g, String field, List<Reason> reasons, boolean withEffect,
                                boolean enc) throws IOException {
        arrayField(g, field);
        for (Reason r : reasons) {
            g.writeStartObject();
            constant(g, "rule", r.rule(), enc);
            if (withEffect) {
                field(g, "effect");
                if (r.effect() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(r.effect());
                }
            }
            constant(g, "text", r.text(), enc);
            constant(g, "evidence", r.evidence(), enc);
            constant(g, "tier", r.tier() == null ? null : r.tier().name(), enc);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A field whose value comes from the rule set or the library, not from the case. */
    private static void constant(JsonGenerator g, String field, String value, boolean enc) throws IOException {
        field(g, field);
        EncodedStrings.write(g, value, enc);
    }

    /**
     * Field names (all plain ASCII, from this class's own literals) are written pre-encoded: Jackson copies the
     * bytes instead of checking every character against the escapes (issue 17). The same bytes on any generator.
     */
    private static final ConcurrentHashMap<String, SerializedString> FIELD_NAMES = new ConcurrentHashMap<>();

    private static void field(JsonGenerator g, String name) throws IOException {
        SerializedString encoded = FIELD_NAMES.get(name);
        if (encoded == null) {
            encoded = FIELD_NAMES.computeIfAbsent(name, SerializedString::new);
        }
        g.writeFieldName(encoded);
    }

    private static void arrayField(JsonGenerator g, String name) throws IOException {
        field(g, name);
        g.writeStartArray();
    }

    private static void objectField(JsonGenerator g, String name) throws IOException {
        field(g, name);
        g.writeStartObject();
    }

    private static void stringField(JsonGenerator g, String name, String value) throws IOException {
        field(g, name);
        g.writeString(value);
    }

    private static void numberField(JsonGenerator g, String name, long value) throws IOException {
        field(g, name);
        g.writeNumber(value);
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        arrayField(g, field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void names(JsonGenerator g, String field, List<? extends Enum<?>> values) throws IOException {
        arrayField(g, field);
        for (Enum<?> e : values) {
            g.writeString(e.name());
        }
        g.writeEndArray();
    }

    /** The largest integer every JSON reader that holds numbers as IEEE doubles reads exactly: 2^53. */
    private static final long DOUBLE_EXACT = 1L << 53;

    /**
     * A JSON scalar for a value of a problem or convention: string, number, boolean or null. A number is written as
     * a JSON number only when a reader that holds numbers as IEEE doubles (JavaScript, most JSON libraries) reads it
     * back exactly; otherwise (an offending value such as {@code 1E+999999999}, {@code 1e-400} or a 30-digit
     * integer) it is written as a string, so that no reader fails on it or silently changes it.
     */
    private static void scalar(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Long) {
            long n = (Long) v;
            if (n >= -DOUBLE_EXACT && n <= DOUBLE_EXACT) {
                g.writeNumber(n);
            } else {
                g.writeString(Long.toString(n));
            }
        } else if (v instanceof BigInteger) {
            BigInteger n = (BigInteger) v;
            if (n.bitLength() <= 53) {
                g.writeNumber(n);
            } else {
                g.writeString(Problems.cut(n.toString()));
            }
        } else if (v instanceof BigDecimal) {
            BigDecimal n = (BigDecimal) v;
            if (readsBackExactly(n)) {
                g.writeNumber(n);
            } else {
                g.writeString(Problems.cut(n.toString()));
            }
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                // JSON has no NaN or infinity: say it in words rather than write invalid JSON.
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof Enum) {
            g.writeString(((Enum<?>) v).name());
        } else {
            g.writeString(Problems.cut(String.valueOf(v)));
        }
    }

    /** Whether the nearest double prints as the same number (1.5, 0.1: yes; 1E+400, 1e-400, 0.1000...01: no). */
    private static boolean readsBackExactly(BigDecimal n) {
        if (n.precision() - n.scale() > 310 || n.scale() - n.precision() > 330) {
            return false; // far beyond the range of a double: do not even compute it
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(n) == 0;
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JsonConfig.FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            // Writing to memory does no I/O: anything else is a bug.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String text(Body body) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator g = JsonConfig.FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            // Writing to memory does no I/O: anything else is a bug.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
