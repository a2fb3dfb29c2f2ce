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
            list.add(new CaseProblem(field, value, message));
        } else {
            dropped++;
        }
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
        int max = JsonConfig.MAX_VALUE_CHARS;
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
