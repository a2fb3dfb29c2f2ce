package org.mltrules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.mltrules.InvalidCaseException;
import org.mltrules.PatientCase;

/**
 * Reads one case in the JSON case format version 1 (docs/case-format.md) into a {@link PatientCase}, strictly: an
 * unknown field, a repeated key, a wrong type, an out-of-range value, an invalid date, an unknown enum name or
 * histology code, a missing {@code caseId} or lesion {@code id}/{@code site}, or a limit exceeded rejects the
 * case, and every problem is named at once, with its input path ({@code lesions[2].sizeMm}), the offending value
 * and the reason. A field that is absent or {@code null} is <em>unknown</em>, never an error.
 *
 * <p>The returned case has passed {@link PatientCase#problems()} as well, so it can be assessed as is. For many
 * cases (a file, standard input) use {@link CaseInput}, which streams. Thread-safe; no state.
 */
public final class CaseJson {
    private CaseJson() {
    }

    /**
     * Reads one case from JSON text holding exactly one JSON object (a leading byte order mark is skipped).
     *
     * @throws InvalidCaseException when the text is not valid JSON or the case is invalid; lists every problem
     * @throws NullPointerException when {@code json} is null
     */
    public static PatientCase read(String json) {
        Objects.requireNonNull(json, "json must not be null");
        Problems problems = new Problems();
        CaseMapper.Mapped mapped;
        // A byte order mark survives when a host decodes a file into a String by hand: it is not content.
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser p = JsonConfig.FACTORY.createParser(text)) {
            mapped = readDocument(p, problems, 0, true);
        } catch (IOException e) {
            // Reading a String does no I/O: anything else is a bug.
            throw new UncheckedIOException(e);
        }
        return orThrow(mapped, problems);
    }

    /**
     * Reads one case from a JSON tree built by the host (e.g. part of a larger request). A tree cannot tell a key
     * given twice, as the host's parser already merged it: prefer {@link #read(String)} for raw input. The tree is
     * held to the limits of the text reader first (nesting, values and text per case, string and key length), so a
     * hostile tree, however deep or large, is refused like hostile text.
     *
     * @throws InvalidCaseException when the case is invalid or the tree breaks a limit; lists every problem
     * @throws NullPointerException when {@code tree} is null
     */
    public static PatientCase read(JsonNode tree) {
        Objects.requireNonNull(tree, "tree must not be null");
        Problems problems = new Problems();
        String beyond = TreeLimits.check(tree);
        if (beyond != null) {
            problems.add("", null, beyond);
            throw new InvalidCaseException(null, problems.toList());
        }
        return orThrow(CaseMapper.map(tree, problems), problems);
    }

    private static PatientCase orThrow(CaseMapper.Mapped mapped, Problems problems) {
        if (!problems.isEmpty()) {
            throw new InvalidCaseException(mapped.caseId(), problems.toList());
        }
        return mapped.patientCase();
    }

    /**
     * Reads a document that must hold exactly one case: the first value, then nothing but whitespace. Malformed
     * JSON and broken parser limits become problems.
     *
     * @param lineOffset lines consumed before the parser started, for the line numbers in messages
     * @param withLine   whether messages give the line (not for JSON Lines, whose record carries it)
     * @throws IOException only when the underlying stream fails
     */
    static CaseMapper.Mapped readDocument(JsonParser p, Problems problems, long lineOffset, boolean withLine)
            throws IOException {
        return readValue(p, problems, lineOffset, withLine, false).mapped();
    }

    /**
     * What a document holds: a case ({@code mapped}), or, where bundles are allowed, a FHIR Bundle's tree
     * ({@code bundle}, with {@code mapped} empty; the problems then concern the bundle's JSON).
     */
    record Value(CaseMapper.Mapped mapped, JsonNode bundle) {
    }

    /** {@link #readDocument}, recognising a FHIR Bundle (top-level {@code "resourceType": "Bundle"}) when asked. */
    static Value readValue(JsonParser p, Problems problems, long lineOffset, boolean withLine, boolean bundles)
            throws IOException {
        JsonNode root;
        TreeReader reader = new TreeReader(p, problems, bundles);
        try {
            if (p.nextToken() == null) {
                problems.add("", null, "no JSON value: the input is empty");
                return new Value(new CaseMapper.Mapped(null, null), null);
            }
            root = reader.read();
        } catch (JsonProcessingException | CharConversionException e) {
            problems.add(reader.position(), null, JsonConfig.describe(e, lineOffset, withLine));
            return new Value(new CaseMapper.Mapped(reader.caseId(), null), null);
        }
        String what = reader.isBundle() ? "bundle" : "case object";
        try {
            JsonToken extra = p.nextToken();
            if (extra != null) {
                problems.add("", null, "unexpected content after the " + what
                        + JsonConfig.where(p.currentTokenLocation(), lineOffset, withLine));
            }
        } catch (JsonProcessingException | CharConversionException e) {
            problems.add("", null, "unexpected content after the " + what + ": "
                    + JsonConfig.describe(e, lineOffset, withLine));
        }
        if (reader.isBundle()) {
            return new Value(new CaseMapper.Mapped(null, null), root);
        }
        return new Value(CaseMapper.map(root, problems), null);
    }
}
