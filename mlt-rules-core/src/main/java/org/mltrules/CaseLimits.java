package org.mltrules;

/**
 * The limits every case obeys, whatever its format: checked by {@link PatientCase#problems()} and, while reading,
 * by the JSON reader (which adds limits of its own on the raw input; see {@code docs/case-format.md}).
 */
public final class CaseLimits {
    /** Most characters in a case id, a lesion id or any other string of a case. */
    public static final int MAX_STRING_LENGTH = 128;
    /** Most lesions in one case. */
    public static final int MAX_LESIONS = 100;

    private CaseLimits() {
    }

    /**
     * Why a string is unfit for a case (and for output: a report, a CSV line, a terminal), or {@code null} when it
     * is fit: a control character (U+0000-U+001F, U+007F-U+009F: it could rewrite a terminal or split a CSV or
     * text report line) or an unpaired surrogate (not Unicode text; strict JSON readers refuse it). Names the
     * position, never the text, so that the reason can be logged.
     */
    public static String unsafeCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return "not well-formed Unicode: unpaired surrogate at character " + (i + 1);
            } else if (Character.isISOControl(ch)) {
                return "must not contain control characters (U+0000-U+001F, U+007F-U+009F): one at character "
                        + (i + 1);
            }
        }
        return null;
    }

    /** Whether a string may stand as a case or lesion id: 1-{@value #MAX_STRING_LENGTH} characters, all safe. */
    public static boolean isValidId(String s) {
        return s != null && !s.isEmpty() && s.length() <= MAX_STRING_LENGTH && unsafeCharacter(s) == null;
    }
}
