package org.mltrules.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The one shared, thread-safe {@link JsonFactory} and the input limits of case format version 1. A
 * {@code JsonFactory} is safe to share once configured, so readers and writers never pay for set-up per call.
 */
final class JsonConfig {
    /** Longest JSON Lines line, in bytes, without its line terminator (case-format.md: "a line over 1 MiB"). */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * Most JSON values (scalars and containers) in one case. A valid case has at most about 2,500 (100 lesions of
     * some 20 values each); the cap keeps a hostile array or object input from filling memory one case at a time.
     */
    static final int MAX_VALUES_PER_CASE = 20_000;

    /** At most this many problems are listed for one case; the rest are counted. */
    static final int MAX_PROBLEMS = 100;

    /** Offending values in error records are cut to this many characters. */
    static final int MAX_VALUE_CHARS = 100;

    /**
     * Parser limits, so that hostile input fails fast with a clear message. A valid case nests 4 levels deep
     * (case, lesions, lesion, features), has no number longer than a few digits and no string over 128 characters;
     * the limits leave ample room for an invalid-but-honest case to be parsed and reported field by field.
     */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxNumberLength(100)
            .maxStringLength(64 * 1024)
            .maxNameLength(1024)
            .build();

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(READ_CONSTRAINTS)
            // The caller owns its streams (System.in, System.out): never close them behind its back.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Keeps error messages free of input content beyond what the parser quotes itself.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final Pattern JACKSON_ADVICE = Pattern.compile(": enable `[^`]*` to allow");
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(", from `StreamReadConstraints\\.[^`]*`");

    private JsonConfig() {
    }

    /** True when the parser ran out of input inside a value (the text is a prefix of a longer document). */
    static boolean isEndOfInput(JsonProcessingException e) {
        return e instanceof JsonEOFException;
    }

    /**
     * A one-line description of a parse failure, without a stack trace or source excerpt.
     *
     * @param lineOffset added to the parser's line number (lines consumed before the parser started)
     * @param withLine   false for JSON Lines, where the record's line is reported separately
     */
    static String describe(IOException e, long lineOffset, boolean withLine) {
        String what = e instanceof StreamConstraintsException ? "input exceeds a limit: "
                : e instanceof CharConversionException ? "invalid character encoding: " : "malformed JSON: ";
        String message = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        if (message.startsWith("Invalid UTF-8")) {
            what = "invalid character encoding (input must be UTF-8): ";
        }
        // Jackson's messages can span lines (hints on the next line): keep the error record on one line, and
        // drop advice meant for programmers (parser features to enable, constraint getters).
        message = message.replace('\n', ' ').replace('\r', ' ');
        message = JACKSON_ADVICE.matcher(message).replaceAll("");
        message = CONSTRAINT_SOURCE.matcher(message).replaceAll("");
        if (message.length() > 300) {
            message = message.substring(0, 297) + "...";
        }
        JsonLocation at = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
        return what + message + where(at, lineOffset, withLine);
    }

    /** {@code " (line l, column c)"}, or {@code " (column c)"} without the line; empty when unknown. */
    static String where(JsonLocation at, long lineOffset, boolean withLine) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return withLine
                ? " (line " + (at.getLineNr() + lineOffset) + ", column " + at.getColumnNr() + ")"
                : " (column " + at.getColumnNr() + ")";
    }
}
