package org.mltrules.fhir;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.mltrules.Assessment;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseWriter;
import org.mltrules.json.JsonBody;

/**
 * JSON of the mapping report and of a mapped bundle, for the command line's {@code map} command and the
 * {@code mapping} key of an assessment. Stateless and thread-safe.
 *
 * <ul>
 *   <li>An assessment of a mapped bundle: the assessment with {@code "mapping": [...entries...]} last.</li>
 *   <li>A report entry: {@code {"severity", "status", "field", "source", "rule", "message"}} ({@code source}
 *       may be null).</li>
 *   <li>A mapped bundle: {@code {"case": {...case format v1...}, "mapping": [...entries...]}}.</li>
 *   <li>A bundle that could not be mapped: the project's usual error record ({@code {"index", "line", "caseId",
 *       "errors": [{"field": FHIR path, "value": null, "message", "rule": null}]}}), as for a rejected case.</li>
 * </ul>
 */
public final class MappingJson {

    private MappingJson() {
    }

    /** The report as a compact JSON array. */
    public static String reportToJson(List<MappingEntry> report) {
        Objects.requireNonNull(report, "report must not be null");
        return text(g -> writeReport(g, report));
    }

    /**
     * A mapped bundle as {@code {"case": ..., "mapping": [...]}}; for a bundle that could not be mapped, its
     * error record (index 0, no line).
     */
    public static String toJson(MappingResult result) {
        Objects.requireNonNull(result, "result must not be null");
        return text(g -> write(g, result, 0, null));
    }

    /** Writes the report as a JSON array at the generator's position (e.g. after the field name "mapping"). */
    public static void writeReport(JsonGenerator g, List<MappingEntry> report) throws IOException {
        g.writeStartArray();
        for (MappingEntry e : report) {
            g.writeStartObject();
            g.writeStringField("severity", e.severity().name());
            g.writeStringField("status", e.status().name());
            g.writeStringField("field", e.field());
            g.writeStringField("source", e.source());
            g.writeStringField("rule", e.rule());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes one mapped bundle at the generator's position: {@code {"case", "mapping"}}, or, when no case was
     * produced, the error record of the input at {@code index} ({@code line} for JSON Lines input, else null).
     */
    public static void write(JsonGenerator g, MappingResult result, long index, Long line) throws IOException {
        if (result.isMapped()) {
            g.writeStartObject();
            g.writeFieldName("case");
            CaseWriter.write(g, result.patientCase().orElseThrow());
            g.writeFieldName("mapping");
            writeReport(g, result.report());
            g.writeEndObject();
            return;
        }
        AssessmentJson.write(g, result.errorRecord(index, line));
    }

    /** An assessment of a mapped bundle: the assessment JSON with the report under {@code "mapping"}, last. */
    public static String assessmentToJson(Assessment assessment, List<MappingEntry> report) {
        Objects.requireNonNull(assessment, "assessment must not be null");
        Objects.requireNonNull(report, "report must not be null");
        return text(g -> writeAssessment(g, assessment, report));
    }

    /** Writes an assessment with the report under {@code "mapping"} at the generator's position. */
    public static void writeAssessment(JsonGenerator g, Assessment assessment, List<MappingEntry> report)
            throws IOException {
        AssessmentJson.write(g, assessment, mappingField(report));
    }

    /**
     * The {@code "mapping": [...]} field, to append to an assessment written by
     * {@link org.mltrules.json.AssessmentWriter#write(Assessment, JsonBody)}.
     */
    public static JsonBody mappingField(List<MappingEntry> report) {
        Objects.requireNonNull(report, "report must not be null");
        return g -> {
            g.writeFieldName("mapping");
            writeReport(g, report);
        };
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String text(Body body) {
        // The library's generator, so U+2028 and U+2029 are escaped as in every other JSON the library writes.
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = AssessmentJson.newGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
