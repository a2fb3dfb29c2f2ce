package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mltrules.json.CaseJson;

class MappingJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMappedBundleIsTheCaseAndItsReport() throws Exception {
        MappingResult r = FhirCaseMapper.builder().caseId("v02").build().map(Fixtures.text(Fixtures.V02));

        JsonNode n = JSON.readTree(MappingJson.toJson(r));

        assertThat(n.fieldNames()).toIterable().containsExactly("case", "mapping");
        assertThat(CaseJson.read(n.get("case").toString())).isEqualTo(r.patientCase().orElseThrow());
        assertThat(n.get("mapping")).hasSize(r.report().size());
        JsonNode first = n.get("mapping").get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("severity", "status", "field", "source", "rule", "message");
        assertThat(first.get("field").asText()).isEqualTo("caseId");
    }

    @Test
    void anUnmappedBundleIsTheUsualErrorRecordWithFhirPaths() throws Exception {
        MappingResult r = FhirCaseMapper.builder().build().map("{\"resourceType\": \"Bundle\", \"id\": \"b\"}");

        JsonNode n = JSON.readTree(MappingJson.toJson(r));

        assertThat(n.fieldNames()).toIterable().containsExactly("index", "line", "caseId", "errors");
        assertThat(n.get("errors").get(0).get("field").asText()).isEqualTo("Bundle.entry");
        assertThat(n.get("errors").get(0).get("value").isNull()).isTrue();
        assertThat(n.get("errors").get(0).get("rule").isNull()).isTrue();
        assertThat(r.report().get(0).rule()).isEqualTo("MAP-PATIENT-1");
    }

    @Test
    void factsToRecordAreTheUnknownFields() {
        MappingResult r = FhirCaseMapper.builder().build().map(Fixtures.text(Fixtures.V02));
        assertThat(r.factsToRecord()).contains("medicallyOperable", "lesions[0].resectableR0")
                .doesNotContain("histology", "systemicTherapy.lastDoseDate")
                // a de-novo OMD: its disease-free interval counts from the primary
                .doesNotContain("lastLocalTherapyDate");
    }

    @Test
    void lineAndParagraphSeparatorsInAReportAreEscapedAsInEveryOtherJsonTheLibraryWrites() throws Exception {
        // a note text copied from the record may hold U+2028, which a JavaScript host reads as a line break
        MappingEntry e = new MappingEntry(Severity.INFO, MappingEntry.Status.NOTE, "histology", "Condition/c1",
                "MAP-HISTOLOGY-1", "note\u2028text\u2029end");

        String json = MappingJson.reportToJson(java.util.List.of(e));

        assertThat(json).doesNotContain("\u2028", "\u2029").contains("\\u2028", "\\u2029");
        assertThat(JSON.readTree(json).get(0).get("message").asText()).isEqualTo("note\u2028text\u2029end");
    }
}
