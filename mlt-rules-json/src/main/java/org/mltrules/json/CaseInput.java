package org.mltrules.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.mltrules.CaseProblem;

/**
 * Reads a batch of cases from a file or standard input, lazily and in constant memory, whatever the number of
 * cases. The layout is decided by one rule (docs/case-format.md, "Input"): the input is one JSON value (a case over
 * several lines: {@link Format#OBJECT}; an array of cases: {@link Format#ARRAY}) only if the whole input parses as
 * one value; otherwise it is JSON Lines, one case per line, blank lines skipped ({@link Format#JSON_LINES}), and
 * every line is a record of its own, a broken first line included. (An array is streamed: see {@link #open} for the
 * one exception this makes.) The decision is about the structure only, so it holds alike for a case and for a FHIR
 * bundle (below).
 *
 * <p>Each case yields a {@link CaseRecord}: the case, or every problem that rejected it. A rejected case never
 * stops the batch: a malformed JSON line yields its error record and reading goes on with the next line. (A
 * syntax error inside an array ends the array, as nothing after it can be located reliably.) A line over 1 MiB
 * is refused before it is parsed, without being held in memory; invalid UTF-8 and broken parser limits (nesting,
 * number and string length, values and text per case) yield error records, not exceptions. Input must be strict
 * UTF-8 without NUL bytes (a byte order mark is skipped); the limits are listed in docs/reliability.md.
 *
 * <p>Opened with bundles allowed ({@link #open(InputStream, boolean)}), the reader also recognises an HL7 FHIR
 * Bundle (a top-level object whose {@code "resourceType"} is {@code "Bundle"}) wherever a case may stand, alone,
 * in an array or on a JSON Lines line, and passes it on unread as its JSON text ({@link CaseRecord#bundle()}) for
 * a FHIR mapper. A bundle is bigger than a case: it may take up to {@link #MAX_BUNDLE_BYTES} (10 MiB), also on one
 * JSON Lines line (a case line stays limited to 1 MiB). Problems with a bundle's JSON (a duplicate key, a size
 * limit) reject it like a case, with FHIR paths ({@code Bundle.entry[3].resource.id}).
 *
 * <pre>{@code
 * try (CaseInput input = CaseInput.open(System.in)) {
 *     while (input.hasNext()) {
 *         CaseRecord r = input.next();
 *         if (r.isValid()) { ... rules.assess(r.patientCase()) ... } else { ... r.problems() ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one reader per input. {@link #hasNext()} and {@link #next()} throw
 * {@link UncheckedIOException} only when the underlying stream fails, never for bad content.
 */
public final class CaseInput implements Iterator<CaseRecord>, Closeable {

    /** Largest FHIR Bundle read from a batch, in bytes (10 MiB), also on one JSON Lines line. */
    public static final int MAX_BUNDLE_BYTES = 10 << 20;

    /** Writes a bundle's tree back to JSON text (array and single-object input). */
    private static final ObjectMapper TREE_WRITER = new ObjectMapper();

    /** How the input holds its cases. */
    public enum Format {
        /** A JSON array of case objects. */
        ARRAY,
        /** One case per line (JSON Lines); blank lines are skipped. An empty input is an empty JSON Lines file. */
        JSON_LINES,
        /** A single case object, possibly pretty-printed over many lines. */
        OBJECT
    }

    private final LineSource source;
    private final Format format;
    /** Whether a FHIR Bundle may stand where a case would. */
    private final boolean bundles;
    /** Lines consumed before the parser's first line (blank lines before the first value). */
    private final long lineOffset;
    /** The input for the parser (array and single-object input), checked as UTF-8 on the way. */
    private final InputStream rest;
    /** Made on first use, where a content error it meets at once becomes an error record, not an exception. */
    private JsonParser parser;

    private long nextIndex;
    private long lineNumber;
    private boolean started;
    private boolean done;
    private CaseRecord pending;

    private CaseInput(LineSource source, Format format, long lineOffset, InputStream rest, long lineNumber) {
        this.source = source;
        this.bundles = source.maxLineBytes() > JsonConfig.MAX_LINE_BYTES;
        this.format = format;
        this.lineOffset = lineOffset;
        this.rest = rest;
        this.lineNumber = lineNumber;
    }

