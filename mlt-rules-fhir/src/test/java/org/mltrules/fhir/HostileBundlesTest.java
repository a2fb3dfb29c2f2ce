package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrules.CaseProblem;
import org.mltrules.PatientCase;

/** Errors (no case) and hostile input: always a result, never an exception, never the record's content. */
class HostileBundlesTest {
    private final FhirCaseMapper mapper = FhirCaseMapper.builder().build();

    private static List<String> fields(MappingResult r) {
        return r.errors().stream().map(CaseProblem::field).toList();
    }

    private static void noCase(MappingResult r, String field, String rule) {
        assertThat(r.isMapped()).isFalse();
        assertThat(fields(r)).contains(field);
        assertThat(r.report()).anyMatch(e -> e.rule().equals(rule) && e.severity() == Severity.ERROR);
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.value()).isNull());
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"", "   ", "[]", "42", "null", "{\"resourceType\": \"Patient\", \"id\": \"p\"}",
            "{\"id\": \"x\"}", "{\"resourceType\": \"Bundle\", \"type\": ", "{\"resourceType\": \"Bundle\"} {}",
            "{\"resourceType\": 7}", "{\"resourceType\": \"Foo\"}"})
    void whatIsNotABundleIsAClearError(String json) {
        MappingResult r = mapper.map(json);
        assertThat(r.isMapped()).isFalse();
        assertThat(r.report()).allSatisfy(e -> assertThat(e.severity()).isEqualTo(Severity.ERROR));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).isNotBlank());
    }

    @Test
    void parserMessagesNeverQuoteTheContent() {
        MappingResult r = mapper.map("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"timestamp\":"
                + " \"secret-2023-13-45\", \"entry\": [{\"resource\": {\"resourceType\": \"Patient\","
                + " \"birthDate\": [\"Alma-1968\"]}}]}");
        assertThat(MappingJson.toJson(r)).doesNotContain("secret", "Alma");
    }

    @Test
    void aByteOrderMarkIsNotContent() {
        assertThat(mapper.map("\uFEFF" + Fixtures.text(Fixtures.V02)).isMapped()).isTrue();
    }

    @Test
    void noPatientIsAnError() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Edits.remove(b, "lms-patient-a");
        noCase(mapper.map(b), "Bundle.entry", "MAP-PATIENT-1");
    }

    @Test
    void twoPatientsAreAnErrorAtTheSecond() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Edits.add(b, new Patient().setId("someone-else"));
        noCase(mapper.map(b), "Bundle.entry[13].resource", "MAP-PATIENT-1");
    }

    @Test
    void theErrorRecordOfABundleWithTwoPatientsStillNamesTheCase() {
        // Given a bundle with a second patient, and one whose id holds that second patient's id
        Bundle b = Fixtures.bundle(Fixtures.V02);
        b.getIdentifier().setValue(null);
        b.setId("batch-item-7");
        Edits.add(b, new Patient().setId("someone-else"));
        Bundle leaking = b.copy();
        leaking.setId("case-of-someone-else");

        // When they are mapped
        MappingResult r = mapper.map(Fixtures.json(b));
        MappingResult l = mapper.map(Fixtures.json(leaking));

        // Then the error record names the case by the bundle's id, unless that id would reveal a patient
        assertThat(r.errorRecord(4, 5L).caseId()).isEqualTo("batch-item-7");
        assertThat(l.isMapped()).isFalse();
        assertThat(l.caseId()).isNull();
        assertThat(MappingJson.toJson(l)).doesNotContain("someone-else");
    }

    @Test
    void aResourceOfAnotherPatientIsAnErrorWithItsFhirPath() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Edits.pointAtPatient(Edits.find(b, "lms-lung-mets-a"), "Patient/other-patient");
        MappingResult r = mapper.map(Fixtures.json(b));
        noCase(r, "Bundle.entry[3].resource.subject", "MAP-PATIENT-2");
        assertThat(MappingJson.toJson(r)).doesNotContain("other-patient");
    }

    @Test
    void severalCandidatePrimariesWithUnlinkedMetastasesAreAnError() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Condition second = Edits.<Condition>find(b, "lms-primary-a").copy();
        second.setId("lms-primary-other");
        Edits.add(b, second);
        Edits.<Condition>find(b, "lms-lung-mets-a").getExtension().clear();

        MappingResult r = mapper.map(b);

        noCase(r, "Bundle.entry[13].resource", "MAP-PRIMARY-1");
        // naming the primary resolves it
        assertThat(FhirCaseMapper.builder().primaryConditionId("lms-primary-a").build().map(b).isMapped()).isTrue();
    }

    @Test
    void metastasesThatAllReferenceOnePrimaryChooseIt() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Condition second = Edits.<Condition>find(b, "lms-primary-a").copy();
        second.setId("lms-primary-other");
        Edits.add(b, second);
        assertThat(mapper.map(b).patientCase().orElseThrow().histology()).isEqualTo("8890/3");
    }

    @ParameterizedTest(name = "{0} is not a sarcoma")
    @ValueSource(strings = {"8140/3", "8720/3", "9680/3", "8010/3"})
    void aPrimaryThatIsNotASarcomaIsAnError(String morphology) {
        String json = Fixtures.text(Fixtures.V02).replace("\"code\": \"8890/3\"", "\"code\": \"" + morphology + "\"");
        noCase(mapper.map(json), "Bundle.entry[1].resource.extension[1].valueCodeableConcept", "MAP-HISTOLOGY-6");
        // the named option turns the check off: the morphology is then just not a sarcoma code the rules know
        assertThat(FhirCaseMapper.builder().rejectNonSarcomaPrimary(false).build().map(json).isMapped()).isTrue();
    }

    @Test
    void twoTumorsWithTheSameIdentifierAreALesionIdCollision() {
        String json = Fixtures.text(Fixtures.V02).replace("\"value\": \"L2\"", "\"value\": \"L1\"");
        noCase(mapper.map(json), "Bundle.entry[5].resource.identifier[0].value", "MAP-LESIONS-8");
    }

    @Test
    void moreThanAHundredCurrentLesionsIsAnError() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        BodyStructure template = Edits.find(b, "lms-tumor-a-l2");
        for (int i = 3; i <= 101; i++) {
            BodyStructure t = template.copy();
            t.setId("t" + i);
            t.getIdentifier().clear();
            t.addIdentifier(new Identifier().setValue("L" + i));
            Edits.add(b, t);
        }
        noCase(mapper.map(b), "Bundle.entry", "MAP-LESIONS-9");
    }

    @Test
    void aBundleOverTenMebibytesIsRefusedBeforeParsing() {
        String pad = "x".repeat(FhirCaseMapper.MAX_BUNDLE_BYTES);
        MappingResult r = mapper.map("{\"resourceType\": \"Bundle\", \"id\": \"" + pad + "\"}");
        noCase(r, "Bundle", "MAP-LIMIT-1");
    }

    @Test
    void aBundleOverFiveThousandEntriesIsRefusedBeforeParsing() {
        StringBuilder sb = new StringBuilder("{\"resourceType\": \"Bundle\", \"id\": \"b\", \"entry\": [");
        for (int i = 0; i <= FhirCaseMapper.MAX_ENTRIES; i++) {
            sb.append(i > 0 ? "," : "").append("{}");
        }
        noCase(mapper.map(sb.append("]}").toString()), "Bundle.entry", "MAP-LIMIT-2");

        Bundle b = new Bundle();
        for (int i = 0; i <= FhirCaseMapper.MAX_ENTRIES; i++) {
            b.addEntry();
        }
        noCase(mapper.map(b), "Bundle.entry", "MAP-LIMIT-2");
    }

    @ParameterizedTest(name = "nesting {0}")
    @ValueSource(ints = {65, 1_000, 100_000})
    void deepNestingIsRefusedBeforeParsing(int depth) {
        StringBuilder sb = new StringBuilder("{\"resourceType\": \"Bundle\", \"id\": \"b\", \"extension\": ");
        sb.append("[".repeat(depth)).append("]".repeat(depth)).append('}');
        noCase(mapper.map(sb.toString()), "Bundle", "MAP-LIMIT-3");
    }

    @Test
    void unknownResourceTypesAndEmptyEntriesAreReportedNotFatal() {
        String json = Fixtures.text(Fixtures.V02).replace("\"entry\": [",
                "\"entry\": [{\"resource\": {\"resourceType\": \"Spaceship\", \"id\": \"s\"}}, {\"fullUrl\": \"urn:x\"},"
                        + " {\"resource\": {\"resourceType\": \"FamilyMemberHistory\", \"id\": \"f\", \"status\":"
                        + " \"completed\", \"patient\": {\"reference\": \"Patient/lms-patient-a\"},"
                        + " \"relationship\": {\"text\": \"aunt\"}}},");
        MappingResult r = mapper.map(json);
        // HAPI refuses an unknown resource type inside an entry; either way: no exception, a clear answer
        if (r.isMapped()) {
            assertThat(r.patientCase().orElseThrow().lesions()).hasSize(2);
        } else {
            assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("Bundle"));
        }
        String withoutUnknown = json.replace("{\"resource\": {\"resourceType\": \"Spaceship\", \"id\": \"s\"}}, ", "");
        MappingResult known = mapper.map(withoutUnknown);
        assertThat(known.patientCase().orElseThrow().lesions()).hasSize(2);
        assertThat(known.report()).anyMatch(e -> e.rule().equals("MAP-BUNDLE-5"))
                .anyMatch(e -> e.rule().equals("MAP-BUNDLE-6") && e.message().contains("FamilyMemberHistory 1"));
    }

    @Test
    void urnUuidAndAbsoluteReferencesResolve() {
        // urn:uuid fullUrls with references that use them, and absolute URLs of another server base
        String json = Fixtures.text(Fixtures.V02)
                .replace("\"fullUrl\": \"http://example.org/fhir/BodyStructure/lms-tumor-a-l1\"",
                        "\"fullUrl\": \"urn:uuid:6f1c1a52-0000-4000-8000-000000000001\"")
                .replace("\"focus\": [{\"reference\": \"BodyStructure/lms-tumor-a-l1\"}]",
                        "\"focus\": [{\"reference\": \"urn:uuid:6f1c1a52-0000-4000-8000-000000000001\"}]")
                .replace("\"reference\": \"Condition/lms-lung-mets-a\"",
                        "\"reference\": \"https://ehr.example.net/fhir/Condition/lms-lung-mets-a/_history/3\"")
                .replace("\"reference\": \"Patient/lms-patient-a\"",
                        "\"reference\": \"https://ehr.example.net/fhir/Patient/lms-patient-a\"");
        MappingResult r = mapper.map(json);
        PatientCase c = r.patientCase().orElseThrow();
        assertThat(c.lesions()).hasSize(2);
        assertThat(c.lesions().get(0).sizeMm()).isEqualTo(15.0);
        assertThat(c.lesions().get(0).safelyTreatable()).isTrue();
    }

    @Test
    void containedResourcesAreReadThroughTheirContainerOnly() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Observation size = Edits.find(b, "lms-size-a-l1");
        // a contained Tumor is not a lesion of the bundle: the size now focuses on it and no longer on L1
        BodyStructure inner = Edits.<BodyStructure>find(b, "lms-tumor-a-l1").copy();
        inner.setId("inner");
        size.addContained(inner);
        size.getFocus().clear();
        size.addFocus(new Reference("#inner"));

        MappingResult r = mapper.map(Fixtures.json(b));

        PatientCase c = r.patientCase().orElseThrow();
        assertThat(c.lesions()).hasSize(2);
        assertThat(c.lesions().get(0).sizeMm()).isNull();
        assertThat(r.report()).anyMatch(e -> e.rule().equals("MAP-BUNDLE-7"));
    }

    @Test
    void aContainedPatientIsAnotherPatient() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Observation ecog = Edits.find(b, "lms-ecog-a");
        ecog.addContained(new Patient().setId("p2"));
        ecog.setSubject(new Reference("#p2"));
        noCase(mapper.map(Fixtures.json(b)), "Bundle.entry[8].resource.subject", "MAP-PATIENT-2");
    }

    @Test
    void aBundleWithoutAnyIdNeedsACaseIdArgument() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        b.setId((String) null);
        noCase(mapper.map(b), "Bundle.id", "MAP-CASEID-4");
        assertThat(FhirCaseMapper.builder().caseId("given").build().map(b).caseId()).isEqualTo("given");
        b.setIdentifier(new Identifier().setValue("from-identifier"));
        assertThat(mapper.map(b).caseId()).isEqualTo("from-identifier");
    }

    @Test
    void theCaseIdAndTheReportNeverCarryThePatientsIdOrIdentifier() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        b.setIdentifier(new Identifier().setValue("A-0001"));          // the patient's medical record number
        b.setId("bundle-of-lms-patient-a");                           // the patient's logical id
        noCase(mapper.map(b), "Bundle.id", "MAP-CASEID-4");

        b.setId("b1");
        Edits.<Condition>find(b, "lms-lung-mets-a").setId("mets-of-A-0001");
        Edits.<BodyStructure>find(b, "lms-tumor-a-l1").getExtension().get(0)
                .setValue(new Reference("Condition/mets-of-A-0001"));
        Edits.<BodyStructure>find(b, "lms-tumor-a-l2").getExtension().get(0)
                .setValue(new Reference("Condition/mets-of-A-0001"));
        MappingResult r = mapper.map(Fixtures.json(b));

        assertThat(r.caseId()).isEqualTo("b1");
        assertThat(r.patientCase().orElseThrow().lesions()).hasSize(2);
        assertThat(MappingJson.toJson(r)).doesNotContain("A-0001", "lms-patient-a")
                .contains("Bundle.entry[3].resource");
    }

    @Test
    void aMapperIsSharedSafelyBetweenThreads() {
        String v02 = Fixtures.text(Fixtures.V02);
        String v11 = Fixtures.text(Fixtures.V11);
        PatientCase a = mapper.map(v02).patientCase().orElseThrow();
        PatientCase b = mapper.map(v11).patientCase().orElseThrow();
        List<Boolean> same = java.util.stream.IntStream.range(0, 64).parallel()
                .mapToObj(i -> i % 2 == 0 ? mapper.map(v02).patientCase().orElseThrow().equals(a)
                        : mapper.map(v11).patientCase().orElseThrow().equals(b)).toList();
        assertThat(same).containsOnly(true);
    }

    @Test
    void anExtensionWithoutValueAndBrokenCodesNeverThrow() {
        Bundle b = Fixtures.bundle(Fixtures.V02);
        Condition primary = Edits.find(b, "lms-primary-a");
        primary.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/condition-assertedDate"));
        primary.getCode().addCoding().setSystem("http://hl7.org/fhir/sid/icd-10-cm");
        Edits.<Condition>find(b, "lms-lung-mets-a").addBodySite().addCoding().setSystem("http://snomed.info/sct")
                .setCode("\u0000 weird");
        assertThat(mapper.map(b).isMapped()).isTrue();
    }
}
