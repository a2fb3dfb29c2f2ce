package org.mltrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.mltrules.Assessment;

/**
 * Streams the output of a batch, one record per case in input order (an assessment, or the error record of a
 * rejected or failed case), as UTF-8 in one of the layouts of the command line: JSON Lines (one compact object per
 * line), a JSON array, or a single object. Each record goes straight to the stream, so a batch of any size is
 * written in constant memory. See {@link AssessmentJson} for the record formats.
 *
 * <p>Not thread-safe: one writer per output. {@link #close()} ends the array if needed and flushes, but does not
 * close the stream (it may be {@code System.out}).
 */
public final class AssessmentWriter implements Closeable, Flushable {
    private enum Layout { JSON_LINES, ARRAY, SINGLE }

    private final JsonGenerator g;
    private final Layout layout;
    private long written;
    private boolean closed;

    private AssessmentWriter(OutputStream out, Layout layout, boolean pretty) throws IOException {
        this.layout = layout;
        this.g = JsonConfig.FACTORY.createGenerator(Objects.requireNonNull(out, "out must not be null"));
        // Records are separated by our own newline (JSON Lines), not by Jackson's default root separator (a space).
        g.setRootValueSeparator(null);
        if (pretty && layout != Layout.JSON_LINES) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
        }
        if (layout == Layout.ARRAY) {
            g.writeStartArray();
        }
    }

    /** One compact JSON object per line, each line ended by {@code \n}. */
    public static AssessmentWriter jsonLines(OutputStream out) throws IOException {
        return new AssessmentWriter(out, Layout.JSON_LINES, false);
    }

    /** A JSON array of records (also for zero or one record), indented when {@code pretty}. */
    public static AssessmentWriter array(OutputStream out, boolean pretty) throws IOException {
        return new AssessmentWriter(out, Layout.ARRAY, pretty);
    }

    /** Exactly one record, as a JSON object (for a single-object input), indented when {@code pretty}. */
    public static AssessmentWriter single(OutputStream out, boolean pretty) throws IOException {
        return new AssessmentWriter(out, Layout.SINGLE, pretty);
    }

    /** Writes an assessment. */
    public void write(Assessment assessment) throws IOException {
        Objects.requireNonNull(assessment, "assessment must not be null");
        before();
        AssessmentJson.write(g, assessment);
        after();
    }

    /**
     * Writes an assessment with the caller's fields last (e.g. the FHIR mapping report under {@code "mapping"});
     * see {@link AssessmentJson#write(JsonGenerator, Assessment, JsonBody)}.
     */
    public void write(Assessment assessment, JsonBody extra) throws IOException {
        Objects.requireNonNull(assessment, "assessment must not be null");
        before();
        AssessmentJson.write(g, assessment, extra);
        after();
    }

    /**
     * Writes a record the caller renders itself as one JSON value (e.g. a mapped FHIR bundle,
     * {@code {"case": ..., "mapping": [...]}}), framed and indented like the others.
     */
    public void write(JsonBody record) throws IOException {
        Objects.requireNonNull(record, "record must not be null");
        before();
        record.write(g);
        after();
    }

    /** Writes the error record of a case that was not assessed (rejected, or failed in a rule). */
    public void write(ErrorRecord error) throws IOException {
        Objects.requireNonNull(error, "error must not be null");
        before();
        AssessmentJson.write(g, error);
        after();
    }

    private void before() {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
        if (layout == Layout.SINGLE && written > 0) {
            throw new IllegalStateException("a single-object output holds exactly one record");
        }
    }

    private void after() throws IOException {
        written++;
        if (layout == Layout.JSON_LINES) {
            g.writeRaw('\n');
        }
    }

    /** How many records were written. */
    public long written() {
        return written;
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    /** Ends the array (for the array layout), adds a final newline, flushes; the stream stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (layout == Layout.ARRAY) {
            g.writeEndArray();
        }
        if (layout != Layout.JSON_LINES && (layout == Layout.ARRAY || written > 0)) {
            g.writeRaw('\n');
        }
        g.close();
    }
}