    /**
     * How far the reader looks ahead, at most, to decide whether an input whose first line does not hold a
     * complete value is one JSON value: 16 MiB, more than any case or bundle within its limits.
     */
    static final int LOOKAHEAD_BYTES = 16 << 20;

    /** The parser that only checks the structure of the input while its layout is decided. */
    private static final JsonFactory SCAN = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000)
                    .maxNumberLength(LOOKAHEAD_BYTES).maxStringLength(LOOKAHEAD_BYTES).maxNameLength(LOOKAHEAD_BYTES)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** What the first line holds. */
    private enum FirstLine { COMPLETE, BROKEN, INCOMPLETE, TOO_LONG }

    /**
     * Opens a batch and decides its layout (docs/case-format.md, "Input"): the input is <em>one JSON value</em> (a
     * case or bundle over several lines, or an array) only if the whole input parses as one value; otherwise it is
     * JSON Lines, and each line is a record of its own, a broken first line included. So a batch whose first line
     * was cut short still yields every other line's case. Reads ahead at most 16 MiB (when the first line does not
     * hold a complete value), then the input is read from its start again; closing the returned reader closes
     * {@code in}.
     *
     * @throws IOException          when the stream cannot be read
     * @throws NullPointerException when {@code in} is null
     */
    public static CaseInput open(InputStream in) throws IOException {
        return open(in, false);
    }

    /**
     * Opens a batch in which, when {@code bundles} is true, FHIR Bundles may stand beside cases: each comes back
     * unread as a bundle record ({@link CaseRecord#isBundle()}). With {@code bundles} false, as {@link #open}.
     *
     * @throws IOException          when the stream cannot be read
     * @throws NullPointerException when {@code in} is null
     */
    public static CaseInput open(InputStream in, boolean bundles) throws IOException {
        Objects.requireNonNull(in, "in must not be null");
        // A case line is at most 1 MiB; with bundles allowed, a line may hold a bundle of up to 10 MiB.
        int maxLine = bundles ? MAX_BUNDLE_BYTES : JsonConfig.MAX_LINE_BYTES;
        Lookahead ahead = new Lookahead(in, LOOKAHEAD_BYTES);
        Format format = detect(ahead, maxLine);
        LineSource source = new LineSource(ahead.rewind(), maxLine);
        source.skipByteOrderMark();
        long blankLines = source.skipWhitespace();
        if (format == Format.JSON_LINES) {
            return new CaseInput(source, Format.JSON_LINES, 0, null, blankLines);
        }
        InputStream rest = new Utf8.CheckedStream(source.rest(null), source.position(), "of the input");
        return new CaseInput(source, format, blankLines, rest, 0);
    }

    /**
     * The layout of the input:
     * <ul>
     *   <li>nothing but white space: an empty JSON Lines input;</li>
     *   <li>a first line that starts with {@code [}: a JSON array, read as a stream of cases in constant memory,
     *       unless the array ends on that line and more follows (then JSON Lines). A syntax error inside a longer
     *       array ends the batch after the cases before it: a stream cannot take back what it has given;</li>
     *   <li>a first line with a complete value, a syntax error or content after its value, or over the line limit
     *       (1 MiB, or 10 MiB with bundles allowed): JSON Lines;</li>
     *   <li>a first line that ends inside its value: one value if the rest of the input completes it and holds
     *       nothing after it (judged on the first {@value #LOOKAHEAD_BYTES} bytes: a longer input, or one with
     *       invalid UTF-8 or beyond the parser's limits, is taken as one value and the reader reports what is
     *       wrong); otherwise, such as a JSON Lines input whose first line was cut short, JSON Lines.</li>
     * </ul>
     */
    private static Format detect(Lookahead ahead, int maxLine) throws IOException {
        LineSource probe = new LineSource(ahead.probe(), maxLine);
        probe.skipByteOrderMark();
        probe.skipWhitespace();
        int first = probe.peek();
        if (first < 0) {
            return Format.JSON_LINES;
        }
        probe.nextLine();
        FirstLine line = probe.lineTooLong() ? FirstLine.TOO_LONG : firstLine(probe.line(), probe.lineLength());
        if (first == '[') {
            if (line == FirstLine.COMPLETE || line == FirstLine.BROKEN) {
                // The array ends (or breaks) on its line: one value only if nothing follows.
                probe.skipWhitespace();
                return probe.peek() < 0 || ahead.capReached() ? Format.ARRAY : Format.JSON_LINES;
            }
            return Format.ARRAY;
        }
        if (line != FirstLine.INCOMPLETE) {
            return Format.JSON_LINES;
        }
        return isOneValue(probe, ahead) ? Format.OBJECT : Format.JSON_LINES;
    }

    /** What the first line holds: a complete value and nothing after it, a syntax error, or an unfinished value. */
    private static FirstLine firstLine(byte[] line, int length) {
        try (JsonParser p = SCAN.createParser(line, 0, length)) {
            if (p.nextToken() == null) {
                return FirstLine.COMPLETE;
            }
            p.skipChildren();
            return p.nextToken() == null ? FirstLine.COMPLETE : FirstLine.BROKEN;
        } catch (JsonProcessingException e) {
            return JsonConfig.isEndOfInput(e) ? FirstLine.INCOMPLETE : FirstLine.BROKEN;
        } catch (IOException e) {
            return FirstLine.BROKEN;
        }
    }

    /** Whether the input, from its first line on, is exactly one JSON value (see {@link #detect}). */
    private static boolean isOneValue(LineSource probe, Lookahead ahead) throws IOException {
        InputStream fromFirstLine = new Utf8.CheckedStream(probe.rest(probe.lineWithTerminator()), 0, "of the input");
        try (JsonParser p = SCAN.createParser(fromFirstLine)) {
            p.nextToken();
            p.skipChildren();
            return p.nextToken() == null;
        } catch (CharConversionException | StreamConstraintsException e) {
            // Not text, or beyond the parser's limits: the reader refuses it with its position.
            return true;
        } catch (JsonProcessingException e) {
            // Cut short at the end of the input, or a syntax error: not one value. (Cut short by the look-ahead
            // limit: undecided, read as one value.)
            return JsonConfig.isEndOfInput(e) && ahead.capReached();
        }
    }

    /** The parser of array and single-object input, made on first use. */
    private JsonParser parser() throws IOException {
        if (parser == null) {
            parser = JsonConfig.FACTORY.createParser(rest);
        }
        return parser;
    }

    /** The detected format. */
    public Format format() {
        return format;
    }

    /** Reads the remaining cases as a sequential, ordered stream; closing the stream closes this reader. */
    public Stream<CaseRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            try {
                pending = read();
            } catch (IOException e) {
                done = true;
                throw new UncheckedIOException("cannot read the case input", e);
            }
            if (pending == null) {
                done = true;
            }
        }
        return pending != null;
    }

    @Override
    public CaseRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more cases");
        }
        CaseRecord r = pending;
        pending = null;
        return r;
    }

    @Override
    public void close() throws IOException {
        done = true;
        pending = null;
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            source.close();
        }
    }

    private CaseRecord read() throws IOException {
        switch (format) {
            case JSON_LINES:
                return readLine();
            case ARRAY:
                return readArrayElement();
            default:
                return readObject();
        }
    }

    private CaseRecord readLine() throws IOException {
        do {
            if (!source.nextLine()) {
                return null;
            }
            lineNumber++;
        } while (source.lineBlank());
        long index = nextIndex++;
        Problems problems = new Problems();
        if (source.lineTooLong() || (source.lineLength() > JsonConfig.MAX_LINE_BYTES
                && !startsAsBundle(source.line(), source.lineLength()))) {
            problems.add("", null, "line too long: " + source.lineBytes() + " bytes, the limit is "
                    + JsonConfig.MAX_LINE_BYTES + " bytes (1 MiB)" + (bundles ? " for a case and "
                    + MAX_BUNDLE_BYTES + " bytes (10 MiB) for a FHIR Bundle" : "") + "; the line was not read");
            return new CaseRecord(index, lineNumber, null, null, problems.toList());
        }
        CaseJson.Value v;
        // A valid line (nearly always) is parsed in place; a line with a bad byte goes through the check, so that
        // its error names the field the byte is in, and the case id when it comes first.
        boolean utf8 = Utf8.firstInvalid(source.line(), 0, source.lineLength()) < 0;
        try (JsonParser p = utf8 ? JsonConfig.FACTORY.createParser(source.line(), 0, source.lineLength())
                : JsonConfig.FACTORY.createParser(new Utf8.CheckedStream(
                        new ByteArrayInputStream(source.line(), 0, source.lineLength()), 0, "of the line"))) {
            v = CaseJson.readValue(p, problems, 0, false, bundles);
        } catch (IOException e) {
            // A parser over bytes in memory does no I/O: whatever it throws is about the content.
            problems.add("", null, JsonConfig.describe(e, 0, false));
            v = new CaseJson.Value(new CaseMapper.Mapped(null, null), null);
        }
        if (v.bundle() != null) {
            // The line is the bundle's text, exactly as written.
            return bundleRecord(index, lineNumber, problems,
                    () -> new String(source.line(), 0, source.lineLength(), StandardCharsets.UTF_8));
        }
        return new CaseRecord(index, lineNumber, v.mapped().caseId(), v.mapped().patientCase(), problems.toList());
    }

    /**
     * True when a line over the case limit is a FHIR Bundle, judged from its first key alone (FHIR JSON writes
     * {@code resourceType} first), so that a long line that is not one is refused without being parsed.
     */
    private boolean startsAsBundle(byte[] line, int length) {
        if (!bundles) {
            return false;
        }
        try (JsonParser p = JsonConfig.FACTORY.createParser(line, 0, length)) {
            return p.nextToken() == JsonToken.START_OBJECT && "resourceType".equals(p.nextFieldName())
                    && p.nextToken() == JsonToken.VALUE_STRING && "Bundle".equals(p.getText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The text of a bundle, made only when the bundle has no problems. */
    private interface BundleText {
        String get() throws IOException;
    }

    /** A bundle record, or the bundle's rejection with its problems at FHIR paths ({@code Bundle.entry[0].x}). */
    private static CaseRecord bundleRecord(long index, Long line, Problems problems, BundleText text)
            throws IOException {
        if (problems.isEmpty()) {
            return CaseRecord.ofBundle(index, line, text.get());
        }
        List<CaseProblem> atPaths = new ArrayList<>();
        for (CaseProblem p : problems.toList()) {
            String field = p.field().isEmpty() ? "Bundle" : "Bundle." + p.field();
            atPaths.add(new CaseProblem(field, p.value(), p.message()));
        }
        return new CaseRecord(index, line, null, null, atPaths);
    }

    private CaseRecord readObject() throws IOException {
        if (started) {
            return null;
        }
        started = true;
        Problems problems = new Problems();
        CaseJson.Value v;
        try {
            v = CaseJson.readValue(parser(), problems, lineOffset, true, bundles);
        } catch (CharConversionException e) {
            // Met while the parser was made (it reads the first bytes to detect their encoding).
            problems.add("", null, JsonConfig.describe(e, lineOffset, true));
            v = new CaseJson.Value(new CaseMapper.Mapped(null, null), null);
        }
        if (v.bundle() != null) {
            JsonNode tree = v.bundle();
            return bundleRecord(nextIndex++, null, problems, () -> TREE_WRITER.writeValueAsString(tree));
        }
        return new CaseRecord(nextIndex++, null, v.mapped().caseId(), v.mapped().patientCase(), problems.toList());
    }

    private CaseRecord readArrayElement() throws IOException {
        Problems problems = new Problems();
        TreeReader reader = null;
        try {
            JsonParser parser = parser();
            reader = new TreeReader(parser, problems, bundles);
            if (!started) {
                started = true;
                parser.nextToken(); // the '[' seen by open()
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                done = true;
                if (parser.nextToken() == null) {
                    return null;
                }
                problems.add("", null, "unexpected content after the array of cases"
                        + JsonConfig.where(parser.currentTokenLocation(), lineOffset, true));
                return new CaseRecord(nextIndex++, null, null, null, problems.toList());
            }
            JsonNode tree = reader.read();
            if (reader.isBundle()) {
                return bundleRecord(nextIndex++, null, problems, () -> TREE_WRITER.writeValueAsString(tree));
            }
            CaseMapper.Mapped m = CaseMapper.map(tree, problems);
            return new CaseRecord(nextIndex++, null, m.caseId(), m.patientCase(), problems.toList());
        } catch (JsonProcessingException | CharConversionException e) {
            // The array's structure is lost: report where, and stop.
            done = true;
            problems.add(reader == null ? "" : reader.position(), null, JsonConfig.describe(e, lineOffset, true)
                    + "; the rest of the array cannot be read");
            return new CaseRecord(nextIndex++, null, reader == null ? null : reader.caseId(), null,
                    problems.toList());
        }
    }
}
