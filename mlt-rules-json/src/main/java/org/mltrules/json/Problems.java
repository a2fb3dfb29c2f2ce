package org.mltrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrules.CaseProblem;

/**
 * Collects the problems of one case in input order, remembering which fields already have one so that the core's
 * semantic checks do not report the same field twice. Caps the list at {@link JsonConfig#MAX_PROBLEMS}.
 */
final class Problems {
    private final List<CaseProblem> list = new ArrayList<>();
    private final Set<String> fields = new HashSet<>();
    private int dropped;

    void add(Loc at, JsonNode value, String message) {
        add(at.toString(), value(value), message);
    }

    void add(String field, Object value, String message) {
        fields.add(field);
        if (list.size() < JsonConfig.MAX_PROBLEMS) {
            // A path holds the input's own keys: keep it short and writable, like a value.
            list.add(new CaseProblem(cut(field, JsonConfig.MAX_PATH_CHARS), value, message));
        } else {
            dropped++;
        }
    }

    /** Marks a field as reported by a problem of its parent, so that the core's checks do not name it again. */
    void cover(String field) {
        fields.add(field);
    }

    /** Adds a problem found by the core's checks unless its field already has one. */
    void addIfNew(CaseProblem p) {
        if (!fields.contains(p.field())) {
            add(p.field(), p.value(), p.message());
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<CaseProblem> toList() {
        if (dropped == 0) {
            return List.copyOf(list);
        }
        List<CaseProblem> all = new ArrayList<>(list);
        all.add(new CaseProblem("", null, dropped + " more problem(s) not listed"));
        return List.copyOf(all);
    }

    /**
     * The offending JSON value as a Java value for the error record: string, number, boolean or null; an object
     * or array as its compact JSON text. Long text is cut to {@link JsonConfig#MAX_VALUE_CHARS} characters.
     */
    static Object value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return cut(v.textValue());
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            Number n = v.numberValue();
            if (n instanceof BigDecimal || n instanceof BigInteger) {
                String text = n.toString();
                return text.length() > JsonConfig.MAX_VALUE_CHARS ? cut(text) : n;
            }
            return n;
        }
        return cut(v.toString());
    }

    static String cut(String s) {
        return cut(s, JsonConfig.MAX_VALUE_CHARS);
    }

    /**
     * The text cut to {@code max} characters, with every unpaired surrogate (including one left by the cut)
     * replaced by U+FFFD, so that any JSON reader accepts the error record.
     */
    static String cut(String s, int max) {
        String t = s.length() <= max ? s : s.substring(0, max - 3) + "...";
        StringBuilder b = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < t.length()
                    && Character.isLowSurrogate(t.charAt(i + 1));
            if (paired) {
                if (b != null) {
                    b.append(c).append(t.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) && b == null) {
                b = new StringBuilder(t.length()).append(t, 0, i);
            }
            if (b != null) {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b == null ? t : b.toString();
    }
}
