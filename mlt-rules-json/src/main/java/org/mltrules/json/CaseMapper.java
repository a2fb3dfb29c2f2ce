package org.mltrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mltrules.CaseField;
import org.mltrules.CaseLimits;
import org.mltrules.CaseProblem;
import org.mltrules.Feature;
import org.mltrules.Histology;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Site;

/**
 * Maps the tree of one case (docs/case-format.md, "Input: a case") to a {@link PatientCase}, field by field as the
 * table {@link CaseField} names them, checking every field's type and syntax, then appending the core's semantic
 * checks ({@link PatientCase#problems()}) for the fields that passed, so that one pass reports every problem. A value
 * that fails its type check is passed on as unknown, so that the core never reports the same field a second time.
 */
final class CaseMapper {
    /** The groups that are JSON objects in the case: their fields are {@link CaseField}s of that group. */
    private static final List<String> OBJECT_GROUPS = List.of("history", "systemicTherapy");
    private static final String LESION_GROUP = "lesions[]";

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);

    /**
     * The result of mapping one case.
     *
     * @param caseId      the case id when it was a valid string, else {@code null}
     * @param patientCase the case; {@code null} when there are problems
     */
    record Mapped(String caseId, PatientCase patientCase) { }

    private final Problems problems;

    private CaseMapper(Problems problems) {
        this.problems = problems;
    }

    /**
     * Maps a case tree; every problem found is added to {@code problems}.
     *
     * @return the case id (when readable) and the case (only when {@code problems} is empty afterwards)
     */
    static Mapped map(JsonNode root, Problems problems) {
        return new CaseMapper(problems).root(root);
    }

    private Mapped root(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add(Loc.ROOT, root, "a case must be a JSON object, not " + kind(root));
            return new Mapped(null, null);
        }
        String caseId = null;
        PatientCase.Builder b = PatientCase.builder("");
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            String key = f.getKey();
            JsonNode v = f.getValue();
            Loc at = Loc.ROOT.field(key);
            if (OBJECT_GROUPS.contains(key)) {
                group(key, v, at, b);
                continue;
            }
            CaseField field = CaseField.byPath(key).filter(c -> c.group().isEmpty()).orElse(null);
            if (field == null) {
                unknownField(at, key, v, CaseField.keys(""));
            } else if (field == CaseField.CASE_ID) {
                caseId = string(v, at, true);
            } else if (field == CaseField.LESIONS) {
                b.lesions(lesions(v, at));
            } else {
                b.set(field, value(field, v, at));
            }
        }
        if (!root.has(CaseField.CASE_ID.path())) {
            problems.add(CaseField.CASE_ID.path(), null, "required: the host's case reference (1-"
                    + CaseLimits.MAX_STRING_LENGTH + " characters)");
        }
        if (caseId != null) {
            b.caseId(caseId);
        }
        // The core's semantic checks (dates in order, ECOG range, unique lesion ids, ...) on what passed.
        PatientCase built = b.build();
        for (CaseProblem p : built.problems()) {
            problems.addIfNew(p);
        }
        String readableId = caseId != null && !caseId.isEmpty() ? caseId : null;
        return new Mapped(readableId, problems.isEmpty() ? built : null);
    }

    /** A nested object of case fields ({@code history}, {@code systemicTherapy}); {@code null} leaves them unknown. */
    private void group(String group, JsonNode v, Loc at, PatientCase.Builder b) {
        if (!object(v, at)) {
            return;
        }
        for (Map.Entry<String, JsonNode> f : v.properties()) {
            Loc fieldAt = at.field(f.getKey());
            CaseField field = CaseField.byPath(group + "." + f.getKey()).orElse(null);
            if (field == null) {
                unknownField(fieldAt, f.getKey(), f.getValue(), CaseField.keys(group));
            } else {
                b.set(field, value(field, f.getValue(), fieldAt));
            }
        }
    }

    /** The value of one field by its type, or {@code null} (unknown) after recording why it is refused. */
    private Object value(CaseField field, JsonNode v, Loc at) {
        return switch (field.type()) {
            case STRING -> string(v, at, field.isRequired());
            case HISTOLOGY -> histology(v, at);
            case DATE -> date(v, at);
            case BOOLEAN -> bool(v, at);
            case INTEGER -> integer(v, at, field.rangeText());
            case NUMBER -> number(v, at);
            case ENUM -> enumValue(v, at, field.enumType(), field.label(), field.isRequired());
            case ENUM_SET -> features(v, at);
            case LESIONS -> lesions(v, at);
        };
    }

    private List<Lesion> lesions(JsonNode v, Loc at) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            problems.add(at, v, "must be an array of lesions, not " + kind(v));
            return null;
        }
        List<Lesion> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(lesion(v.get(i), at.index(i), i));
        }
        return out;
    }

    /** The lesion, or a placeholder when the lesion is unusable (its problems are recorded). */
    private Lesion lesion(JsonNode v, Loc at, int index) {
        // Placeholders stand in for a missing id or site (or a whole lesion that is not an object) so that the
        // core can still check the rest with the right indexes; the problem is already recorded, and the NUL
        // character (refused in a real id) keeps a placeholder from clashing with a real id.
        Lesion.Builder b = Lesion.builder("\u0000" + index, Site.OTHER);
        if (v == null || !v.isObject()) {
            problems.add(at, v, "a lesion must be a JSON object, not " + kind(v));
            problems.cover(at.field(CaseField.LESION_ID.key()).toString());
            return b.build();
        }
        for (Map.Entry<String, JsonNode> f : v.properties()) {
            Loc fieldAt = at.field(f.getKey());
            CaseField field = CaseField.byPath(CaseField.LESION_PREFIX + f.getKey()).orElse(null);
            if (field == null) {
                unknownField(fieldAt, f.getKey(), f.getValue(), CaseField.keys(LESION_GROUP));
                continue;
            }
            Object value = value(field, f.getValue(), fieldAt);
            // a refused id or site keeps its placeholder
            if (value != null || !field.isRequired()) {
                b.set(field, value);
            }
        }
        if (!v.has(CaseField.LESION_ID.key())) {
            problems.add(at.field(CaseField.LESION_ID.key()).toString(), null,
                    "required: the lesion's reference, unique in the case (1-" + CaseLimits.MAX_STRING_LENGTH
                            + " characters)");
        }
        if (!v.has(CaseField.LESION_SITE.key())) {
            problems.add(at.field(CaseField.LESION_SITE.key()).toString(), null,
                    "required: one of " + Arrays.toString(Site.values()));
        }
        return b.build();
    }

    private Set<Feature> features(JsonNode v, Loc at) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            problems.add(at, v, "must be an array of feature names (the complete list; null if unknown), not "
                    + kind(v));
            return null;
        }
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (int i = 0; i < v.size(); i++) {
            Loc itemAt = at.index(i);
            JsonNode item = v.get(i);
            if (item.isNull()) {
                problems.add(itemAt, item, "must be a feature name, one of " + Arrays.toString(Feature.values()));
                continue;
            }
            Feature f = (Feature) enumValue(item, itemAt, Feature.class, CaseField.LESION_FEATURES.label(), false);
            if (f != null) {
                set.add(f);
            }
        }
        return set;
    }

    // ---- scalar checks: each returns null (unknown) after recording a problem, so nothing is reported twice

    private boolean object(JsonNode v, Loc at) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isObject()) {
            problems.add(at, v, "must be a JSON object or null, not " + kind(v));
            return false;
        }
        return true;
    }

    private String string(JsonNode v, Loc at, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(at, v, "required: must be a string of 1-" + CaseLimits.MAX_STRING_LENGTH
                        + " characters, not null");
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at, v, "must be a string, not " + kind(v));
            return null;
        }
        String s = v.textValue();
        if (s.length() > CaseLimits.MAX_STRING_LENGTH) {
            problems.add(at, v, "longer than " + CaseLimits.MAX_STRING_LENGTH + " characters (" + s.length() + ")");
            return null;
        }
        String bad = CaseLimits.unsafeCharacter(s);
        if (bad != null) {
            problems.add(at, v, bad);
            return null;
        }
        return s;
    }

    private String histology(JsonNode v, Loc at) {
        String s = string(v, at, false);
        if (s != null && Histology.resolve(s).isEmpty()) {
            problems.add(at, v, Histology.whyRefused(s));
            return null;
        }
        return s;
    }

    private LocalDate date(JsonNode v, Loc at) {
        String s = string(v, at, false);
        if (s == null) {
            return null;
        }
        if (!DATE.matcher(s).matches()) {
            problems.add(at, v, "must be an ISO-8601 date, yyyy-MM-dd (e.g. 2024-05-02)");
            return null;
        }
        try {
            // ISO_LOCAL_DATE resolves strictly: 2023-02-30 is refused, not moved to March.
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            problems.add(at, v, "not a calendar date");
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Enum<?> enumValue(JsonNode v, Loc at, Class<? extends Enum<?>> type, String what, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(at, v, "required: one of " + Arrays.toString(type.getEnumConstants()));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at, v, "must be a string, one of " + Arrays.toString(type.getEnumConstants())
                    + ", not " + kind(v));
            return null;
        }
        String s = v.textValue();
        if (s.length() <= CaseLimits.MAX_STRING_LENGTH) {
            try {
                return Enum.valueOf((Class) type, s);
            } catch (IllegalArgumentException e) {
                // fall through to the problem below
            }
        }
        problems.add(at, v, "unknown " + what + ": expected one of " + Arrays.toString(type.getEnumConstants())
                + " (names are case-sensitive)");
        return null;
    }

    private Boolean bool(JsonNode v, Loc at) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            problems.add(at, v, "must be true, false or null, not " + kind(v));
            return null;
        }
        return v.booleanValue();
    }

    /** A whole number; an integral decimal such as {@code 2.0} is accepted, as JSON does not distinguish them. */
    private Integer integer(JsonNode v, Loc at, String range) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            problems.add(at, v, "must be " + range + ", not " + kind(v));
            return null;
        }
        BigDecimal d = exact(v);
        if (d == null) {
            problems.add(at, v, "must be " + range + ", not a non-finite number");
            return null;
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            problems.add(at, v, "must be " + range + ", not a fractional number");
            return null;
        }
        if (d.compareTo(INT_MAX) > 0 || d.compareTo(INT_MIN) < 0) {
            problems.add(at, v, "out of range: must be " + range);
            return null;
        }
        return d.intValue();
    }

    private Double number(JsonNode v, Loc at) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            problems.add(at, v, "must be a number, not " + kind(v));
            return null;
        }
        double d = v.doubleValue();
        BigDecimal exact = exact(v);
        if (exact == null || Double.isInfinite(d) || (d == 0 && exact.signum() != 0)) {
            problems.add(at, v, "number out of range");
            return null;
        }
        return d;
    }

    /** The node's exact value, or {@code null} for NaN or infinity (possible in a host-built tree). */
    private static BigDecimal exact(JsonNode v) {
        if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
            return null;
        }
        return v.decimalValue();
    }

    private void unknownField(Loc at, String name, JsonNode v, List<String> known) {
        String suggestion = closest(name, known);
        problems.add(at, v, suggestion == null
                ? "unknown field: not part of case format version 1"
                : "unknown field (did you mean \"" + suggestion + "\"?)");
    }

    /** The known name within edit distance 2 (case-insensitive), to point at a typo. */
    private static String closest(String name, List<String> known) {
        if (name.length() > CaseLimits.MAX_STRING_LENGTH) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "an unsupported value";
    }
}
