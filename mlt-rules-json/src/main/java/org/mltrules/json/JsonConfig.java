package org.mltrules.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one shared, thread-safe {@link JsonFactory} and the input limits of case format version 1. A
 * {@code JsonFactory} is safe to share once configured, so readers and writers never pay for set-up per call.
 */
final class JsonConfig {
    /** Longest JSON Lines line, in bytes, without its line terminator (docs/case-format.md: "a line over 1 MiB"). */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * Most JSON values (scalars and containers) in one case. A valid case has at most about 2,500 (100 lesions of
     * some 20 values each); the cap keeps a hostile array or object input from filling memory one case at a time.
     */
    static final int MAX_VALUES_PER_CASE = 20_000;

    /**
     * Most characters of keys and strings kept for one case (1 Mi characters, as a JSON Lines line holds at most
     * 1 MiB). A valid case has a few thousand; without this cap, an array or single-object input could hold 20,000
     * strings of 64 Ki characters each in one case and fill the heap.
     */
    static final int MAX_TEXT_PER_CASE = 1 << 20;

    /**
     * Most JSON values in one FHIR Bundle read from a batch (where bundles are allowed). A bundle of 5,000 entries
     * (the FHIR mapper's limit) has some 100 values per entry; the cap bounds the tree a hostile bundle can build.
     */
    static final int MAX_VALUES_PER_BUNDLE = 1_000_000;

    /** At most this many problems are listed for one case; the rest are counted. */
    static final int MAX_PROBLEMS = 100;

    /** Offending values in error records are cut to this many characters. */
    static final int MAX_VALUE_CHARS = 100;

    /** Input paths in error records are cut to this many characters (they hold the input's own keys). */
    static final int MAX_PATH_CHARS = 200;

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

    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            // U+2028 and U+2029 are valid in JSON strings but end a line in JavaScript source and some log viewers.
            .characterEscapes(new LineSeparatorEscapes())
            .streamReadConstraints(READ_CONSTRAINTS)
            // Interning every distinct key in the JVM's string table made an object with a million distinct keys
            // take seconds and fill a JVM-wide table; canonicalisation (bounded, per factory) is enough.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // The caller owns its streams (System.in, System.out): never close them behind its back.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Keeps error messages free of input content beyond what the parser quotes itself.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final Pattern JACKSON_ADVICE = Pattern.compile(": enable `[^`]*` to allow");
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; line: (\\d+), column: (\\d+)\\]");
    private static final Pattern QUOTED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(", from `StreamReadConstraints\\.[^`]*`");

    private JsonConfig() {
    }

    /** JSON's own escapes, and U+2028 and U+2029 written as {@code \u2028} and {@code \u2029}. */
    static final class LineSeparatorEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final SerializedString LS = new SerializedString("\\u2028");
        private static final SerializedString PS = new SerializedString("\\u2029");
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LS : ch == 0x2029 ? PS : null;
        }
    }

    /** True when the parser ran out of input inside a value (the text is a prefix of a longer document). */
    static boolean isEndOfInput(JsonProcessingException e) {
        // Jackson reports the end of input after a comma between array entries as a plain parse exception.
        return e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
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
        } else if (message.startsWith("NUL byte")) {
            what = "malformed JSON: ";
        }
        // Jackson's messages can span lines (hints on the next line): keep the error record on one line, and
        // drop advice meant for programmers (parser features to enable, constraint getters).
        message = message.replace('\n', ' ').replace('\r', ' ');
        message = JACKSON_ADVICE.matcher(message).replaceAll("");
        // The parser quotes an unrecognised token (up to 256 characters of input): messages carry no input
        // content, since hosts log them (InvalidCaseException.getMessage()); the column points at it instead.
        message = QUOTED_TOKEN.matcher(message).replaceAll("Unrecognized token");
        message = CONSTRAINT_SOURCE.matcher(message).replaceAll("");
        message = sourceLocations(message, lineOffset, withLine);
        if (message.length() > 300) {
            message = message.substring(0, 297) + "...";
        }
        JsonLocation at = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
        return what + message + where(at, lineOffset, withLine);
    }

    /**
     * Rewrites the parser's nested locations ({@code [Source: REDACTED (...); line: 1, column: 28]}, e.g. where an
     * unclosed array started) as {@code line l, column c}, with the same line numbering as the message's own
     * location.
     */
    private static String sourceLocations(String message, long lineOffset, boolean withLine) {
        Matcher m = SOURCE_LOCATION.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String at = withLine
                    ? "line " + (Long.parseLong(m.group(1)) + lineOffset) + ", column " + m.group(2)
                    : "column " + m.group(2);
            m.appendReplacement(b, at);
        }
        m.appendTail(b);
        return b.toString();
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
