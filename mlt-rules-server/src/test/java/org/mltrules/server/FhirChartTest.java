package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mltrules.json.JsonSchemas;

/**
 * Real charts through the real FHIR mapping (mlt-rules-fhir): the two mCODE example bundles as CDS Hooks prefetch
 * get one card each with the right category; charts without sarcoma, without metastasis or with a carcinoma get
 * none; a chart that cannot be mapped gets one warning.
 */
class FhirChartTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    static final Keys KEYS = Keys.generate(Keys.ISSUER, "ehr");
    static final ZoneId CLINIC = ZoneId.of("Europe/Zurich");
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2023-05-10T08:00:00Z"), CLINIC);
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).issuerJwks(Keys.ISSUER, KEYS.publicJwks())
                .clock(CLOCK).build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Http.Answer call(ObjectNode request) {
        return Http.post(base, SERVICE, request.toString(), KEYS.token(server.publicUrl() + SERVICE));
    }

    static JsonNode onlyCard(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("cards")).hasSize(1);
        return a.json().get("cards").get(0);
    }

    @Test
    void theLeiomyosarcomaChartGetsACardForMetachronousOligorecurrence() {
        // Given example (a), opened in the EHR the day its bundle was written
        CLOCK.set(Instant.parse("2023-05-10T08:00:00Z"));
        ObjectNode request = Charts.request(Charts.bundle("fhir-mapping-example-a.json"));

        JsonNode card = onlyCard(call(request));

        JsonNode assessment = card.get("extension").get("org.mltrules.assessment");
        assertThat(assessment.get("classification").get("category").asText())
                .isEqualTo("METACHRONOUS_OLIGORECURRENCE");
        assertThat(assessment.get("caseId").asText()).isEqualTo(request.get("hookInstance").asText());
        assertThat(assessment.get("lesions")).hasSize(2);
        JsonNode mapping = card.get("extension").get("org.mltrules.mapping");
        assertThat(mapping.isArray()).isTrue();
        assertThat(mapping.toString()).contains("lesions").doesNotContain("lms-patient-a\"");
        assertThat(card.get("summary").asText()).startsWith("Metachronous oligorecurrence (ESTRO/EORTC)");
        assertThat(card.get("detail").asText()).contains("### Facts to record");
    }

    @Test
    void theGistChartGetsACardForInducedOligoprogression() {
        CLOCK.set(Instant.parse("2024-01-19T07:30:00Z"));
        JsonNode card = onlyCard(call(Charts.request(Charts.bundle("fhir-mapping-example-b.json"))));
        assertThat(card.get("extension").get("org.mltrules.assessment").get("classification").get("category")
                .asText()).isEqualTo("INDUCED_OLIGOPROGRESSION");
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("detail").asText()).contains("oligoprogression");
    }

    @Test
    void aChartWithoutASarcomaPrimaryGetsNoCard() {
        CLOCK.set(Instant.parse("2023-05-10T08:00:00Z"));
        ObjectNode request = Charts.request(Charts.bundle("fhir-mapping-example-a.json"),
                r -> !r.path("id").asText().equals("lms-primary-a"));
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }

    @Test
    void aSarcomaChartWithoutMetastasisGetsNoCard() {
        CLOCK.set(Instant.parse("2023-05-10T08:00:00Z"));
        ObjectNode request = Charts.request(Charts.bundle("fhir-mapping-example-a.json"),
                r -> !r.path("id").asText().startsWith("lms-lung-mets") && !r.path("id").asText()
                        .startsWith("lms-tumor") && !r.path("id").asText().startsWith("lms-size")
                        && !r.path("id").asText().startsWith("lms-treatable"));
        Http.Answer a = call(request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }

    @Test
    void aCarcinomaChartGetsNoCard() {
        CLOCK.set(Instant.parse("2023-05-10T08:00:00Z"));
        ObjectNode bundle = Charts.bundle("fhir-mapping-example-a.json");
        String text = bundle.toString().replace("\"8890/3\"", "\"8140/3\"");
        Http.Answer a = call(Charts.request((ObjectNode) Json(text)));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).isEmpty();
    }

    @Test
    void aChartThatCannotBeMappedGetsOneWarningNamingPathsAndRules() {
        // Given two current lesions with the same identifier
        CLOCK.set(Instant.parse("2023-05-10T08:00:00Z"));
        ObjectNode bundle = Charts.bundle("fhir-mapping-example-a.json");
        for (JsonNode e : bundle.get("entry")) {
            if (e.get("resource").get("id").asText().equals("lms-tumor-a-l2")) {
                ObjectNode tumour = (ObjectNode) e.get("resource");
                ArrayNode ids = (ArrayNode) tumour.get("identifier");
                JsonNode l1 = null;
                for (JsonNode f : bundle.get("entry")) {
                    if (f.get("resource").get("id").asText().equals("lms-tumor-a-l1")) {
                        l1 = f.get("resource").get("identifier");
                    }
                }
                tumour.set("identifier", l1 == null ? ids : l1.deepCopy());
            }
        }
        JsonNode card = onlyCard(call(Charts.request(bundle)));
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("could not be assessed");
        assertThat(card.get("detail").asText()).contains("MAP-LESIONS-8");
    }

    @Test
    void aBundleIsAssessedThroughTheApiWithItsMappingReport() {
        Http.Answer a = Http.post(base, "/api/assess", Charts.bundle("fhir-mapping-example-b.json").toString(),
                null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("classification").get("category").asText()).isEqualTo("INDUCED_OLIGOPROGRESSION");
        assertThat(a.json().get("mapping").isArray()).isTrue();
        assertThat(a.json().get("mapping").size()).isGreaterThan(5);
        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, a.body())).isEmpty();

        String carcinoma = Charts.bundle("fhir-mapping-example-a.json").toString().replace("\"8890/3\"", "\"8140/3\"");
        Http.Answer refused = Http.post(base, "/api/assess", carcinoma, null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).startsWith("Bundle");
        assertThat(JsonSchemas.errors(JsonSchemas.ERROR_RECORD, refused.body())).isEmpty();
    }

    static JsonNode Json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
