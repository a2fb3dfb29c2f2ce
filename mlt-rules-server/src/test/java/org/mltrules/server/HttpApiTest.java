package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mltrules.json.JsonSchemas;

/** Discovery, health, the HTTP API, the page and CORS, over loopback. */
class HttpApiTest {
    static final String ORIGIN = "http://localhost:3000";
    static final String API_TOKEN = "test-api-token-0123456789";
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().bundleMapper(new FakeMapper())
                .allowOrigin(ORIGIN).apiToken(API_TOKEN).build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Http.Answer api(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return Http.send(b.build());
    }

    @Test
    void discoveryDescribesOnePatientViewServiceWithPrefetchForEveryResourceTypeTheMapperReads() {
        Http.Answer a = Http.get(base, "/cds-services");
        assertThat(a.status()).isEqualTo(200);
        JsonNode services = a.json().get("services");
        assertThat(services).hasSize(1);
        JsonNode s = services.get(0);
        assertThat(s.get("id").asText()).isEqualTo("mlt-rules-oligometastatic-sarcoma");
        assertThat(s.get("hook").asText()).isEqualTo("patient-view");
        assertThat(s.get("title").asText()).isNotBlank();
        assertThat(s.get("description").asText()).isNotBlank();
        JsonNode prefetch = s.get("prefetch");
        assertThat(prefetch.get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(prefetch.get("conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}");
        List<String> types = new ArrayList<>();
        prefetch.forEach(t -> types.add(t.asText().split("[/?]")[0]));
        assertThat(types).contains("Patient", "Condition", "BodyStructure", "Observation",
                "MedicationAdministration", "MedicationRequest", "Procedure");
        assertThat(a.header("Cache-Control")).isEqualTo("no-store");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void healthNamesTheRuleSet() {
        JsonNode h = Http.get(base, "/health").json();
        assertThat(h.get("status").asText()).isEqualTo("UP");
        assertThat(h.get("rules").get("name").asText()).isEqualTo(Rules.BUNDLED.ruleSet().name());
        assertThat(h.get("rules").get("version").asText()).isEqualTo(Rules.BUNDLED.ruleSet().version());
        assertThat(h.get("rules").get("fingerprint").asText()).isEqualTo(Rules.BUNDLED.ruleSet().fingerprint());
        Http.Answer head = Http.send(HttpRequest.newBuilder(base.resolve("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(Http.get(base, "/health").status()).isEqualTo(200);
    }

    @Test
    void aCaseIsAssessedAndARejectedCaseIs422WithTheErrorRecord() {
        String demo02 = FakeMapper.class.getName();
        Http.Answer ok = api("POST", "/api/assess", demoJson("demo-02"), API_TOKEN);
        assertThat(ok.status()).as(demo02).isEqualTo(200);
        assertThat(ok.json().get("caseId").asText()).isEqualTo("demo-02");
        assertThat(ok.json().get("classification").get("category").asText())
                .isEqualTo("METACHRONOUS_OLIGORECURRENCE");
        assertThat(ok.json().has("mapping")).isFalse();
        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, ok.body())).isEmpty();

        Http.Answer rejected = api("POST", "/api/assess", "{\"caseId\":\"bad\",\"ecog\":7,\"colour\":\"red\"}",
                API_TOKEN);
        assertThat(rejected.status()).isEqualTo(422);
        JsonNode record = rejected.json();
        assertThat(record.get("caseId").asText()).isEqualTo("bad");
        List<String> fields = new ArrayList<>();
        record.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("ecog", "colour");
        assertThat(JsonSchemas.errors(JsonSchemas.ERROR_RECORD, rejected.body())).isEmpty();
    }

    @Test
    void aBundleIsAssessedWithItsMappingReport() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patient\",\"id\":\"demo-02\"}}]}";
        Http.Answer a = api("POST", "/api/assess", bundle, API_TOKEN);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("mapping").isArray()).isTrue();
        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, a.body())).isEmpty();
        assertThat(api("POST", "/api/assess", "{\"resourceType\":\"Patient\"}", API_TOKEN).status()).isEqualTo(400);
    }

