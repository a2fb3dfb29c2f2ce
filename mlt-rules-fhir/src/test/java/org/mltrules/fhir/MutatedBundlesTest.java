package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Damaged records: values replaced by other values, elements dropped, text cut. The mapper answers every one with a
 * case or a clear error; never with an exception, and never with its internal-failure entry (a mapper defect).
 */
class MutatedBundlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirCaseMapper MAPPER = FhirCaseMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", " ", "2023-05-02", "2023-13-45", "2019", "2019-03",
            "2023-05-01T23:30:00-05:00", "final", "active", "resolved", "entered-in-error", "Patient/lms-patient-a",
            "#x", "urn:uuid:1", "http://snomed.info/sct", "8890/3", "8890/6", "C78.01", "39607008", "mm", "cm",
            "\u0000", "\uD800", "L1", "x".repeat(200)};

    @Property(tries = 300)
    void aDamagedRecordGivesACaseOrAClearError(@ForAll long seed, @ForAll @IntRange(min = 1, max = 25) int edits,
                                               @ForAll boolean v11) throws Exception {
        Random random = new Random(seed);
        JsonNode root = JSON.readTree(Fixtures.text(v11 ? Fixtures.V11 : Fixtures.V02));
        for (int i = 0; i < edits; i++) {
            mutate(root, random);
        }
        String json = JSON.writeValueAsString(root);
        if (random.nextInt(5) == 0) {
            json = json.substring(0, random.nextInt(json.length()));
        }

        MappingResult result = MAPPER.map(json);

        assertThat(result.isMapped() || !result.errors().isEmpty()).isTrue();
        assertThat(result.report()).noneMatch(e -> e.rule().equals("MAP-INTERNAL"));
        if (result.isMapped()) {
            assertThat(result.patientCase().orElseThrow().problems()).isEmpty();
        }
    }

    /** Replaces, drops or duplicates one randomly chosen node below the root. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode[]> parents = new ArrayList<>();
        collect(root, parents);
        if (parents.isEmpty()) {
            return;
        }
        JsonNode[] pick = parents.get(random.nextInt(parents.size()));
        JsonNode parent = pick[0];
        if (parent instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                return;
            }
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(3)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(name, value(random));
                default -> o.set(name, o.get(name).deepCopy());
            }
        } else if (parent instanceof ArrayNode a && !a.isEmpty()) {
            int i = random.nextInt(a.size());
            switch (random.nextInt(3)) {
                case 0 -> a.remove(i);
                case 1 -> a.set(i, value(random));
                default -> a.add(a.get(i).deepCopy());
            }
        }
    }

    private static JsonNode value(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> F.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 1 -> F.numberNode(random.nextInt(200) - 50);
            case 2 -> F.booleanNode(random.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> F.arrayNode().add(F.textNode(STRINGS[random.nextInt(STRINGS.length)]));
            default -> F.objectNode().put("reference", STRINGS[random.nextInt(STRINGS.length)]);
        };
    }

    private static void collect(JsonNode n, List<JsonNode[]> out) {
        if (n.isContainerNode()) {
            out.add(new JsonNode[] {n});
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    collect(it.next().getValue(), out);
                }
            } else {
                for (JsonNode c : n) {
                    collect(c, out);
                }
            }
        }
    }
}
