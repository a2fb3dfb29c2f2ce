package org.mltrules;

/**
 * The one escaping of text that comes from an input (a key, a value, a field path that holds the input's own keys)
 * before it is shown as text: in an exception message, on a terminal, in a text or CSV report, in a log line. A
 * hostile key such as {@code "a\u001b[2Jb"} must not clear a terminal, forge a log line or reorder what a reader
 * sees; JSON output needs none of this (its writer escapes), and keeps the exact value.
 *
 * <p>Escaped as {@code \\uXXXX} (lower-case hexadecimal): C0 and C1 control characters and DEL (U+0000-U+001F,
 * U+007F-U+009F: escape sequences, NUL, line breaks), the line and paragraph separators U+2028 and U+2029, the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and unpaired surrogates. Every other
 * character, paired surrogates (an emoji) included, is kept. Thread-safe; no state.
 */
public final class SafeText {
    private SafeText() {
    }

    /**
     * The text with every character that could drive a terminal or a log viewer escaped.
     *
     * @return {@code "null"} for {@code null}
     */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int n = text.length();
        int i = 0;
        while (i < n && !needsEscape(text, i)) {
            i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        }
        if (i >= n) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(n + 16).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (needsEscape(text, i)) {
                out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
                i++;
            } else if (Character.isHighSurrogate(c)) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Whether the character at {@code i} must be escaped (a high surrogate is kept only with its low half). */
    private static boolean needsEscape(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
            return true;
        }
        if (c < 0x61C) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) || c == 0x2028 || c == 0x2029 || c == 0x61C || c == 0x200E
                || c == 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }
}
