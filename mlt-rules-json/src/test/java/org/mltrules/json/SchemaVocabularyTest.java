package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrules.Answer;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.Feature;
import org.mltrules.Flag;
import org.mltrules.Histology;
import org.mltrules.Laterality;
import org.mltrules.PreconditionFailure;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.Technique;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;
import org.mltrules.Tier;
import org.mltrules.facts.KnownFactPaths;

/**
 * The closed vocabularies of the schemas are the library's enums, value for value and in the same order, so that
 * a new site, flag or histology code cannot reach the code without reaching the contract.
 */
class SchemaVocabularyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theCaseSchemaListsEverySiteLateralityResponseFeatureAndTherapyValue() throws IOException {
        JsonNode schema = schema("case.schema.json");
        JsonNode lesion = schema.at("/$defs/lesion/properties");

        assertThat(strings(lesion.at("/site/enum"))).isEqualTo(names(Site.values()));
        assertThat(strings(lesion.at("/laterality/enum"))).isEqualTo(withNull(names(Laterality.values())));
        assertThat(strings(lesion.at("/response/enum"))).isEqualTo(withNull(names(Response.values())));
        assertThat(strings(lesion.at("/features/items/enum"))).isEqualTo(names(Feature.values()));
        JsonNode therapy = schema.at("/properties/systemicTherapy/properties");
        assertThat(strings(therapy.at("/status/enum"))).isEqualTo(withNull(names(TherapyStatus.values())));
        assertThat(strings(therapy.at("/kind/enum"))).isEqualTo(withNull(names(TherapyKind.values())));
    }

    @Test
    void theCaseSchemaListsEveryHistologyWithItsCodes() throws IOException {
        Map<String, List<String>> inSchema = new LinkedHashMap<>();
        for (JsonNode h : schema("case.schema.json").at("/$defs/knownHistology/oneOf")) {
            List<String> values = strings(h.get("enum"));
            assertThat(values.get(0)).isEqualTo(h.get("title").asText());
            inSchema.put(values.get(0), values.subList(1, values.size()));
        }
        Map<String, List<String>> inLibrary = new LinkedHashMap<>();
        for (Histology h : Histology.values()) {
            inLibrary.put(h.name(), h.codes());
        }

        assertThat(inSchema).containsExactlyEntriesOf(inLibrary);
    }

    @Test
    void theAssessmentSchemaListsEveryCategoryFlagLevelAnswerTierAndTechnique() throws IOException {
        JsonNode schema = schema("assessment.schema.json");

        assertThat(strings(schema.at("/properties/classification/properties/category/enum")))
                .isEqualTo(names(Category.values()));
        assertThat(strings(schema.at("/properties/classification/properties/reasons/items/enum")))
                .isEqualTo(names(PreconditionFailure.values()));
        assertThat(strings(schema.at("/properties/candidacy/properties/level/enum")))
                .isEqualTo(names(CandidacyLevel.values()));
        assertThat(strings(schema.at("/properties/candidacy/properties/flags/items/enum")))
                .isEqualTo(names(Flag.values()));
        assertThat(strings(schema.at("/$defs/pathStep/properties/answer/enum"))).isEqualTo(names(Answer.values()));
        assertThat(strings(schema.at("/$defs/tier/enum"))).isEqualTo(withNull(names(Tier.values())));
        assertThat(strings(schema.at("/$defs/technique/enum"))).isEqualTo(names(Technique.values()));
    }

    @Test
    void everyFactPathOfTheAssessmentSchemaIsOneTheEngineCanName() throws IOException {
        List<String> paths = strings(schema("assessment.schema.json").at("/$defs/factPath/enum"));

        assertThat(paths).hasSizeGreaterThan(20).doesNotHaveDuplicates();
        // lastLocalTherapyDate is a fact of rule set 1.1 (the case field arrives with it).
        assertThat(paths).filteredOn(p -> !p.equals("lastLocalTherapyDate")).allMatch(KnownFactPaths::contains);
    }

    private static JsonNode schema(String file) throws IOException {
        try (InputStream in = SchemaVocabularyTest.class.getClassLoader()
                .getResourceAsStream(JsonSchemas.RESOURCE_BASE + file)) {
            assertThat(in).as(file).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("an array at %s", array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> withNull(List<String> names) {
        List<String> out = new ArrayList<>(names);
        out.add(null);
        return out;
    }
}
