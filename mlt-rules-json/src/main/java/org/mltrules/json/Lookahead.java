package org.mltrules.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The start of an input, read ahead to decide its layout and then read again from its first byte: every byte read
 * through {@link #probe()} is kept (at most {@code cap} of them; past the cap the probe sees the end of the input)
 * and {@link #rewind()} gives the kept bytes, then the rest of the underlying stream.
 */
final class Lookahead {
    private final InputStream in;
    private final int cap;
    private byte[] kept = new byte[8192];
    private int length;
    private boolean capReached;
    private boolean rewound;

    Lookahead(InputStream in, int cap) {
        this.in = in;
        this.cap = cap;
    }

    /** The stream to decide with: the input up to the cap, every byte kept. */
    InputStream probe() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (rewound) {
                    throw new IllegalStateException("the input was rewound");
                }
                if (len == 0) {
                    return 0;
                }
                if (length >= cap) {
                    capReached = true;
                    return -1;
                }
                int n = in.read(b, off, Math.min(len, cap - length));
                if (n > 0) {
                    if (length + n > kept.length) {
                        kept = Arrays.copyOf(kept, Math.min(cap, Math.max(kept.length * 2, length + n)));
                    }
                    System.arraycopy(b, off, kept, length, n);
                    length += n;
                }
                return n;
            }
        };
    }

    /** Whether the probe stopped at the cap rather than at the end of the input. */
    boolean capReached() {
        return capReached;
    }

    /** The whole input again: the bytes read so far, then the rest. Closing it closes the underlying stream. */
    InputStream rewind() {
        rewound = true;
        byte[] start = kept;
        int end = length;
        kept = null;
        return new InputStream() {
            private byte[] head = start;
            private int pos;

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
                if (head != null) {
                    if (pos < end) {
                        int n = Math.min(len, end - pos);
                        System.arraycopy(head, pos, b, off, n);
                        pos += n;
                        return n;
                    }
                    head = null; // let the kept bytes go once read
                }
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
