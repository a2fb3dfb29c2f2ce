package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.InvalidCaseException;

/**
 * The case schema ({@code org/mltrules/json/schema/case.schema.json}) says what the library reads: it refuses an
 * unknown field, a bad enum name, a bad date and a wrong type, and it is never stricter than the library. On a
 * few hundred variations of one valid case, field by field, the schema and {@link CaseJson} agree on every one;
 * the only cases they disagree on are the checks that a JSON Schema cannot express, which docs/case-format.md
 * lists.
 */
class CaseSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A case with every fact known: two lung lesions, stopped therapy. */
    private static final String BASE = """
            {"caseId": "schema-1", "histology": "8890/3", "primaryDiagnosisDate": "2019-03-12",
             "omdDiagnosisDate": "2023-05-02", "history": {"polymetastatic": false, "oligometastatic": false},
             "systemicTherapy": {"status": "STOPPED", "lastDoseDate": "2023-03-01", "kind": "CHEMOTHERAPY"},
             "ecog": 1, "medicallyOperable": true, "declinesSurgery": false, "pulmonaryReserveAdequate": true,
             "parenchymaSparingNeeded": false, "plateletsPerNanolitre": 240, "inr": 1.1,
             "tumourDoublingTimeDays": 75, "lifeExpectancyMonths": 24, "priorLungResections": 0,
             "lesions": [
               {"id": "L1", "site": "LUNG", "laterality": "RIGHT", "sizeMm": 15, "response": "NEW",
                "safelyTreatable": true, "resectableR0": true, "sabrConstraintsAchievable": true,
                "previouslyIrradiated": false, "features": ["SUBPLEURAL"]},
               {"id": "L2", "site": "LUNG", "laterality": "LEFT", "sizeMm": 8.5, "response": "STABLE",
                "safelyTreatable": true, "resectableR0": true, "sabrConstraintsAchievable": true,
                "previouslyIrradiated": false, "features": []}
             ]}
            """;

    private static final String LONG_ID = "a".repeat(129);

    // ---- the schemas themselves

    @Test
    void everySchemaIsAValidDraft202012SchemaWithItsOwnId() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String file : List.of("case.schema.json", "assessment.schema.json", "error-record.schema.json")) {
            String text = resource(JsonSchemas.RESOURCE_BASE + file);
            JsonNode schema = MAPPER.readTree(text);

            assertThat(meta.validate(text, InputFormat.JSON)).as(file).isEmpty();
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(JsonSchemas.ID_BASE + file);
        }
    }

    @Test
    void theBaseCaseOfThisTestIsValidForBoth() {
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, BASE)).isEmpty();
        assertThat(libraryAccepts(BASE)).isTrue();
    }

    @Test
    void theExampleCaseOfTheTestsAndAnEmptyCaseAreValid() throws IOException {
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, resource("org/mltrules/json/example-case.json"))).isEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, "{\"caseId\": \"only-an-id\"}")).isEmpty();
    }

    // ---- what the issue asks the schema to refuse

    @Test
    @DisplayName("an unknown field is refused, at the root, in a lesion and in a nested object")
    void anUnknownFieldIsRefused() {
        assertBothRefuse(with("smoker", NODES.booleanNode(true)));
        assertBothRefuse(with("lesions[0].size", NODES.numberNode(15)));
        assertBothRefuse(with("history.polymetastaticBefore", NODES.booleanNode(false)));
        assertBothRefuse(with("systemicTherapy.line", NODES.numberNode(2)));
    }

    @Test
    void aBadEnumNameIsRefused() {
        assertBothRefuse(with("lesions[0].site", NODES.textNode("KIDNEY")));
        assertBothRefuse(with("lesions[0].site", NODES.textNode("lung")));
        assertBothRefuse(with("lesions[0].response", NODES.textNode("PROGRESSION")));
        assertBothRefuse(with("systemicTherapy.status", NODES.textNode("ACTIVE")));
        assertBothRefuse(with("lesions[0].features", array("CENTRAL", "PERIHILAR")));
        assertBothRefuse(with("histology", NODES.textNode("leiomyosarcoma")));
    }

    @Test
    void aBadDateIsRefusedWhetherMalformedOrNotOnTheCalendar() {
        assertBothRefuse(with("omdDiagnosisDate", NODES.textNode("2023-02-30")));
        assertBothRefuse(with("omdDiagnosisDate", NODES.textNode("02/05/2023")));
        assertBothRefuse(with("primaryDiagnosisDate", NODES.textNode("2019-3-12")));
        assertBothRefuse(with("systemicTherapy.lastDoseDate", NODES.textNode("2023-03-01T10:00:00Z")));
    }

    @Test
    void aWrongTypeIsRefused() {
        assertBothRefuse(with("ecog", NODES.textNode("1")));
        assertBothRefuse(with("medicallyOperable", NODES.textNode("yes")));
        assertBothRefuse(with("lesions[0].sizeMm", NODES.textNode("15 mm")));
        assertBothRefuse(with("lesions", NODES.objectNode()));
        assertBothRefuse(with("history", NODES.booleanNode(false)));
        assertBothRefuse(with("caseId", NODES.numberNode(42)));
    }

    @Test
    void lastLocalTherapyDateOfRuleSet11IsADate() {
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, with("lastLocalTherapyDate", NODES.textNode("2022-06-30"))))
                .isEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, with("lastLocalTherapyDate", NODES.nullNode()))).isEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, with("lastLocalTherapyDate", NODES.textNode("2022-06-31"))))
                .isNotEmpty();
    }

    // ---- agreement with the library, field by field

    @ParameterizedTest(name = "{0}")
    @MethodSource("variations")
    @DisplayName("the schema and the library agree")
    void theSchemaAndTheLibraryAgree(String description, String json) {
        boolean library = libraryAccepts(json);
        List<String> schema = JsonSchemas.errors(JsonSchemas.CASE, json);

        assertThat(schema.isEmpty()).as("schema accepts (%s), library accepts: %s", schema, library)
                .isEqualTo(library);
    }

    /** What a JSON Schema cannot express: relations between fields. The library refuses, the schema accepts. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crossFieldProblems")
    void crossFieldChecksAreTheLibrarysAlone(String description, String json) {
        assertThat(libraryAccepts(json)).isFalse();
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, json)).isEmpty();
    }

    static Stream<Arguments> crossFieldProblems() {
        return Stream.of(
                Arguments.of("OMD diagnosed before the primary", with("omdDiagnosisDate", NODES.textNode("2018-01-01"))),
                Arguments.of("stopped therapy with its last dose after the OMD diagnosis",
                        with("systemicTherapy.lastDoseDate", NODES.textNode("2023-06-01"))),
                Arguments.of("two lesions with the same id", with("lesions[1].id", NODES.textNode("L1"))));
    }

    /**
     * Each field of the format set to values of every kind: valid ones, boundaries, wrong types, bad names,
     * malformed strings. The fields are those the library reads today ({@code CaseMapper}); the schema's
     * optional {@code lastLocalTherapyDate} is tested above.
     */
    static Stream<Arguments> variations() {
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        List<JsonNode> anyType = List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.booleanNode(true),
                NODES.arrayNode(), NODES.objectNode());
        List<JsonNode> ids = list(anyType, NODES.textNode(""), NODES.textNode("a"), NODES.textNode(LONG_ID),
                NODES.textNode(LONG_ID.substring(1)), NODES.textNode("a\u0001b"), NODES.textNode("a\u0085"),
                NODES.textNode("a\tb"), NODES.textNode("é ü 中"), NODES.nullNode());
        List<JsonNode> booleans = list(anyType, NODES.booleanNode(false), NODES.nullNode(), NODES.textNode("true"),
                NODES.numberNode(0));
        values.put("caseId", ids);
        values.put("histology", list(anyType, NODES.nullNode(), NODES.textNode("8890/1"), NODES.textNode("8936/1"),
                NODES.textNode("8936/3"), NODES.textNode("8999/3"), NODES.textNode("889/3"),
                NODES.textNode("8890/33"), NODES.textNode("8890/3 "), NODES.textNode("8890/3\n"),
                NODES.textNode("\u0668\u0668\u0669\u0660/3"), NODES.textNode("LEIOMYOSARCOMA"),
                NODES.textNode("OTHER_SARCOMA"), NODES.textNode("Leiomyosarcoma"), NODES.textNode(""),
                NODES.numberNode(8890)));
        // Each date stays in order with the others when valid (primary 2016-2019, last dose 2020-2022, OMD 2024-2025).
        values.put("primaryDiagnosisDate", dates(anyType, "2016-02-29", "2019"));
        values.put("omdDiagnosisDate", dates(anyType, "2024-02-29", "2025"));
        values.put("history", list(anyType.subList(0, 4), NODES.nullNode(), NODES.objectNode()));
        values.put("history.polymetastatic", booleans);
        values.put("history.oligometastatic", booleans);
        values.put("systemicTherapy", list(anyType.subList(0, 4), NODES.nullNode(), NODES.objectNode()));
        values.put("systemicTherapy.status", enums("NONE", "ONGOING", "STOPPED", "none", "ACTIVE"));
        values.put("systemicTherapy.lastDoseDate", dates(anyType, "2020-02-29", "2022"));
        values.put("systemicTherapy.kind", enums("CHEMOTHERAPY", "TARGETED", "IMMUNOTHERAPY", "ENDOCRINE",
                "MAINTENANCE", "TKI", "Chemotherapy"));
        values.put("ecog", list(anyType, NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(4), NODES.numberNode(5), NODES.numberNode(2.0), NODES.numberNode(2.5)));
        for (String b : List.of("medicallyOperable", "declinesSurgery", "pulmonaryReserveAdequate",
                "parenchymaSparingNeeded")) {
            values.put(b, booleans);
        }
        List<JsonNode> atLeastZero = list(anyType, NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(-0.5),
                NODES.numberNode(0), NODES.numberNode(0.5), NODES.numberNode(1e6));
        values.put("plateletsPerNanolitre", atLeastZero);
        values.put("inr", atLeastZero);
        values.put("tumourDoublingTimeDays", atLeastZero);
        values.put("lifeExpectancyMonths", atLeastZero);
        values.put("priorLungResections", list(anyType, NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(3), NODES.numberNode(1.5), NODES.numberNode(2147483647L),
                NODES.numberNode(2147483648L)));
        ArrayNode nullLesion = NODES.arrayNode().addNull();
        ArrayNode numberLesion = NODES.arrayNode().add(1);
        values.put("lesions", list(anyType.subList(0, 3), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(),
                nullLesion, numberLesion, lesions(100), lesions(101)));
        values.put("lesions[0]", list(anyType.subList(0, 4), NODES.objectNode(),
                NODES.objectNode().put("id", "L9"), NODES.objectNode().put("site", "LUNG")));
        values.put("lesions[0].id", ids);
        values.put("lesions[0].site", enums("LUNG", "PLEURA", "LIVER", "BONE_SPINE", "BONE_OTHER", "BRAIN",
                "SOFT_TISSUE", "ADRENAL", "LYMPH_NODE_REGIONAL", "LYMPH_NODE_DISTANT", "OTHER", "KIDNEY", "Lung"));
        values.put("lesions[0].laterality", enums("LEFT", "RIGHT", "MIDLINE", "BILATERAL", "left"));
        values.put("lesions[0].sizeMm", atLeastZero);
        values.put("lesions[0].response", enums("NEW", "PROGRESSING", "STABLE", "RESPONDING", "NOT_ASSESSABLE",
                "PD", "new"));
        for (String b : List.of("safelyTreatable", "resectableR0", "sabrConstraintsAchievable",
                "previouslyIrradiated")) {
            values.put("lesions[0]." + b, booleans);
        }
        values.put("lesions[0].features", list(anyType.subList(0, 3), NODES.nullNode(), NODES.objectNode(),
                NODES.arrayNode(), array("CENTRAL", "ULTRACENTRAL"), array("CENTRAL", "CENTRAL"),
                array("SUBPLEURAL", "CHEST_WALL", "MEDIASTINAL", "DEEP", "ADJACENT_VESSEL_3MM",
                        "CRITICAL_STRUCTURE_WITHIN_5MM", "SPINE_INSTABILITY"),
                array("central"), NODES.arrayNode().addNull(), NODES.arrayNode().add(1), NODES.textNode("CENTRAL")));
        for (String unknown : List.of("smoker", "$schema", "lesions[0].size", "history.x", "systemicTherapy.line",
                "caseid", "Lesions")) {
            values.put(unknown, List.of(NODES.booleanNode(true)));
        }

        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : values.entrySet()) {
            for (JsonNode v : e.getValue()) {
                out.add(Arguments.of(e.getKey() + " = " + shortText(v), with(e.getKey(), v)));
            }
            out.add(Arguments.of(e.getKey() + " absent", without(e.getKey())));
        }
        return out.stream();
    }

    // ---- helpers

    private static void assertBothRefuse(String json) {
        assertThat(libraryAccepts(json)).as("the library accepts %s", json).isFalse();
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, json)).as("the schema accepts %s", json).isNotEmpty();
    }

    private static boolean libraryAccepts(String json) {
        try {
            CaseJson.read(json);
            return true;
        } catch (InvalidCaseException e) {
            return false;
        }
    }

    private static ObjectNode base() {
        try {
            return (ObjectNode) MAPPER.readTree(BASE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base case with the value at a path such as {@code lesions[0].features} replaced (or added). */
    static String with(String path, JsonNode value) {
        ObjectNode root = base();
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("]")) {
            int open = last.indexOf('[');
            ((ArrayNode) parent.get(last.substring(0, open)))
                    .set(Integer.parseInt(last.substring(open + 1, last.length() - 1)), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root.toString();
    }

    private static String without(String path) {
        ObjectNode root = base();
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("]")) {
            int open = last.indexOf('[');
            ((ArrayNode) parent.get(last.substring(0, open)))
                    .remove(Integer.parseInt(last.substring(open + 1, last.length() - 1)));
        } else {
            ((ObjectNode) parent).remove(last);
        }
        return root.toString();
    }

    private static JsonNode step(JsonNode node, String part) {
        if (part.endsWith("]")) {
            int open = part.indexOf('[');
            return node.get(part.substring(0, open)).get(Integer.parseInt(part.substring(open + 1, part.length() - 1)));
        }
        return node.get(part);
    }

    /** Valid and invalid dates: a leap day, the 29 February of {@code year} (not a leap year), bad shapes. */
    private static List<JsonNode> dates(List<JsonNode> anyType, String leapDay, String year) {
        return list(anyType, NODES.textNode(leapDay), NODES.textNode(year + "-02-29"), NODES.textNode(year + "-01-31"),
                NODES.textNode(year + "-04-31"), NODES.textNode(year + "-13-01"), NODES.textNode(year + "-00-10"),
                NODES.textNode(year + "-1-1"), NODES.textNode(year + "0301"), NODES.textNode(""),
                NODES.textNode(" " + year + "-03-01"), NODES.textNode(year + "-03-01\n"),
                NODES.textNode(year + "-03-01T00:00"), NODES.numberNode(Integer.parseInt(year + "0301")),
                NODES.nullNode());
    }

    private static ArrayNode lesions(int n) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 1; i <= n; i++) {
            a.addObject().put("id", "L" + i).put("site", "LUNG");
        }
        return a;
    }

    private static ArrayNode array(String... values) {
        ArrayNode a = NODES.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    private static List<JsonNode> enums(String... names) {
        List<JsonNode> out = new ArrayList<>();
        for (String n : names) {
            out.add(NODES.textNode(n));
        }
        out.add(NODES.nullNode());
        out.add(NODES.numberNode(1));
        out.add(NODES.textNode(""));
        return out;
    }

    private static List<JsonNode> list(List<JsonNode> first, JsonNode... more) {
        List<JsonNode> out = new ArrayList<>(first);
        out.addAll(List.of(more));
        return out;
    }

    private static String shortText(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CaseSchemaTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
