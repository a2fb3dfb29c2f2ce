package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mltrules.server.internal.BundleMapper;

/** Every error status of the contract, each as a FHIR OperationOutcome without internals or case content. */
class ErrorStatusTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    static final FakeMapper MAPPER = new FakeMapper();
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        MAPPER.answer = b -> {
            String patient = b.path("entry").get(0).path("resource").path("id").asText();
            if (patient.startsWith("slow")) {
                sleep(Long.parseLong(patient.substring(4)));
                patient = "demo-02";
            }
            if (patient.equals("boom")) {
                throw new IllegalStateException("patient John Doe, MRN 12345: boom");
            }
            var pc = FakeMapper.demo(patient);
            return new BundleMapper.Mapped(pc, pc.caseId(), FakeMapper.report(), List.of(),
                    BundleMapper.Scope.IN_SCOPE);
        };
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth()
                .bundleMapper(MAPPER)
                .bodyTimeout(Duration.ofMillis(1500))
                .evaluationTimeout(Duration.ofMillis(1500))
                .workers(1).queue(1)
                .build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void assertOutcome(Http.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/fhir+json");
        JsonNode o = a.json();
        assertThat(o.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(o.get("issue").get(0).get("code").asText()).isEqualTo(code);
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jetty");
    }

    @Test
    void malformedJsonIs400() {
        assertOutcome(Http.post(base, "/api/assess", "{\"caseId\": ", null), 400, "invalid");
        assertOutcome(Http.post(base, SERVICE, "[1, 2]", null), 400, "invalid");
        assertOutcome(Http.post(base, SERVICE, "", null), 400, "invalid");
    }

    @Test
    void unknownPathsAndServicesAre404() {
        assertOutcome(Http.get(base, "/no/such/page"), 404, "not-found");
        assertOutcome(Http.post(base, "/cds-services/another-service", "{}", null), 404, "not-found");
        assertOutcome(Http.get(base, "/api/nothing"), 404, "not-found");
        // a path that names a patient is not echoed
        assertThat(Http.get(base, "/patients/John-Doe").body()).doesNotContain("John");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Http.Answer a = Http.get(base, SERVICE);
        assertOutcome(a, 405, "not-supported");
        assertThat(a.header("Allow")).contains("POST");
        assertOutcome(Http.post(base, "/health", "{}", null), 405, "not-supported");
        assertOutcome(Http.send(HttpRequest.newBuilder(base.resolve("/cds-services"))
                .DELETE().build()), 405, "not-supported");
    }

    @Test
    void aBodyThatTricklesInIs408() throws Exception {
        try (RawHttp raw = new RawHttp(base)) {
            raw.write("POST /api/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n");
            long start = System.nanoTime();
            String answer = "";
            for (int i = 0; i < 40 && RawHttp.status(answer) < 0; i++) {
                try {
                    raw.write("{");
                } catch (java.io.IOException closed) {
                    break;
                }
                sleep(100);
                if (raw.in.available() > 0) {
                    answer = raw.readAll();
                }
            }
            if (RawHttp.status(answer) < 0) {
                answer = raw.readAll();
            }
            assertThat(RawHttp.status(answer)).isEqualTo(408);
            assertThat(answer).contains("OperationOutcome");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
        }
    }

    @Test
    void aBodyOver10MiBIs413WithOrWithoutContentLength() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertOutcome(Http.send(HttpRequest.newBuilder(base.resolve("/api/assess"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build()), 413, "too-long");
        // chunked: no length announced, counted while it arrives
        assertOutcome(Http.send(HttpRequest.newBuilder(base.resolve("/api/assess"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build()),
                413, "too-long");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        assertOutcome(Http.send(HttpRequest.newBuilder(base.resolve("/api/assess"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 415, "not-supported");
        assertOutcome(Http.send(HttpRequest.newBuilder(base.resolve(SERVICE))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 415, "not-supported");
        // application/fhir+json is JSON
        Http.Answer fhirJson = Http.send(HttpRequest.newBuilder(base.resolve("/api/assess"))
                .header("Content-Type", "application/fhir+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"caseId\":\"x\"}")).build());
        assertThat(fhirJson.status()).isEqualTo(200);
    }

    @Test
    void headersOver16KiBAre431() throws Exception {
        try (RawHttp raw = new RawHttp(base)) {
            raw.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
            String answer = raw.readAll();
            assertThat(RawHttp.status(answer)).isEqualTo(431);
            assertThat(answer).contains("OperationOutcome").doesNotContain("jetty");
        }
    }

    @Test
    void anInternalFailureIs500WithoutDetail() {
        Http.Answer a = Http.post(base, SERVICE, Requests.withChart("boom").toString(), null);
        assertOutcome(a, 500, "exception");
        assertThat(a.body()).doesNotContain("John").doesNotContain("12345").doesNotContain("boom");
    }

    @Test
    void anAssessmentThatDoesNotFinishInTimeGetsAWarningCard() {
        Http.Answer a = Http.post(base, SERVICE, Requests.withChart("slow3000").toString(), null);
        assertThat(a.status()).isEqualTo(200);
        JsonNode card = a.json().get("cards").get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("could not be assessed").contains("in time");
        sleep(1600);
    }

    @Test
    void moreRequestsThanWorkersAndQueueAre503WithRetryAfter() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> Http.post(base, SERVICE, Requests.withChart("slow1000").toString(),
                        null)));
                sleep(50);
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Answer> f : answers) {
                Http.Answer a = f.get();
                statuses.add(a.status());
                if (a.status() == 503) {
                    assertThat(a.header("Retry-After")).isEqualTo("1");
                    assertThat(a.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
                }
            }
            // one evaluating, one queued, the others refused
            assertThat(statuses).contains(200, 503);
            assertThat(statuses.stream().filter(s -> s == 503).count()).isGreaterThanOrEqualTo(2);
        } finally {
            clients.shutdown();
        }
        sleep(2500);
        assertThat(Http.get(base, "/health").status()).isEqualTo(200);
    }
}
