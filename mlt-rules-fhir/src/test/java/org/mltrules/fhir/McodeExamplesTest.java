package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.Category;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Site;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/** The official mCODE 4.0.0 examples (CC0): robustness, edge rules, and the one metastatic patient. */
class McodeExamplesTest {

    static Stream<String> exampleFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(McodeExamplesTest.class.getClassLoader().getResource("mcode-4.0.0").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("package.json")).sorted().toList().stream();
        }
    }

    static Stream<String> exampleBundles() throws IOException, URISyntaxException {
        return exampleFiles().filter(n -> n.startsWith("Bundle-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleBundles")
    void everyExampleBundleGivesACaseOrAClearErrorAndExplainsEveryUnknownField(String file) {
        MappingResult result = FhirCaseMapper.builder().build().map(Fixtures.text("mcode-4.0.0/" + file));

        if (result.isMapped()) {
            PatientCase c = result.patientCase().orElseThrow();
            ReportAssertions.everyFieldExplained(result);
            // assessable as is: the rules accept every mapped case
            assertThatCode(() -> MltRules.bundled().assess(c)).doesNotThrowAnyException();
        } else {
            assertThat(result.errors()).allSatisfy(e -> {
                assertThat(e.field()).startsWith("Bundle");
                assertThat(e.message()).isNotBlank();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleResourceAloneInABundleWithItsPatientNeverThrows(String file) {
        Resource r = Fixtures.example(file);
        Bundle b = r instanceof Bundle bundle ? bundle : Fixtures.collection("one-" + Integer.toHexString(file.hashCode()), "2025-01-01", r);
        String json = Fixtures.json(b);

        MappingResult fromText = FhirCaseMapper.builder().build().map(json);
        MappingResult fromObject = FhirCaseMapper.builder().build().map(b);

        assertThat(fromObject.isMapped()).isEqualTo(fromText.isMapped());
        if (r instanceof Patient) {
            ReportAssertions.everyFieldExplained(fromText);
        } else if (!(r instanceof Bundle)) {
            // a resource without its Patient: a clear error, not an exception
            assertThat(fromText.isMapped()).isFalse();
            assertThat(fromText.errors()).extracting(e -> e.field()).containsExactly("Bundle.entry");
        }
    }

    @Test
    void jennyMHasNoMetastasisRecordSoTheLesionsStayUnknownAndTheCaseIsIndeterminate() {
        MappingResult result = FhirCaseMapper.builder().build()
                .map(Fixtures.text("mcode-4.0.0/Bundle-mcode-patient-bundle-jenny-m.json"));

        PatientCase c = result.patientCase().orElseThrow();
        assertThat(c.histology()).isNull();          // SNOMED-only morphology
        assertThat(c.lesions()).isNull();            // no explicit "no metastasis"
        assertThat(result.factsToRecord()).contains("histology", "lesions");
        assertThat(MltRules.bundled().assess(c).classification().category()).isEqualTo(Category.INDETERMINATE);
        assertThat(result.asOfSource()).isEqualTo(MappingResult.AsOfSource.LATEST_RESOURCE);
    }

    /** The John Anyperson set of the mapping notes, assembled into a bundle. */
    static Bundle john() {
        List<Resource> rs = new ArrayList<>();
        for (String f : List.of("Patient-cancer-patient-john-anyperson.json",
                "Condition-primary-cancer-condition-nsclc.json", "Condition-secondary-cancer-condition-brain-mets.json",
                "Observation-ecog-performance-status-fully-active.json",
                "Observation-karnofsky-performance-status-normal-activity.json",
                "Observation-cancer-disease-status-improved.json",
                "MedicationRequest-cancer-related-medication-request-gefitinib.json",
                "MedicationRequest-cancer-related-medication-request-cisplatin.json",
                "MedicationRequest-cancer-related-medication-request-cisplatin-stopped.json",
                "Observation-no-history-of-metastatic-cancer.json",
                "Observation-histologic-behavior-and-type-non-small-cell.json",
                "Procedure-cancer-related-surgical-procedure-lobectomy.json",
                "Observation-tnm-clinical-distant-metastases-category-cM0.json")) {
            rs.add(Fixtures.example(f));
        }
        return Fixtures.collection("john", "2019-06-01", rs.toArray(Resource[]::new));
    }

    @Test
    void johnsBrainMetastasisHasNoTumorSoTheLesionSetStaysUnknownByDefault() {
        MappingResult result = FhirCaseMapper.builder().build().map(john());

        PatientCase c = result.patientCase().orElseThrow();
        assertThat(c.lesions()).isNull();
        assertThat(ReportAssertions.entry(result, "lesions").rule()).isEqualTo("MAP-LESIONS-3");
        // the IG's malformed ICD-O-3 code (80463/3) leaves the histology unknown, so the NSCLC is not rejected
        assertThat(c.histology()).isNull();
        assertThat(ReportAssertions.entry(result, "histology").rule()).isEqualTo("MAP-HISTOLOGY-2");
        // "no history of metastatic cancer" and nothing earlier: both false
        assertThat(c.history().polymetastatic()).isFalse();
        assertThat(c.history().oligometastatic()).isFalse();
        // the lobectomy is counted, and its date before the diagnosis is reported
        assertThat(c.priorLungResections()).isEqualTo(1);
        assertThat(result.report()).anyMatch(e -> e.rule().equals("MAP-LUNGRES-2"));
    }

    @Test
    void withOneLesionPerConditionJohnHasOneBrainLesionOnGefitinibAndP3IsIndeterminate() {
        MappingResult result = FhirCaseMapper.builder()
                .conditionWithoutTumour(FhirCaseMapper.ConditionWithoutTumour.ONE_LESION).build().map(john());

        PatientCase c = result.patientCase().orElseThrow();
        assertThat(c.lesions()).singleElement().satisfies(l -> {
            assertThat(l.site()).isEqualTo(Site.BRAIN);
            assertThat(l.id()).isEqualTo("secondary-cancer-condition-brain-mets");
        });
        assertThat(c.omdDiagnosisDate()).hasToString("2019-05-01");
        assertThat(c.systemicTherapy().status()).isEqualTo(TherapyStatus.ONGOING);
        assertThat(c.systemicTherapy().kind()).isEqualTo(TherapyKind.TARGETED);
        assertThat(c.ecog()).isZero();
        var a = MltRules.bundled().assess(c);
        assertThat(a.classification().category()).isEqualTo(Category.INDETERMINATE);
        assertThat(a.classification().missing()).contains("lesions[].safelyTreatable");
    }

    @Test
    void aNonSpecificMetastaticCodeUnderThePrimaryProfileIsNeitherPrimaryNorLesion() {
        Bundle b = Fixtures.collection("nonspecific", "2025-01-01",
                Fixtures.example("Patient-cancer-patient-john-anyperson.json"),
                Fixtures.example("Condition-primary-cancer-condition-nonspecific.json"));
        String subjectOf = ((org.hl7.fhir.r4.model.Condition) b.getEntry().get(1).getResource()).getSubject()
                .getReference();
        // the example belongs to another patient: point it at ours for this edge rule
        ((org.hl7.fhir.r4.model.Condition) b.getEntry().get(1).getResource()).getSubject()
                .setReference("Patient/cancer-patient-john-anyperson");

        MappingResult result = FhirCaseMapper.builder().build().map(b);

        assertThat(subjectOf).isNotNull();
        assertThat(result.report()).anyMatch(e -> e.rule().equals("MAP-COND-2"));
        assertThat(result.patientCase().orElseThrow().histology()).isNull();
    }

    @Test
    void aTumorOfThePrimaryIsNeverALesion() {
        Bundle b = Fixtures.collection("breast", "2025-01-01",
                Fixtures.example("Patient-cancer-patient-john-anyperson.json"),
                Fixtures.example("Condition-primary-cancer-condition-breast.json"),
                Fixtures.example("BodyStructure-tumor-lobular-carcinoma-left-breast.json"),
                Fixtures.example("Observation-tumor-size-pathology.json"));
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            Edits.pointAtPatient(e.getResource(), "Patient/cancer-patient-john-anyperson");
        }

        MappingResult result = FhirCaseMapper.builder().build().map(b);

        assertThat(result.patientCase().orElseThrow().lesions()).isNull();
        assertThat(result.report()).anyMatch(e -> e.rule().equals("MAP-LESIONS-7"));
    }

    @Test
    void aHistoryOfMetastaticCancerWithoutValueIsEvidenceOfAnEarlierEpisode() {
        Bundle b = Fixtures.collection("adam", "2025-01-01",
                Fixtures.example("Patient-cancer-patient-adam-everyman.json"),
                Fixtures.example("Observation-history-of-cancer-metastatic-to-liver.json"));

        MappingResult result = FhirCaseMapper.builder().build().map(b);

        PatientCase c = result.patientCase().orElseThrow();
        assertThat(c.history().polymetastatic()).isNull();
        assertThat(c.history().oligometastatic()).isNull();
        assertThat(ReportAssertions.entry(result, "history.polymetastatic").rule()).isEqualTo("MAP-HISTORY-3");
    }

    @Test
    void aPatientLessExampleResourceIsAClearError() {
        MappingResult result = FhirCaseMapper.builder().build().map(Fixtures.collection("x", "2025-01-01",
                Fixtures.example("Observation-ecog-performance-status-fully-active.json")));
        assertThat(result.isMapped()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("Bundle.entry"));
    }

}
