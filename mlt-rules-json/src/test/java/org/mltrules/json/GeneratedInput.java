package org.mltrules.json;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * An input stream made on the fly from parts (text, or one byte repeated, or a line repeated), so that tests can
 * feed gigabyte-sized input without holding it in memory.
 */
final class GeneratedInput extends InputStream {
    private interface Part {
        /** Fills up to {@code len} bytes; returns -1 when the part is used up. */
        int read(byte[] b, int off, int len);
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    GeneratedInput text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return bytes(bytes);
    }

    GeneratedInput bytes(byte[] bytes) {
        return repeat(bytes, 1);
    }

    GeneratedInput repeat(char c, long count) {
        parts.add(new Part() {
            private long left = count;

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) c);
                left -= n;
                return n;
            }
        });
        return this;
    }

    /** {@code item.apply(0)}, {@code item.apply(1)}, ... {@code item.apply(count - 1)}, made one at a time. */
    GeneratedInput numbered(java.util.function.LongFunction<String> item, long count) {
        parts.add(new Part() {
            private long next;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    if (at == current.length) {
                        if (next == count) {
                            break;
                        }
                        current = item.apply(next++).getBytes(StandardCharsets.UTF_8);
                        at = 0;
                        continue;
                    }
                    int chunk = Math.min(len - n, current.length - at);
                    System.arraycopy(current, at, b, off + n, chunk);
                    n += chunk;
                    at += chunk;
                }
                return n == 0 ? -1 : n;
            }
        });
        return this;
    }

    GeneratedInput repeat(String line, long times) {
        return repeat(line.getBytes(StandardCharsets.UTF_8), times);
    }

    private GeneratedInput repeat(byte[] unit, long times) {
        parts.add(new Part() {
            private long left = times;
            private int at;

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0 || unit.length == 0) {
                    return -1;
                }
                int n = 0;
                while (n < len && left > 0) {
                    int chunk = Math.min(len - n, unit.length - at);
                    System.arraycopy(unit, at, b, off + n, chunk);
                    n += chunk;
                    at += chunk;
                    if (at == unit.length) {
                        at = 0;
                        left--;
                    }
                }
                return n;
            }
        });
        return this;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (!parts.isEmpty()) {
            int n = parts.peek().read(b, off, len);
            if (n >= 0) {
                return n;
            }
            parts.poll();
        }
        return -1;
    }
}
