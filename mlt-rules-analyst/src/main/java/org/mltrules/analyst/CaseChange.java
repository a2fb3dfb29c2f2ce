package org.mltrules.analyst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the case of every scenario: its own {@code case}, or its base scenario's case with the {@code change}
 * merged in. Merging, as JSON: an object merges key by key (recursively); any other value, {@code null} included
 * (unknown), replaces; {@code lesions} merges by lesion {@code id}: a change to an existing id merges into that
 * lesion, a new id is appended; {@code removeLesions} then removes lesions by id. A case without {@code caseId}
 * (or a change that sets none) gets the scenario's name.
 */
final class CaseChange {
    private static final int MAX_CASE_ID = 128;

    private CaseChange() {
    }

    /**
     * The resolved case and settings ({@code {"conventions": {...}, "centre": {...}}}, inherited from the base and
     * merged with the scenario's own) of each scenario by name, or the reason it has none.
     */
    record Resolved(Map<String, ObjectNode> cases, Map<String, ObjectNode> settings, Map<String, String> errors) {
    }

    static Resolved resolve(List<Scenario> scenarios) {
        Map<String, Scenario> byName = new HashMap<>();
        for (Scenario s : scenarios) {
            byName.putIfAbsent(s.name(), s);
        }
        Map<String, ObjectNode> cases = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (Scenario s : scenarios) {
            resolve(s, byName, cases, errors, new LinkedHashSet<>());
        }
        Map<String, ObjectNode> settings = new HashMap<>();
        for (Scenario s : scenarios) {
            if (cases.containsKey(s.name())) {
                settings(s, byName, settings);
            }
        }
        return new Resolved(cases, settings, errors);
    }

    private static ObjectNode resolve(Scenario s, Map<String, Scenario> byName, Map<String, ObjectNode> cases,
                                      Map<String, String> errors, Set<String> chain) {
        if (cases.containsKey(s.name())) {
            return cases.get(s.name());
        }
        if (errors.containsKey(s.name())) {
            return null;
        }
        if (!chain.add(s.name())) {
            errors.put(s.name(), "its bases form a cycle: " + String.join(" -> ", chain) + " -> " + s.name());
            return null;
        }
        ObjectNode result;
        if (s.caseNode() != null) {
            result = s.caseNode().deepCopy();
        } else {
            Scenario base = byName.get(s.base());
            if (base == null) {
                errors.put(s.name(), "no scenario named \"" + s.base() + "\" to use as base");
                return null;
            }
            ObjectNode baseCase = resolve(base, byName, cases, errors, chain);
            if (baseCase == null) {
                errors.putIfAbsent(s.name(), "its base \"" + s.base() + "\" has no case: " + errors.get(base.name()));
                return null;
            }
            result = baseCase.deepCopy();
            List<String> problems = new ArrayList<>();
            if (s.change() != null) {
                merge(result, s.change(), problems);
            }
            removeLesions(result, s.removeLesions(), problems);
            if (!problems.isEmpty()) {
                errors.put(s.name(), String.join("; ", problems));
                return null;
            }
        }
        boolean ownId = s.caseNode() != null ? result.hasNonNull("caseId")
                : s.change() != null && s.change().hasNonNull("caseId");
        if (!ownId) {
            String id = s.name();
            result.put("caseId", id.length() > MAX_CASE_ID ? id.substring(0, MAX_CASE_ID) : id);
        }
        cases.put(s.name(), result);
        return result;
    }

    /** The base's settings (resolved first) merged with the scenario's own; bases are known to resolve. */
    private static ObjectNode settings(Scenario s, Map<String, Scenario> byName, Map<String, ObjectNode> settings) {
        ObjectNode done = settings.get(s.name());
        if (done != null) {
            return done;
        }
        ObjectNode result = s.base() == null ? s.settings().deepCopy()
                : settings(byName.get(s.base()), byName, settings).deepCopy();
        if (s.base() != null) {
            merge(result, s.settings(), new ArrayList<>());
        }
        settings.put(s.name(), result);
        return result;
    }

    /** Merges {@code change} into {@code target} (see the class comment). */
    static void merge(ObjectNode target, ObjectNode change, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = target.get(key);
            if (key.equals("lesions") && value.isArray() && !value.isEmpty() && current != null
                    && current.isArray()) {
                mergeLesions((ArrayNode) current, (ArrayNode) value, problems);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, problems);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeLesions(ArrayNode lesions, ArrayNode changes, List<String> problems) {
        for (JsonNode c : changes) {
            JsonNode id = c.get("id");
            if (!c.isObject() || id == null || !id.isTextual()) {
                problems.add("change.lesions: each lesion change needs the \"id\" of the lesion it changes or adds");
                continue;
            }
            ObjectNode existing = null;
            for (JsonNode l : lesions) {
                if (l.isObject() && id.equals(l.get("id"))) {
                    existing = (ObjectNode) l;
                    break;
                }
            }
            if (existing == null) {
                lesions.add(c.deepCopy());
            } else {
                merge(existing, (ObjectNode) c, problems);
            }
        }
    }

    private static void removeLesions(ObjectNode target, List<String> ids, List<String> problems) {
        if (ids.isEmpty()) {
            return;
        }
        JsonNode lesions = target.get("lesions");
        for (String id : ids) {
            boolean removed = false;
            if (lesions != null && lesions.isArray()) {
                ArrayNode array = (ArrayNode) lesions;
                for (int i = array.size() - 1; i >= 0; i--) {
                    JsonNode l = array.get(i);
                    if (l.isObject() && l.path("id").asText("").equals(id)) {
                        array.remove(i);
                        removed = true;
                    }
                }
            }
            if (!removed) {
                problems.add("removeLesions: the base case has no lesion \"" + id + "\"");
            }
        }
    }
}
