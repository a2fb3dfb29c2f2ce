package org.mltrules.analyst;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.Flag;
import org.mltrules.PreconditionFailure;
import org.mltrules.RuleProblem;
import org.mltrules.Step;
import org.mltrules.Technique;

/**
 * Reads scenario files strictly: malformed JSON, a key given twice, an unknown key, an unknown category, technique
 * or flag name are problems with file and line, never silently ignored (a misspelt expectation would otherwise
 * check nothing and pass).
 */
final class ScenarioReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Set<String> FILE_KEYS = Set.of("description", "scenarios");
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "description", "case", "base", "change",
            "removeLesions", "conventions", "centre", "expect");
    private static final Set<String> INTEGER_CONVENTIONS = Set.of("synchronousWindowMonths",
            "activeTherapyWindowDays", "maxLesions");
    private static final Set<String> BOOLEAN_CONVENTIONS = Set.of("maintenanceCountsAsActive",
            "newLesionCountsAsProgression", "regionalNodesCountAsMetastasis");
    private static final Set<String> EXPECT_KEYS = Set.of("category", "missing", "preconditionFailures", "answers",
            "because", "conventions", "candidacy", "candidacyMissing", "flags", "fired", "notFired", "lesions");
    private static final Set<String> LESION_KEYS = Set.of("excluded", "notExcluded", "first", "above", "missing",
            "score", "reasons", "rank", "openExclusions");
    private static final Set<String> ANSWERS = Set.of("YES", "NO", "UNKNOWN", Expectation.NOT_ASKED);

    private final String file;
    private final List<RuleProblem> problems;
    private int line;
    private String scenario;

    private ScenarioReader(String file, List<RuleProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The scenarios of one file, in file order; problems are added to {@code problems}. */
    static List<Scenario> read(String file, String text, List<RuleProblem> problems) {
        return new ScenarioReader(file, problems).read(text);
    }

    private List<Scenario> read(String text) {
        List<Scenario> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                line = p.currentTokenLocation().getLineNr();
                problem("a scenario file holds one JSON object: {\"scenarios\": [ ... ]}");
                return out;
            }
            boolean sawScenarios = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                line = p.currentTokenLocation().getLineNr();
                JsonToken value = p.nextToken();
                if (!FILE_KEYS.contains(key)) {
                    problem("unknown key \"" + key + "\": expected one of " + new java.util.TreeSet<>(FILE_KEYS));
                    p.skipChildren();
                } else if (key.equals("scenarios")) {
                    sawScenarios = true;
                    if (value != JsonToken.START_ARRAY) {
                        problem("\"scenarios\" must be an array of scenario objects");
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        line = p.currentTokenLocation().getLineNr();
                        JsonNode node = MAPPER.readTree(p);
                        Scenario s = scenario(node);
                        if (s != null) {
                            out.add(s);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                line = p.currentTokenLocation().getLineNr();
                problem("unexpected content after the scenario object");
            }
            if (!sawScenarios) {
                line = 1;
                problem("no \"scenarios\" array");
            }
        } catch (JsonProcessingException e) {
            line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            scenario = null;
            problem("not valid JSON: " + e.getOriginalMessage()
                    .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2"));
        } catch (IOException e) {
            line = 0;
            problem("cannot be read: " + e.getMessage());
        }
        return out;
    }

    private Scenario scenario(JsonNode node) {
        scenario = null;
        if (!node.isObject()) {
            problem("a scenario is a JSON object");
            return null;
        }
        int before = problems.size();
        unknownKeys(node, SCENARIO_KEYS, "");
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            problem("a scenario needs a \"name\" (text)");
            return null;
        }
        scenario = name.asText();
        JsonNode caseNode = node.get("case");
        JsonNode base = node.get("base");
        if ((caseNode == null) == (base == null)) {
            problem("give either a \"case\" or a \"base\" (the name of the scenario whose case this one changes)");
        }
        if (caseNode != null && !caseNode.isObject()) {
            problem("\"case\" must be a case object (case format version 1)");
        }
        if (base != null && !base.isTextual()) {
            problem("\"base\" must be the name of another scenario");
        }
        JsonNode change = node.get("change");
        if (change != null && (!change.isObject() || base == null)) {
            problem("\"change\" must be an object, and goes with \"base\"");
        }
        List<String> remove = new ArrayList<>();
        JsonNode removeNode = node.get("removeLesions");
        if (removeNode != null) {
            if (base == null || !removeNode.isArray()) {
                problem("\"removeLesions\" must be an array of lesion ids, and goes with \"base\"");
            } else {
                for (JsonNode id : removeNode) {
                    if (id.isTextual()) {
                        remove.add(id.asText());
                    } else {
                        problem("removeLesions: a lesion id is text");
                    }
                }
            }
        }
        ObjectNode settings = MAPPER.createObjectNode();
        JsonNode conventions = node.get("conventions");
        if (conventions != null) {
            if (!conventions.isObject()) {
                problem("\"conventions\" must be an object such as {\"maintenanceCountsAsActive\": false}");
            } else {
                conventions.fieldNames().forEachRemaining(k -> {
                    JsonNode v = conventions.get(k);
                    if (INTEGER_CONVENTIONS.contains(k) ? !v.isInt() : BOOLEAN_CONVENTIONS.contains(k) ? !v.isBoolean()
                            : true) {
                        problem("conventions." + k + ": expected one of " + new java.util.TreeSet<>(INTEGER_CONVENTIONS)
                                + " (integers) or " + new java.util.TreeSet<>(BOOLEAN_CONVENTIONS) + " (true/false)");
                    }
                });
                settings.set("conventions", conventions.deepCopy());
            }
        }
        JsonNode centre = node.get("centre");
        if (centre != null) {
            if (!centre.isObject()) {
                problem("\"centre\" must be an object such as {\"availableTechniques\": [\"SABR\", \"SURGERY\"]}");
            } else {
                unknownKeys(centre, Set.of("availableTechniques", "nonAblatableSites"), "centre.");
                for (JsonNode t : array(centre.get("availableTechniques"), "centre.availableTechniques")) {
                    enumValue(t, Technique.class, "centre.availableTechniques");
                }
                for (JsonNode t : array(centre.get("nonAblatableSites"), "centre.nonAblatableSites")) {
                    enumValue(t, org.mltrules.Site.class, "centre.nonAblatableSites");
                }
                settings.set("centre", centre.deepCopy());
            }
        }
        JsonNode expect = node.get("expect");
        Expectation expectation = Expectation.empty();
        if (expect == null || !expect.isObject() || expect.isEmpty()) {
            problem("a scenario needs an \"expect\" object stating at least one expected outcome");
        } else {
            expectation = expectation(expect);
        }
        if (problems.size() > before) {
            return null;
        }
        return new Scenario(file, line, scenario, caseNode == null ? null : (ObjectNode) caseNode.deepCopy(),
                base == null ? null : base.asText(), change == null ? null : (ObjectNode) change.deepCopy(),
                List.copyOf(remove), settings, expectation);
    }

    private Expectation expectation(JsonNode e) {
        unknownKeys(e, EXPECT_KEYS, "expect.");
        Category category = e.has("category") ? enumValue(e.get("category"), Category.class, "expect.category")
                : null;
        Set<String> missing = e.has("missing") ? strings(e.get("missing"), "expect.missing") : null;
        Set<PreconditionFailure> failures = null;
        if (e.has("preconditionFailures")) {
            failures = new LinkedHashSet<>();
            for (String s : strings(e.get("preconditionFailures"), "expect.preconditionFailures")) {
                PreconditionFailure f = enumValue(s, PreconditionFailure.class, "expect.preconditionFailures");
                if (f != null) {
                    failures.add(f);
                }
            }
        }
        Map<Step, String> answers = new LinkedHashMap<>();
        if (e.has("answers")) {
            JsonNode a = e.get("answers");
            if (!a.isObject()) {
                problem("expect.answers: an object such as {\"Q3\": \"YES\", \"Q5\": \"NOT_ASKED\"}");
            } else {
                a.fields().forEachRemaining(f -> {
                    Step step = step(f.getKey());
                    if (step == null) {
                        problem("expect.answers: unknown step \"" + f.getKey() + "\": expected P1-P3 or Q1-Q5");
                    } else if (!f.getValue().isTextual() || !ANSWERS.contains(f.getValue().asText())) {
                        problem("expect.answers." + f.getKey() + ": expected one of " + new java.util.TreeSet<>(ANSWERS));
                    } else {
                        answers.put(step, f.getValue().asText());
                    }
                });
            }
        }
        Map<Step, String> because = new LinkedHashMap<>();
        if (e.has("because")) {
            JsonNode a = e.get("because");
            if (!a.isObject()) {
                problem("expect.because: an object such as {\"P1\": \"counted lesions = 1\"}");
            } else {
                a.fields().forEachRemaining(f -> {
                    Step step = step(f.getKey());
                    if (step == null) {
                        problem("expect.because: unknown step \"" + f.getKey() + "\": expected P1-P3 or Q1-Q5");
                    } else if (!f.getValue().isTextual()) {
                        problem("expect.because." + f.getKey() + ": the text of the answer's because");
                    } else {
                        because.put(step, f.getValue().asText());
                    }
                });
            }
        }
        Set<String> conventions = e.has("conventions") ? strings(e.get("conventions"), "expect.conventions") : null;
        CandidacyLevel candidacy = e.has("candidacy")
                ? enumValue(e.get("candidacy"), CandidacyLevel.class, "expect.candidacy") : null;
        Set<String> candidacyMissing = e.has("candidacyMissing")
                ? strings(e.get("candidacyMissing"), "expect.candidacyMissing") : null;
        Map<Flag, Boolean> flags = new EnumMap<>(Flag.class);
        if (e.has("flags")) {
            JsonNode f = e.get("flags");
            if (!f.isObject()) {
                problem("expect.flags: an object such as {\"STAGING_MRI\": true, \"OLIGOPROGRESSION\": false}");
            } else {
                f.fields().forEachRemaining(x -> {
                    Flag flag = enumValue(x.getKey(), Flag.class, "expect.flags");
                    if (!x.getValue().isBoolean()) {
                        problem("expect.flags." + x.getKey() + ": true (raised) or false (not raised)");
                    } else if (flag != null) {
                        flags.put(flag, x.getValue().asBoolean());
                    }
                });
            }
        }
        List<String> fired = e.has("fired") ? List.copyOf(strings(e.get("fired"), "expect.fired")) : List.of();
        List<String> notFired = e.has("notFired") ? List.copyOf(strings(e.get("notFired"), "expect.notFired"))
                : List.of();
        Map<String, Expectation.LesionExpectation> lesions = new LinkedHashMap<>();
        if (e.has("lesions")) {
            JsonNode l = e.get("lesions");
            if (!l.isObject()) {
                problem("expect.lesions: an object keyed by lesion id, such as {\"L1\": {\"first\": \"SABR\"}}");
            } else {
                l.fields().forEachRemaining(x -> lesions.put(x.getKey(),
                        lesion(x.getValue(), "expect.lesions." + x.getKey())));
            }
        }
        return new Expectation(category, missing, failures, answers, because, conventions, candidacy, candidacyMissing,
                flags, fired, notFired, lesions);
    }

    private Expectation.LesionExpectation lesion(JsonNode l, String path) {
        List<Expectation.Excluded> excluded = new ArrayList<>();
        List<Technique> notExcluded = new ArrayList<>();
        List<List<Technique>> above = new ArrayList<>();
        Map<Technique, Integer> score = new EnumMap<>(Technique.class);
        Map<Technique, List<String>> reasons = new EnumMap<>(Technique.class);
        Map<Technique, Integer> rank = new EnumMap<>(Technique.class);
        Map<Technique, List<String>> open = new EnumMap<>(Technique.class);
        if (!l.isObject()) {
            problem(path + ": an object such as {\"excluded\": [\"SURGERY\"], \"first\": \"SABR\"}");
            return new Expectation.LesionExpectation(excluded, notExcluded, null, above, null, score, reasons, rank,
                    open);
        }
        unknownKeys(l, LESION_KEYS, path + ".");
        for (JsonNode x : array(l.get("excluded"), path + ".excluded")) {
            if (x.isObject()) {
                unknownKeys(x, Set.of("technique", "rule"), path + ".excluded[].");
                Technique t = enumValue(x.get("technique"), Technique.class, path + ".excluded[].technique");
                JsonNode rule = x.get("rule");
                if (rule != null && !rule.isTextual()) {
                    problem(path + ".excluded[].rule: a rule id such as \"H3\"");
                }
                if (t != null) {
                    excluded.add(new Expectation.Excluded(t, rule == null ? null : rule.asText()));
                }
            } else {
                Technique t = enumValue(x, Technique.class, path + ".excluded");
                if (t != null) {
                    excluded.add(new Expectation.Excluded(t, null));
                }
            }
        }
        for (JsonNode x : array(l.get("notExcluded"), path + ".notExcluded")) {
            Technique t = enumValue(x, Technique.class, path + ".notExcluded");
            if (t != null) {
                notExcluded.add(t);
            }
        }
        Technique first = l.has("first") ? enumValue(l.get("first"), Technique.class, path + ".first") : null;
        for (JsonNode x : array(l.get("above"), path + ".above")) {
            if (!x.isArray() || x.size() != 2) {
                problem(path + ".above: pairs of techniques, the first ranked above the second: "
                        + "[[\"SURGERY\", \"SABR\"]]");
                continue;
            }
            Technique hi = enumValue(x.get(0), Technique.class, path + ".above");
            Technique lo = enumValue(x.get(1), Technique.class, path + ".above");
            if (hi != null && lo != null) {
                above.add(List.of(hi, lo));
            }
        }
        Set<String> missing = l.has("missing") ? strings(l.get("missing"), path + ".missing") : null;
        integers(l, "score", path, "{\"SURGERY\": 4}", score);
        integers(l, "rank", path, "{\"RFA\": 2, \"CRYOABLATION\": 2}", rank);
        ruleLists(l, "reasons", path, "{\"SURGERY\": [\"F1\", \"F2\"]}", reasons);
        ruleLists(l, "openExclusions", path, "{\"SURGERY\": [\"H11\"]}", open);
        return new Expectation.LesionExpectation(excluded, notExcluded, first, above, missing, score, reasons, rank,
                open);
    }

    /** {@code "key": {"TECHNIQUE": n, ...}}. */
    private void integers(JsonNode l, String key, String path, String example, Map<Technique, Integer> into) {
        if (!l.has(key)) {
            return;
        }
        JsonNode s = l.get(key);
        if (!s.isObject()) {
            problem(path + "." + key + ": an object such as " + example);
            return;
        }
        s.fields().forEachRemaining(x -> {
            Technique t = enumValue(x.getKey(), Technique.class, path + "." + key);
            if (!x.getValue().isInt()) {
                problem(path + "." + key + "." + x.getKey() + ": an integer");
            } else if (t != null) {
                into.put(t, x.getValue().asInt());
            }
        });
    }

    /** {@code "key": {"TECHNIQUE": ["rule id", ...], ...}}. */
    private void ruleLists(JsonNode l, String key, String path, String example, Map<Technique, List<String>> into) {
        if (!l.has(key)) {
            return;
        }
        JsonNode s = l.get(key);
        if (!s.isObject()) {
            problem(path + "." + key + ": an object such as " + example);
            return;
        }
        s.fields().forEachRemaining(x -> {
            Technique t = enumValue(x.getKey(), Technique.class, path + "." + key);
            Set<String> ids = strings(x.getValue(), path + "." + key + "." + x.getKey());
            if (t != null) {
                into.put(t, List.copyOf(ids));
            }
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void unknownKeys(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problem("unknown key \"" + path + k + "\": expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private Iterable<JsonNode> array(JsonNode node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path + ": an array");
            return List.of();
        }
        return (ArrayNode) node;
    }

    private Set<String> strings(JsonNode node, String path) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode x : array(node, path)) {
            if (x.isTextual()) {
                out.add(x.asText());
            } else {
                problem(path + ": an array of text");
            }
        }
        return out;
    }

    private <E extends Enum<E>> E enumValue(JsonNode node, Class<E> type, String path) {
        if (node == null || !node.isTextual()) {
            problem(path + ": one of " + List.of(type.getEnumConstants()));
            return null;
        }
        return enumValue(node.asText(), type, path);
    }

    private <E extends Enum<E>> E enumValue(String s, Class<E> type, String path) {
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            problem(path + ": unknown value \"" + s + "\": expected one of " + List.of(type.getEnumConstants()));
            return null;
        }
    }

    private void problem(String message) {
        problems.add(new RuleProblem(RuleProblem.Severity.ERROR, file, line, 0, null,
                scenario == null ? message : "scenario \"" + scenario + "\": " + message));
    }

    /** The step a scenario names ({@code "Q3"}), or {@code null} when it names none. */
    private static Step step(String name) {
        for (Step s : Step.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
