package org.mltrules.json;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogate code points, nothing above U+10FFFF, no truncated
 * sequence; and no NUL byte. Jackson's parser decodes some invalid input silently (an overlong {@code C0 AF}
 * becomes {@code /}, an encoded surrogate a lone surrogate) and takes input with NUL bytes near its start for
 * UTF-16 or UTF-32, so input is checked here before the parser sees it. (JSON text never holds a raw NUL.)
 *
 * <p>An instance follows one byte sequence across calls of {@link #check}; not thread-safe.
 */
final class Utf8 {
    /** Continuation bytes still expected in the current sequence. */
    private int needed;
    /** Bounds of the next continuation byte (narrower after E0, ED, F0, F4). */
    private int lower = 0x80;
    private int upper = 0xBF;

    /**
     * Checks the next bytes of the sequence.
     *
     * @return the index of the first byte that cannot continue valid UTF-8, or -1
     */
    int check(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xFF;
            if (needed == 0) {
                if (c < 0x80) {
                    if (c == 0) {
                        return i;
                    }
                    continue;
                }
                if (!start(c)) {
                    return i;
                }
            } else {
                if (c < lower || c > upper) {
                    return i;
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
        }
        return -1;
    }

    private boolean start(int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (c == 0xE0) {
            expect(2, 0xA0, 0xBF); // no overlong three-byte form
        } else if (c == 0xED) {
            expect(2, 0x80, 0x9F); // no surrogates U+D800-U+DFFF
        } else if (c >= 0xE1 && c <= 0xEF) {
            expect(2, 0x80, 0xBF);
        } else if (c == 0xF0) {
            expect(3, 0x90, 0xBF); // no overlong four-byte form
        } else if (c >= 0xF1 && c <= 0xF3) {
            expect(3, 0x80, 0xBF);
        } else if (c == 0xF4) {
            expect(3, 0x80, 0x8F); // nothing above U+10FFFF
        } else {
            return false; // a continuation byte, C0/C1 (overlong) or F5-FF
        }
        return true;
    }

    private void expect(int count, int lo, int hi) {
        needed = count;
        lower = lo;
        upper = hi;
    }

    /** True when the bytes checked so far end inside a multi-byte sequence. */
    boolean midSequence() {
        return needed > 0;
    }

    /** The index of the first invalid byte of {@code b[off, off + len)} as a whole, or -1. */
    static int firstInvalid(byte[] b, int off, int len) {
        Utf8 u = new Utf8();
        int bad = u.check(b, off, len);
        return bad >= 0 ? bad : u.midSequence() ? off + len : -1;
    }

    /**
     * A stream that passes on the valid UTF-8 of another and fails with a {@link CharConversionException} where
     * the first invalid byte is, after handing out every byte before it: a parser reads all the cases before the
     * bad byte, and the error names the case it is in.
     */
    static final class CheckedStream extends InputStream {
        private final InputStream in;
        private final String where;
        private final Utf8 utf8 = new Utf8();
        private final byte[] buf = new byte[8192];
        private int pos;
        /** buf[pos, valid) may be handed out; buf[valid] is the invalid byte when {@code invalid}. */
        private int valid;
        private boolean invalid;
        private boolean eof;
        private long offset;

        /**
         * @param in     the bytes to check
         * @param start  how many bytes of the input came before {@code in}, for the offsets in messages
         * @param where  what the offsets count in, e.g. {@code "of the input"}
         */
        CheckedStream(InputStream in, long start, String where) {
            this.in = in;
            this.offset = start;
            this.where = where;
        }

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
            if (pos == valid) {
                if (invalid) {
                    throw refused(buf[valid]);
                }
                if (eof || !fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, valid - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            offset += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                if (utf8.midSequence()) {
                    throw new CharConversionException("Invalid UTF-8: the input ends inside a character (byte "
                            + offset + " " + where + ")");
                }
                return false;
            }
            int bad = utf8.check(buf, 0, n);
            pos = 0;
            valid = bad < 0 ? n : bad;
            invalid = bad >= 0;
            if (valid == 0) {
                throw refused(buf[0]);
            }
            return true;
        }

        /** The error for the byte at {@code offset}; its message starts as {@link JsonConfig#describe} expects. */
        private CharConversionException refused(byte b) {
            return new CharConversionException(b == 0
                    ? "NUL byte (byte " + (offset + 1) + " " + where + "): JSON text never holds one"
                    : String.format("Invalid UTF-8 byte 0x%02x (byte %d %s)", b & 0xff, offset + 1, where));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
