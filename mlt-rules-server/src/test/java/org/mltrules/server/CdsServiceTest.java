package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrules.server.internal.BundleMapper;

/** The patient-view service over HTTP: prefetch states, fetching, the patient check and the cards. */
class CdsServiceTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    static final Keys KEYS = Keys.generate(Keys.ISSUER, "ehr");
    static final FakeMapper MAPPER = new FakeMapper();
    static StubFhirServer fhir;
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        fhir = new StubFhirServer();
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED)
                .issuerJwks(Keys.ISSUER, KEYS.publicJwks())
                .fhirBase(fhir.base())
                .clock(Clock.fixed(Instant.parse("2024-06-01T10:00:00Z"), ZoneId.of("Europe/Zurich")))
                .bundleMapper(MAPPER)
                .build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
        fhir.close();
    }

    @BeforeEach
    void reset() {
        MAPPER.answer = FakeMapper::byPatientId;
        fhir.calls.clear();
        fhir.answers.clear();
        fhir.statuses.clear();
        fhir.delayMillis = 0;
    }

    private Http.Answer call(JsonNode request) {
        return Http.post(base, SERVICE, request.toString(), KEYS.token(server.publicUrl() + SERVICE));
    }

    @Test
    void aChartWithAnOligometastaticSarcomaGetsOneCardWithTheAssessmentInItsExtension() {
        // Given the chart of a patient with metachronous oligorecurrence (demo-02)
        ObjectNode request = Requests.withChart("demo-02");

        // When the EHR calls the service
        Http.Answer a = call(request);

        // Then one card with the category, the full assessment and the mapping report
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        JsonNode cards = a.json().get("cards");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        JsonNode assessment = card.get("extension").get("org.mltrules.assessment");
        assertThat(assessment.get("classification").get("category").asText())
                .isEqualTo("METACHRONOUS_OLIGORECURRENCE");
        assertThat(assessment.get("caseId").asText()).isEqualTo(request.get("hookInstance").asText());
        assertThat(card.get("extension").get("org.mltrules.mapping").isArray()).isTrue();
        assertThat(card.get("summary").asText()).startsWith("Metachronous oligorecurrence").hasSizeLessThan(140);
        assertThat(card.get("source").get("label").asText()).contains("mlt-rules")
                .contains(Rules.BUNDLED.ruleSet().version());
        assertThat(card.has("suggestions")).isFalse();
        assertThat(a.json().has("systemActions")).isFalse();
        // and the record is read as of the request's date in the server's zone
        assertThat(MAPPER.lastAsOf.get()).isEqualTo(LocalDate.of(2024, 6, 1));
    }

    @Test
    void aChartWithoutSarcomaGetsNoCard() {
        // Given a chart whose mapping finds no sarcoma primary (no Condition at all here)
        ObjectNode request = Requests.patientView("demo-02");
        ((ObjectNode) request.get("prefetch")).set("patient", Requests.patient("demo-02"));
        ((ObjectNode) request.get("prefetch")).set("conditions", Requests.searchset());

        // Then the answer is an empty card list, not a warning
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }

    @Test
    void aChartOfASarcomaWithoutMetastasisGetsNoCard() {
        MAPPER.answer = b -> {
            BundleMapper.Mapped m = FakeMapper.byPatientId(b);
            return new BundleMapper.Mapped(m.patientCase(), m.caseId(), m.report(), List.of(),
                    BundleMapper.Scope.NO_METASTASIS);
        };
        Http.Answer a = call(Requests.withChart("demo-02"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }

    @Test
    void aRecordThatMapsWithErrorsGetsOneWarningCardNamingTheFieldsButNoValues() {
        MAPPER.answer = b -> new BundleMapper.Mapped(null, null, FakeMapper.report(),
                List.of(new BundleMapper.Problem("Bundle.entry[3].resource.subject", "several candidate primaries: "
                                + "Condition/secret-1", "MAP-PRIMARY-1"),
                        new BundleMapper.Problem("Bundle.entry[5]", "lesion id collision", "MAP-LESIONS-8")),
                BundleMapper.Scope.IN_SCOPE);
        Http.Answer a = call(Requests.withChart("demo-02"));
        assertThat(a.status()).isEqualTo(200);
        JsonNode card = a.json().get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("could not be assessed");
        assertThat(card.get("detail").asText()).contains("Bundle.entry\\[3\\].resource.subject")
                .contains("MAP-LESIONS-8").doesNotContain("secret");
        assertThat(card.get("extension").has("org.mltrules.assessment")).isFalse();
    }

    @Test
    void aContradictoryRecordGetsOneWarningCardListingTheFieldPaths() {
        // Given a record whose metastasis is dated before its primary
        MAPPER.answer = b -> {
            var pc = FakeMapper.demo("demo-02").toBuilder().omdDiagnosisDate(LocalDate.of(2010, 1, 1)).build();
            return new BundleMapper.Mapped(pc, pc.caseId(), FakeMapper.report(), List.of(),
                    BundleMapper.Scope.IN_SCOPE);
        };
        Http.Answer a = call(Requests.withChart("demo-02"));
        JsonNode card = a.json().get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("detail").asText()).contains("omdDiagnosisDate").doesNotContain("2010-01-01");
    }

    @Test
    void aMissingRequiredPrefetchKeyWithoutFhirAccessIs412() {
        ObjectNode request = Requests.patientView("demo-02");
        ((ObjectNode) request.get("prefetch")).set("patient", Requests.patient("demo-02"));
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(412);
        assertThat(a.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(a.json().get("issue").get(0).get("code").asText()).isEqualTo("incomplete");
    }

    @Test
    void anOperationOutcomeInARequiredKeyCountsAsAbsent() {
        ObjectNode request = Requests.withChart("demo-02");
        ObjectNode oo = Requests.F.objectNode().put("resourceType", "OperationOutcome");
        oo.putArray("issue").addObject().put("severity", "error").put("code", "exception");
        ((ObjectNode) request.get("prefetch")).set("conditions", oo);
        assertThat(call(request).status()).isEqualTo(412);
    }

    @Test
    void aNullRequiredKeyMeansNoDataAndTheCallProceeds() {
        ObjectNode request = Requests.withChart("demo-02");
        ((ObjectNode) request.get("prefetch")).putNull("conditions");
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }

    @Test
    void extraResourcesAndUndeclaredKeysAreTolerated() {
        ObjectNode request = Requests.withChart("demo-02");
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        prefetch.set("ecog", Requests.searchset(Requests.condition("c1", "demo-02"),
                Requests.F.objectNode().put("resourceType", "Medication").put("id", "m1")));
        prefetch.put("somethingElse", "ignored");
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).hasSize(1);
        // the same Condition sent under two keys is in the Bundle once
        List<String> ids = new ArrayList<>();
        MAPPER.lastBundle.get().get("entry").forEach(e -> ids.add(e.get("resource").get("resourceType").asText()
                + "/" + e.get("resource").get("id").asText()));
        assertThat(ids).containsExactly("Patient/demo-02", "Condition/c1", "Medication/m1");
        assertThat(MAPPER.lastBundle.get().get("type").asText()).isEqualTo("collection");
    }

    @Test
    void anotherPatientsDataIsRefused() {
        ObjectNode request = Requests.withChart("demo-02");
        ((ObjectNode) request.get("prefetch")).set("conditions",
                Requests.searchset(Requests.condition("c1", "demo-02"), Requests.condition("c2", "someone-else")));
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).doesNotContain("someone-else");

        ObjectNode wrongPatient = Requests.withChart("demo-02");
        ((ObjectNode) wrongPatient.get("prefetch")).set("patient", Requests.patient("demo-03"));
        assertThat(call(wrongPatient).status()).isEqualTo(400);
    }

    @Test
    void missingKeysAreFetchedFromAnAllowListedFhirServerWithTheRequestsToken() {
        // Given a request with no prefetch but a FHIR server on the allow-list and a token for it
        ObjectNode request = Requests.patientView("demo-02");
        request.put("fhirServer", fhir.base() + "/");
        ObjectNode auth = request.putObject("fhirAuthorization");
        auth.put("access_token", "opaque-fhir-token").put("token_type", "Bearer").put("expires_in", 300)
                .put("scope", "user/Patient.read").put("subject", "cds-service");
        fhir.answers.put("Patient", Requests.patient("demo-02").toString());
        fhir.answers.put("Condition", Requests.searchset(Requests.condition("c9", "demo-02")).toString());

        Http.Answer a = call(request);

        // Then the service fetched every template with the token and answered a card
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).hasSize(1);
        assertThat(fhir.calls).extracting(StubFhirServer.Call::pathAndQuery)
                .contains("/fhir/Patient/demo-02", "/fhir/Condition?patient=demo-02",
                        "/fhir/Observation?patient=demo-02&code=http%3A%2F%2Floinc.org%7C89247-1");
        assertThat(fhir.calls).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer opaque-fhir-token"));
    }

    @Test
    void keysAreFetchedInParallelWithinTheFetchBudget() {
        // Given a FHIR server that takes 400 ms per search: 13 keys one after another would take over 5 s
        ObjectNode request = Requests.patientView("demo-02");
        request.put("fhirServer", fhir.base());
        request.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
        fhir.answers.put("Patient", Requests.patient("demo-02").toString());
        fhir.answers.put("Condition", Requests.searchset(Requests.condition("c9", "demo-02")).toString());
        fhir.delayMillis = 400;

        long start = System.nanoTime();
        Http.Answer a = call(request);

        // Then every key was fetched within the 2-second budget and nothing is listed as not provided
        assertThat(a.status()).isEqualTo(200);
        assertThat(fhir.calls).hasSize(13);
        assertThat(a.json().get("cards").get(0).get("detail").asText()).doesNotContain("not provided by the EHR");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }

    @Test
    void aFhirServerSlowerThanTheBudgetLeavesRequiredKeysMissing() {
        ObjectNode request = Requests.patientView("demo-02");
        request.put("fhirServer", fhir.base());
        request.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
        fhir.delayMillis = 3_000;
        long start = System.nanoTime();
        assertThat(call(request).status()).isEqualTo(412);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }

    @Test
    void anOptionalKeyTheFhirServerFailsOnIsListedAsNotProvided() {
        ObjectNode request = Requests.withChart("demo-02");
        request.put("fhirServer", fhir.base());
        request.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
        fhir.statuses.put("Procedure", 500);
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards").get(0).get("detail").asText())
                .contains("not provided by the EHR: prefetch `procedures`");
    }

    @Test
    void aFhirServerOffTheAllowListIsNeverContacted() {
        try (StubFhirServer other = new StubFhirServer()) {
            ObjectNode request = Requests.patientView("demo-02");
            ((ObjectNode) request.get("prefetch")).set("patient", Requests.patient("demo-02"));
            request.put("fhirServer", other.base());
            request.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
            assertThat(call(request).status()).isEqualTo(412);
            assertThat(other.calls).isEmpty();
        }
    }

    @Test
    void withoutFhirAuthorizationNothingIsFetched() {
        ObjectNode request = Requests.patientView("demo-02");
        request.put("fhirServer", fhir.base());
        assertThat(call(request).status()).isEqualTo(412);
        assertThat(fhir.calls).isEmpty();
    }

    @Test
    void invalidRequestsAre400WithAnOperationOutcome() {
        List<ObjectNode> bad = new ArrayList<>();
        ObjectNode r = Requests.withChart("demo-02");
        r.remove("hook");
        bad.add(r);
        r = Requests.withChart("demo-02");
        r.put("hook", "order-sign");
        bad.add(r);
        r = Requests.withChart("demo-02");
        r.remove("hookInstance");
        bad.add(r);
        r = Requests.withChart("demo-02");
        ((ObjectNode) r.get("context")).remove("patientId");
        bad.add(r);
        r = Requests.withChart("demo-02");
        ((ObjectNode) r.get("context")).put("patientId", "../../Patient");
        bad.add(r);
        r = Requests.withChart("demo-02");
        r.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
        bad.add(r);
        r = Requests.withChart("demo-02");
        ((ObjectNode) r.get("prefetch")).put("conditions", "123");
        bad.add(r);
        for (ObjectNode request : bad) {
            Http.Answer a = call(request);
            assertThat(a.status()).as(request.toString()).isEqualTo(400);
            assertThat(a.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        }
    }

    @Test
    void feedbackIsAcknowledgedWithAnEmptyObject() {
        String feedback = "{\"feedback\":[{\"card\":\"9368d37b-283f-44a0-93ea-547cebab93ed\",\"outcome\":"
                + "\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"reason-code\",\"system\":\"x\"},"
                + "\"userComment\":\"free text\"},\"outcomeTimestamp\":\"2024-06-01T10:00:00Z\"}]}";
        Http.Answer a = Http.post(base, SERVICE + "/feedback", feedback,
                KEYS.token(server.publicUrl() + SERVICE + "/feedback"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("{}");
        // accepted feedback refers to suggestions, which this service never sends
        Http.Answer accepted = Http.post(base, SERVICE + "/feedback", feedback.replace("overridden", "accepted"),
                KEYS.token(server.publicUrl() + SERVICE));
        assertThat(accepted.status()).isEqualTo(400);
    }
}
