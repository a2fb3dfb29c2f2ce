package org.mltrules.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.mltrules.MltRules;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseRecord;
import scala.Tuple2;

/**
 * The output rows of one partition, one case at a time: the partition's rows are streamed, one line each, through
 * one {@link CaseInput}, the command line's JSON Lines reader, so that every row is read exactly as the command line
 * reads a line of a file (same problems, same messages), without a reader (and its buffers) per row.
 *
 * <p>The stream starts with a line {@code {}} whose record is dropped: it makes the reader take the input as JSON
 * Lines whatever the first row holds (a row that is an unfinished JSON value, or starts with {@code [}, would
 * otherwise make it read a whole document or an array). The rows are non-blank (filtered before), so each line
 * gives exactly one record, in order: a queue pairs the records with the rows' indexes. A row holding a line break
 * cannot be a line: the stream ends before it, the reader's remaining records are returned, the row is read on its
 * own as one document, and a new stream starts after it.
 *
 * <p>Not thread-safe: one per task.
 */
final class PartitionCases implements Iterator<Row> {
    private static final byte[] LEAD = "{}\n".getBytes(StandardCharsets.UTF_8);

    private final MltRules engine;
    private final Iterator<Tuple2<String, Long>> rows;
    /** Indexes of the rows given to the reader whose records have not been returned yet, in order. */
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    /** A row with a line break that ended the current stream, read on its own once the stream is read out. */
    private Tuple2<String, Long> held;
    private CaseInput input;

    PartitionCases(MltRules engine, Iterator<Tuple2<String, Long>> rows) {
        this.engine = engine;
        this.rows = rows;
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (input != null) {
                if (input.hasNext()) {
                    return true;
                }
                close();
            }
            if (held != null) {
                return true;
            }
            if (!rows.hasNext()) {
                return false;
            }
            open();
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more cases in this partition");
        }
        if (input != null) {
            CaseRecord r = input.next();
            Long index = pending.poll();
            if (index == null) {
                throw new IllegalStateException("a record without its row: the reader and the rows disagree");
            }
            return CaseRows.assess(engine, r, index);
        }
        Tuple2<String, Long> row = held;
        held = null;
        return CaseRows.assess(engine, CaseRows.readDocument(row._1(), row._2()), row._2());
    }

    private void open() {
        try {
            input = CaseInput.open(new Lines(), true);   // bundle rows too, as the command line
            input.next();                                     // the lead's record
        } catch (IOException e) {
            throw new UncheckedIOException("reading rows in memory cannot fail", e);
        }
    }

    private void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("reading rows in memory cannot fail", e);
        }
        input = null;
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " row(s) without a record: the reader and the rows "
                    + "disagree");
        }
    }

    /** The lead, then the rows as UTF-8 lines, each handed out when the reader asks for more bytes. */
    private final class Lines extends InputStream {
        private byte[] chunk = LEAD;
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (chunk == null || pos == chunk.length) {
                if (ended || !rows.hasNext()) {
                    ended = true;
                    return -1;
                }
                Tuple2<String, Long> row = rows.next();
                String text = row._1();
                if (text.indexOf('\n') >= 0) {
                    held = row;
                    ended = true;
                    return -1;
                }
                byte[] line = text.substring(CaseRows.startOfContent(text))
                        .getBytes(StandardCharsets.UTF_8);
                chunk = new byte[line.length + 1];
                System.arraycopy(line, 0, chunk, 0, line.length);
                chunk[line.length] = '\n';
                pos = 0;
                pending.add(row._2());
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
