package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example requests of the CDS Hooks 2.0.1 specification (cds-hooks-2.0.1/README.md), as an EHR would send
 * them: accepted as requests (unknown keys ignored), and answered by the prefetch rules.
 */
class SpecExampleRequestTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    static final FakeMapper MAPPER = new FakeMapper();
    static StubFhirServer fhir;
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        fhir = new StubFhirServer();
        // the spec's patient 1288992 stands for demo-02's chart in the stand-in mapping
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().fhirBase(fhir.base())
                .bundleMapper((json, caseId, asOf) -> MAPPER.map(json.replace("\"1288992\"", "\"demo-02\"")
                        .replace("Patient/1288992", "Patient/demo-02"), caseId, asOf))
                .build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
        fhir.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void reset() {
        fhir.calls.clear();
        fhir.answers.clear();
    }

    static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = SpecExampleRequestTest.class.getResourceAsStream("/cds-hooks-2.0.1/" + name)) {
            return (ObjectNode) Http.JSON.readTree(in);
        }
    }

    @Test
    void theSpecsPatientViewRequestWithoutOurPrefetchAndAFhirServerOffTheAllowListIs412() throws IOException {
        ObjectNode request = fixture("patient-view-request.json");
        Http.Answer a = Http.post(base, SERVICE, request.toString(), null);
        assertThat(a.status()).isEqualTo(412);
        assertThat(fhir.calls).isEmpty();
    }

    @Test
    void theSpecsPatientViewRequestPointedAtAnAllowListedFhirServerIsFetchedAndAnswered() throws IOException {
        // Given the spec's request whose fhirServer is our loopback stub (the one normalisation for this test)
        ObjectNode request = fixture("patient-view-request.json");
        request.put("fhirServer", fhir.base());
        fhir.answers.put("Patient", Requests.patient("1288992").toString());
        fhir.answers.put("Condition", Requests.searchset(Requests.condition("c1", "1288992")).toString());

        Http.Answer a = Http.post(base, SERVICE, request.toString(), null);

        // Then the keys it lacks were fetched with its access token and one card came back
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).hasSize(1);
        assertThat(a.json().get("cards").get(0).get("extension").get("org.mltrules.assessment")
                .get("caseId").asText()).isEqualTo("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        assertThat(fhir.calls).isNotEmpty().allSatisfy(c -> assertThat(c.authorization())
                .isEqualTo("Bearer some-opaque-fhir-access-token"));
        assertThat(fhir.calls).extracting(StubFhirServer.Call::pathAndQuery).contains("/fhir/Patient/1288992");
    }

    @Test
    void theSpecsExtensionRequestIsAcceptedAndItsExtensionIgnored() throws IOException {
        ObjectNode request = fixture("extension-request.json");
        assertThat(Http.post(base, SERVICE, request.toString(), null).status()).isEqualTo(412);
        ObjectNode prefetch = request.putObject("prefetch");
        prefetch.set("patient", Requests.patient("1288992"));
        prefetch.putNull("conditions");
        Http.Answer a = Http.post(base, SERVICE, request.toString(), null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }
}
