package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrules.MltRules;

/** What the module writes conforms to the JSON Schemas that mlt-rules-json ships. */
class SchemaConformanceTest {
    private static final String ID_BASE = "https://github.com/mlt-rules/mlt-rules/schema/1/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(ID_BASE, "classpath:org/mltrules/json/schema/"))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> errors(String schema, String json) {
        Schema s = REGISTRY.getSchema(SchemaLocation.of(ID_BASE + schema));
        return s.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Fixtures.V02, Fixtures.V11, "mcode-4.0.0/Bundle-mcode-patient-bundle-jenny-m.json",
            "mcode-4.0.0/Bundle-gx-genomic-bundle-adam-anyperson.json"})
    void aMappedBundlesCaseAndAssessmentWithMappingConform(String path) throws Exception {
        MappingResult r = FhirCaseMapper.builder().build().map(Fixtures.text(path));

        JsonNode mapped = JSON.readTree(MappingJson.toJson(r));
        String assessment = MappingJson.assessmentToJson(MltRules.bundled().assess(r.patientCase().orElseThrow()),
                r.report());

        assertThat(errors("case.schema.json", mapped.get("case").toString())).isEmpty();
        assertThat(errors("assessment.schema.json", assessment)).isEmpty();
        assertThat(JSON.readTree(assessment).get("mapping")).isEqualTo(mapped.get("mapping"));
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"{}", "[1]", "{\"resourceType\": \"Bundle\", \"id\": \"b\"}",
            "{\"resourceType\": \"Bundle\", \"identifier\": {\"value\": \"bad\\u0007id\"}, \"entry\": [{\"resource\":"
                    + " {\"resourceType\": \"Patient\"}}]}"})
    void theErrorRecordOfAnUnmappableBundleConforms(String json) {
        MappingResult r = FhirCaseMapper.builder().build().map(json);
        assertThat(r.isMapped()).isFalse();
        assertThat(errors("error-record.schema.json", MappingJson.toJson(r))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aHundredErrorsAreListedThenCounted() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        for (int i = 0; i < 150; i++) {
            org.hl7.fhir.r4.model.Observation o = new org.hl7.fhir.r4.model.Observation();
            o.setId("o" + i);
            o.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/somebody-else"));
            Edits.add(b, o);
        }
        MappingResult r = FhirCaseMapper.builder().build().map(b);
        assertThat(r.errors()).hasSize(101);
        assertThat(r.errors().get(100).message()).isEqualTo("50 more errors not listed");
        assertThat(errors("error-record.schema.json", MappingJson.toJson(r))).isEmpty();
    }
}
