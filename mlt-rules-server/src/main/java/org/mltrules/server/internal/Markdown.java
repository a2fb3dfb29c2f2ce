package org.mltrules.server.internal;

/**
 * Escapes text for GitHub-flavoured Markdown so that it renders as the same text and can never become markup:
 * no raw HTML ({@code <} and {@code >} are escaped), no links, emphasis, headings or table cells from data. Line
 * breaks and control characters become spaces.
 */
final class Markdown {
    private Markdown() {
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '~', '{', '}', '(', ')', '&' ->
                        b.append('\\').append(c);
                default -> b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** Inline code for identifiers (paths, rule ids); backticks inside are replaced, as code spans cannot escape. */
    static String code(String s) {
        String t = s == null ? "" : s.replace('`', '\'').replaceAll("\\p{Cntrl}", " ");
        return "`" + t + "`";
    }
}
