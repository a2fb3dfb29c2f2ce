package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseWriter;

/** The two example bundles of the mapping notes map exactly to vignettes v02 and v11 and assess to their category. */
class ExampleBundlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vignette(String id) throws Exception {
        for (String line : Fixtures.text("bundles/vignettes-v02-v11.jsonl").split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (n.get("case").get("caseId").asText().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException(id);
    }

    @ParameterizedTest(name = "{0} maps to vignette {1} and assesses to its category")
    @CsvSource({Fixtures.V02 + ",v02", Fixtures.V11 + ",v11"})
    void bundleMapsToItsVignetteFieldByField(String bundle, String vignette) throws Exception {
        // Given the example bundle and the mapper with its defaults, asked for the vignette's case id
        FhirCaseMapper mapper = FhirCaseMapper.builder().caseId(vignette).build();

        // When it is mapped
        MappingResult result = mapper.map(Fixtures.text(bundle));

        // Then the case equals the vignette's, field by field, and the bundled rules give its category
        assertThat(result.errors()).isEmpty();
        PatientCase mapped = result.patientCase().orElseThrow();
        JsonNode expected = vignette(vignette);
        assertThat(JSON.readTree(CaseWriter.toJson(mapped)))
                .isEqualTo(JSON.readTree(CaseWriter.toJson(CaseJson.read(expected.get("case").toString()))));
        assertThat(mapped).isEqualTo(CaseJson.read(expected.get("case").toString()));
        Assessment a = MltRules.bundled().assess(mapped);
        assertThat(a.classification().category().name()).isEqualTo(expected.get("expected").asText());
        assertThat(result.asOfSource()).isEqualTo(MappingResult.AsOfSource.BUNDLE_TIMESTAMP);
    }

    @Test
    void reportSaysWhereEachValueOfTheLeiomyosarcomaCameFrom() {
        MappingResult result = FhirCaseMapper.builder().caseId("v02").build().map(Fixtures.text(Fixtures.V02));

        assertThat(entry(result, "histology").source()).isEqualTo("Condition/lms-primary-a");
        assertThat(entry(result, "histology").rule()).isEqualTo("MAP-HISTOLOGY-1");
        assertThat(entry(result, "primaryDiagnosisDate").message()).startsWith("2019-03-12 (onset)");
        assertThat(entry(result, "history.polymetastatic").rule()).isEqualTo("MAP-HISTORY-2");
        assertThat(entry(result, "omdDiagnosisDate").rule()).isEqualTo("MAP-OMD-1");
        assertThat(entry(result, "systemicTherapy.status").source()).isEqualTo("Observation/lms-therapy-status-a");
        assertThat(entry(result, "lesions[0].response").rule()).isEqualTo("MAP-RESP-3");
        assertThat(entry(result, "lesions[0].response").source()).isEqualTo("Observation/lms-status-surveillance-a");
        assertThat(result.asOf()).isEqualTo(LocalDate.of(2023, 5, 10));
    }

    @Test
    void reportNeverNamesThePatient() {
        for (String b : new String[] {Fixtures.V02, Fixtures.V11}) {
            String report = MappingJson.reportToJson(FhirCaseMapper.builder().build().map(Fixtures.text(b)).report());
            assertThat(report).doesNotContain("lms-patient-a", "gist-patient-b", "A-0001", "B-0002", "Testperson",
                    "Alma", "Bruno", "1968-07-14", "1959-01-30");
        }
    }

    @Test
    void caseIdFallsBackToTheBundleId() {
        MappingResult result = FhirCaseMapper.builder().build().map(Fixtures.text(Fixtures.V11));
        assertThat(result.caseId()).isEqualTo("mlt-example-gist-induced-oligoprogression");
        assertThat(entry(result, "caseId").rule()).isEqualTo("MAP-CASEID-3");
    }

    static MappingEntry entry(MappingResult r, String field) {
        return r.report().stream().filter(e -> e.field().equals(field) && e.status() != MappingEntry.Status.NOTE)
                .findFirst().orElseThrow(() -> new AssertionError("no entry for " + field + " in " + r.report()));
    }
}