    @Test
    void aBundleIsMappedToItsCaseForThePagesWhatIfWithItsReport() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patient\",\"id\":\"demo-02\"}}]}";
        Http.Answer a = api("POST", "/api/map", bundle, API_TOKEN);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("case").get("caseId").asText()).isEqualTo("demo-02");
        assertThat(org.mltrules.json.CaseJson.read(a.json().get("case").toString()))
                .isEqualTo(FakeMapper.demo("demo-02"));
        assertThat(a.json().get("mapping").isArray()).isTrue();
        assertThat(JsonSchemas.errors(JsonSchemas.CASE, a.json().get("case").toString())).isEmpty();

        assertThat(api("POST", "/api/map", demoJson("demo-02"), API_TOKEN).status()).as("a case is no Bundle")
                .isEqualTo(400);
        assertThat(api("POST", "/api/map", bundle, null).status()).as("without the API token").isEqualTo(401);
        assertThat(api("GET", "/api/map", null, API_TOKEN).status()).isEqualTo(405);
    }

    @Test
    void aBundleThatCannotBeMappedIs422WithEveryProblemAndTheReport() {
        FakeMapper failing = new FakeMapper();
        failing.answer = b -> new org.mltrules.server.internal.BundleMapper.Mapped(null, "b1", FakeMapper.report(),
                List.of(new org.mltrules.server.internal.BundleMapper.Problem("Bundle.entry[1].resource.subject",
                        "a resource of another patient", "MAP-PATIENT-2")),
                org.mltrules.server.internal.BundleMapper.Scope.IN_SCOPE);
        try (MltRulesServer s = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().bundleMapper(failing)
                .build().start()) {
            Http.Answer a = Http.send(HttpRequest.newBuilder(s.uri().resolve("/api/map"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\"}")).build());
            assertThat(a.status()).isEqualTo(422);
            assertThat(a.json().get("errors").get(0).get("field").asText()).isEqualTo("Bundle.entry[1].resource.subject");
            assertThat(a.json().get("mapping").isArray()).isTrue();
        }
    }

    @Test
    void theVocabularyNamesTheStepsConventionsAndCaseFieldsOfTheCoreWithTheRulesInForce() {
        Http.Answer a = api("GET", "/api/vocabulary", null, API_TOKEN);
        assertThat(a.status()).isEqualTo(200);
        JsonNode v = a.json();
        assertThat(v.get("rules").get("fingerprint").asText()).isEqualTo(Rules.BUNDLED.ruleSet().fingerprint());
        assertThat(v.get("steps")).hasSize(org.mltrules.Step.values().length);
        for (JsonNode s : v.get("steps")) {
            assertThat(s.get("question").asText()).isEqualTo(org.mltrules.Step.valueOf(s.get("id").asText())
                    .question(Rules.BUNDLED.conventions()));
        }
        for (JsonNode k : v.get("conventions")) {
            assertThat(k.get("meaning").asText()).isEqualTo(org.mltrules.Convention.valueOf(k.get("id").asText())
                    .meaning());
        }
        List<String> paths = new ArrayList<>();
        v.get("fields").forEach(f -> paths.add(f.get("path").asText()));
        assertThat(paths).containsExactlyElementsOf(java.util.Arrays.stream(org.mltrules.CaseField.values())
                .map(org.mltrules.CaseField::path).toList());
        JsonNode ecog = v.get("fields").get(paths.indexOf("ecog"));
        assertThat(ecog.get("type").asText()).isEqualTo("INTEGER");
        assertThat(ecog.get("max").asDouble()).isEqualTo(4.0);
        JsonNode response = v.get("fields").get(paths.indexOf("lesions[].response"));
        assertThat(response.get("values")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(java.util.Arrays.stream(org.mltrules.Response.values()).map(Enum::name)
                        .toList());
        assertThat(api("GET", "/api/vocabulary", null, null).status()).as("without the API token").isEqualTo(401);
    }

    @Test
    void demoCasesAreAJsonArrayOfCases() {
        Http.Answer a = api("GET", "/api/demo-cases", null, API_TOKEN);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().isArray()).isTrue();
        assertThat(a.json().size()).isGreaterThanOrEqualTo(10);
        assertThat(a.json().get(0).get("caseId").asText()).isEqualTo("demo-01");
    }

    @Test
    void theApiNeedsItsTokenWhenOneIsConfigured() {
        for (String token : new String[] {null, "wrong-token-000000000000", API_TOKEN + "x", API_TOKEN.substring(1)}) {
            Http.Answer a = api("POST", "/api/assess", demoJson("demo-02"), token);
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(api("GET", "/api/demo-cases", null, token).status()).isEqualTo(401);
        }
        // the page and health stay open
        assertThat(Http.get(base, "/").status()).isEqualTo(200);
        assertThat(Http.get(base, "/health").status()).isEqualTo(200);
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() {
        Http.Answer a = Http.get(base, "/");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(a.body()).contains("<html");
        assertThat(Http.get(base, "/index.html").status()).isEqualTo(200);
        assertThat(Http.get(base, "/../pom.xml").status()).isIn(400, 404);
        assertThat(Http.get(base, "/%2e%2e/simplelogger.properties").status()).isIn(400, 404);
        assertThat(Http.get(base, "/org/mltrules/json/demo/demo.jsonl").status()).isEqualTo(404);
    }

    @Test
    void corsIsAnsweredOnlyForAllowedOrigins() {
        Http.Answer pre = Http.send(HttpRequest.newBuilder(base.resolve("/cds-services/mlt-rules-oligometastatic-sarcoma"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build());
        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(pre.header("Access-Control-Allow-Headers")).contains("Authorization").contains("Content-Type");
        assertThat(pre.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(pre.header("Access-Control-Allow-Credentials")).isNull();

        Http.Answer other = Http.send(HttpRequest.newBuilder(base.resolve("/cds-services"))
                .header("Origin", "https://evil.example").GET().build());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        Http.Answer allowed = Http.send(HttpRequest.newBuilder(base.resolve("/cds-services"))
                .header("Origin", ORIGIN).GET().build());
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Vary")).contains("Origin");
    }

    @Test
    void aBindBeyondLoopbackNeedsTlsAnApiTokenAndAuthentication(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path keystore = java.nio.file.Files.writeString(dir.resolve("server.p12"), "not read before start");
        assertThatThrownBy(() -> MltRulesServer.builder().rules(Rules.BUNDLED).bind("0.0.0.0")
                .tlsKeystore(keystore, new char[0]).apiToken(API_TOKEN).noAuth().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--no-auth is refused");
        assertThatThrownBy(() -> MltRulesServer.builder().rules(Rules.BUNDLED).bind("0.0.0.0")
                .tlsKeystore(keystore, new char[0]).issuerJwks(Keys.ISSUER, Keys.generate(Keys.ISSUER, "k")
                        .publicJwks()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--api-token-file");
    }

    @Test
    void unsafeConfigurationsAreRefused() {
        assertThatThrownBy(() -> MltRulesServer.builder().rules(Rules.BUNDLED).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--issuer");
        assertThatThrownBy(() -> MltRulesServer.builder().rules(Rules.BUNDLED).bind("0.0.0.0").noAuth().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--tls-keystore");
        assertThatThrownBy(() -> MltRulesServer.builder().fhirBase("http://fhir.example.org/r4"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MltRulesServer.builder().issuerJwks("https://ehr", "{\"keys\":[{\"kty\":\"oct\","
                + "\"k\":\"c2VjcmV0\",\"kid\":\"k\"}]}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no usable key");
    }

    static String demoJson(String id) {
        try (var in = HttpApiTest.class.getClassLoader().getResourceAsStream("org/mltrules/json/demo/demo.jsonl")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("\"caseId\":\"" + id + "\"")) {
                    return line;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalArgumentException(id);
    }
}
