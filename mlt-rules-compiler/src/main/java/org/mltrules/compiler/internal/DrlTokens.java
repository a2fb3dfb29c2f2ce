package org.mltrules.compiler.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lexical view of a DRL file: identifiers, literals and operators with their positions, comments left out. Only
 * for locating things the Drools parser does not place precisely (an identifier named in a compiler message, an
 * annotation, an infix {@code &&} between patterns); never used to decide what a rule means.
 */
final class DrlTokens {
    /** Kinds of token. */
    enum Kind { IDENT, STRING, NUMBER, OP }

    /**
     * One token.
     *
     * @param start offset of its first character in the file
     * @param end   offset just after its last character
     */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(String s) {
            return text.equals(s) && kind != Kind.STRING;
        }
    }

    private static final String[] OPERATORS = {"&&", "||", "==", "!=", "<=", ">=", ":=", "->", "::"};

    private final String text;
    private final List<Token> tokens;
    private final int[] lineStarts;

    private DrlTokens(String text) {
        this.text = text;
        this.tokens = List.copyOf(scan(text));
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static DrlTokens of(String text) {
        return new DrlTokens(text);
    }

    List<Token> tokens() {
        return tokens;
    }

    String text() {
        return text;
    }

    /** 1-based line of an offset. */
    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of an offset. */
    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** Offset of the first character of a 1-based line; the text's length past the last line. */
    int lineStart(int line) {
        if (line < 1) {
            return 0;
        }
        return line <= lineStarts.length ? lineStarts[line - 1] : text.length();
    }

    /** Number of lines. */
    int lines() {
        return lineStarts.length;
    }

    /** Index of the first token starting at or after an offset. */
    int indexAt(int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static List<Token> scan(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/' || c == '#') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.add(new Token(Kind.STRING, s.substring(i, j), i, j));
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, s.substring(i, j), i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), i, j));
                i = j;
            } else {
                String op = String.valueOf(c);
                for (String o : OPERATORS) {
                    if (s.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                out.add(new Token(Kind.OP, op, i, i + op.length()));
                i += op.length();
            }
        }
        return out;
    }
}
