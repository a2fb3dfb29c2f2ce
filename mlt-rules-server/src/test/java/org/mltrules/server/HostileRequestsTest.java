package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile and careless clients: the server refuses them cleanly and keeps answering everyone else. */
class HostileRequestsTest {
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().bundleMapper(new FakeMapper())
                .bodyTimeout(Duration.ofSeconds(3))
                .build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void othersAreStillAnswered() {
        long start = System.nanoTime();
        Http.Answer a = Http.post(base, "/cds-services/mlt-rules-oligometastatic-sarcoma",
                Requests.withChart("demo-02").toString(), null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).hasSize(1);
        assertThat(Http.get(base, "/health").status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Http.Answer a = Http.post(base, "/api/assess", deep, null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("issue").get(0).get("diagnostics").asText()).contains("nested deeper");
        String deepObject = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThat(Http.post(base, "/cds-services/mlt-rules-oligometastatic-sarcoma", deepObject, null).status())
                .isEqualTo(400);
        othersAreStillAnswered();
    }

    @Test
    void malformedJsonInManyShapesIsRefusedWith400() {
        for (String bad : List.of("{", "}", "{\"a\":1}}", "{\"a\":1,\"a\":2}", "nul", "\"text\"", "{\"a\":\u0001}",
                "{\"a\": 1e999999999}", "\uFEFF{")) {
            Http.Answer a = Http.post(base, "/cds-services/mlt-rules-oligometastatic-sarcoma", bad, null);
            assertThat(a.status()).as(bad).isEqualTo(400);
        }
        othersAreStillAnswered();
    }

    @Test
    void invalidUtf8AndBrokenHttpAreRefused() throws Exception {
        try (RawHttp raw = new RawHttp(base)) {
            raw.write("THIS IS NOT HTTP\r\n\r\n");
            String answer = raw.readAll();
            assertThat(RawHttp.status(answer)).isEqualTo(400);
        }
        try (RawHttp raw = new RawHttp(base)) {
            raw.write("POST /api/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 12\r\n\r\n{\"caseId\":\"");
            raw.out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
            raw.write("\"}");
            assertThat(RawHttp.status(raw.readAll())).isEqualTo(400);
        }
        othersAreStillAnswered();
    }

    @Test
    void slowClientsDoNotHoldUpOthers() throws Exception {
        // Given twenty clients trickling their bodies in, one byte every 200 ms
        int n = 20;
        ExecutorService slow = Executors.newFixedThreadPool(n);
        CountDownLatch started = new CountDownLatch(n);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < n; i++) {
                slow.submit(() -> {
                    try (RawHttp raw = new RawHttp(base)) {
                        raw.write("POST /api/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 1000\r\n\r\n");
                        started.countDown();
                        for (int b = 0; b < 50 && raw.in.available() == 0; b++) {
                            raw.write(" ");
                            Thread.sleep(200);
                        }
                        statuses.add(RawHttp.status(raw.readAll()));
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                    return null;
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // When others call meanwhile, they are answered at once
            for (int i = 0; i < 5; i++) {
                othersAreStillAnswered();
            }
        } finally {
            slow.shutdown();
            assertThat(slow.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        // and each slow client got 408 once the body deadline passed
        assertThat(statuses).hasSize(n).containsOnly(408);
    }

    @Test
    void manyOpenConnectionsDoNotStopTheServer() throws Exception {
        List<RawHttp> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RawHttp raw = new RawHttp(base);
                raw.write("GET /health HTTP/1.1\r\nHost: x\r\n");   // headers never finished
                idle.add(raw);
            }
            othersAreStillAnswered();
        } finally {
            for (RawHttp r : idle) {
                r.close();
            }
        }
        othersAreStillAnswered();
    }

    @Test
    void aFloodOfHugeBodiesIsRefusedAndTheServerStaysUp() throws Exception {
        ExecutorService flood = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(flood.submit(() -> {
                    try (RawHttp raw = new RawHttp(base)) {
                        raw.write("POST /api/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n");
                        byte[] chunk = ("100000\r\n" + " ".repeat(0x100000) + "\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        try {
                            for (int c = 0; c < 12; c++) {
                                raw.out.write(chunk);
                            }
                        } catch (java.io.IOException closedByServer) {
                            // the server may close as soon as it has answered 413
                        }
                        return RawHttp.status(raw.readAll());
                    }
                }));
            }
            for (var f : fs) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isIn(413, -1);
            }
        } finally {
            flood.shutdown();
        }
        othersAreStillAnswered();
    }
}
