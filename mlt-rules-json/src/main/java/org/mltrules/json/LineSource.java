package org.mltrules.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Buffered bytes of an input stream, read line by line for JSON Lines, in constant memory: a line longer than
 * the limit ({@link JsonConfig#MAX_LINE_BYTES}, or {@link CaseInput#MAX_BUNDLE_BYTES} where a line may hold a
 * FHIR Bundle) is counted and skipped up to its newline, never held whole. Can also hand the
 * unread rest to a streaming parser (array or single-object input).
 */
final class LineSource {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    /** Bytes of the input before {@code buf[0]}. */
    private long before;

    private byte[] line = new byte[4096];
    private int lineLength;
    private long lineBytes;
    private boolean tooLong;
    /** How the current line ended: {@code ""} (end of input), {@code "\n"} or {@code "\r\n"}. */
    private String terminator = "";

    LineSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        before += limit;
        if (n < 0) {
            eof = true;
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** How many bytes of the input were consumed (byte order mark, whitespace, lines). */
    long position() {
        return before + pos;
    }

    /** Skips a UTF-8 byte order mark at the start of the input. */
    void skipByteOrderMark() throws IOException {
        while (limit - pos < 3 && !eof) {
            // Gather the first three bytes even from a stream that returns them one at a time.
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        if (limit - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB
                && (buf[pos + 2] & 0xff) == 0xBF) {
            pos += 3;
        }
    }

    /**
     * Consumes whitespace up to the first other byte, which stays unread.
     *
     * @return how many newlines were consumed
     */
    long skipWhitespace() throws IOException {
        long newlines = 0;
        while (pos < limit || fill()) {
            byte b = buf[pos];
            if (b == '\n') {
                newlines++;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                break;
            }
            pos++;
        }
        return newlines;
    }

    /** The next byte without consuming it; -1 at the end of input. */
    int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    /**
     * Reads the next line (without its {@code \n} or {@code \r\n}).
     *
     * @return false at the end of input
     */
    boolean nextLine() throws IOException {
        if (pos == limit && !fill()) {
            return false;
        }
        lineLength = 0;
        lineBytes = 0;
        tooLong = false;
        terminator = "";
        while (pos < limit || fill()) {
            int newline = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            append(pos, end - pos);
            pos = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                terminator = "\n";
                break;
            }
        }
        if (!tooLong && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
            lineBytes--;
            terminator = "\r" + terminator;
        }
        if (lineLength > maxLineBytes) {
            tooLong = true;
        }
        return true;
    }

    private void append(int from, int length) {
        lineBytes += length;
        if (tooLong) {
            return;
        }
        // One byte of slack for a '\r' before the newline.
        if ((long) lineLength + length > maxLineBytes + 1L) {
            tooLong = true;
            return;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, lineLength + length),
                    maxLineBytes + 1));
        }
        System.arraycopy(buf, from, line, lineLength, length);
        lineLength += length;
    }

    /** The current line's bytes, valid up to {@link #lineLength()} until the next call of {@link #nextLine()}. */
    byte[] line() {
        return line;
    }

    int lineLength() {
        return lineLength;
    }

    /** The current line's length in bytes, also when it was too long to keep. */
    long lineBytes() {
        return lineBytes;
    }

    /** The current line's bytes exactly as read, with its line terminator (if any). */
    byte[] lineWithTerminator() {
        byte[] t = terminator.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(line, lineLength + t.length);
        System.arraycopy(t, 0, out, lineLength, t.length);
        return out;
    }

    /** The longest line kept, in bytes. */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /** True when the current line exceeds the limit; its bytes were not kept. */
    boolean lineTooLong() {
        return tooLong;
    }

    /** True when the current line holds only spaces and tabs. */
    boolean lineBlank() {
        if (tooLong) {
            return false;
        }
        for (int i = 0; i < lineLength; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The unread input as a stream: {@code prefix} first, then the buffered bytes, then the underlying stream.
     * After this call only the returned stream may be read.
     */
    InputStream rest(byte[] prefix) {
        return new InputStream() {
            private int prefixPos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (prefix != null && prefixPos < prefix.length) {
                    int n = Math.min(len, prefix.length - prefixPos);
                    System.arraycopy(prefix, prefixPos, b, off, n);
                    prefixPos += n;
                    return n;
                }
                if (pos < limit) {
                    int n = Math.min(len, limit - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                return eof ? -1 : in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    void close() throws IOException {
        in.close();
    }
}
