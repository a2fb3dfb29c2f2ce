package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short load: 400 CDS Hooks calls from 8 concurrent clients, each with its own JWT; every answer correct, none
 * lost. (The full 2,000-request benchmark with p50/p99 is in mlt-rules-benchmarks.)
 */
class LoadTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    static final Keys KEYS = Keys.generate(Keys.ISSUER, "ehr");
    static final String[] PATIENTS = {"demo-01", "demo-02", "demo-03", "demo-04"};
    static MltRulesServer server;
    static URI base;

    @BeforeAll
    static void start() {
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).issuerJwks(Keys.ISSUER, KEYS.publicJwks())
                .bundleMapper(new FakeMapper()).build().start();
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eightClientsFourHundredCallsAllAnsweredCorrectly() throws Exception {
        // The expected category of each demo patient, assessed directly
        String[] expected = new String[PATIENTS.length];
        for (int i = 0; i < PATIENTS.length; i++) {
            expected[i] = Rules.BUNDLED.assess(FakeMapper.demo(PATIENTS[i])).category().name();
        }
        String aud = server.publicUrl() + SERVICE;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            results.add(clients.submit(() -> {
                int ok = 0;
                for (int i = next.getAndIncrement(); i < 400; i = next.getAndIncrement()) {
                    int p = i % PATIENTS.length;
                    long t0 = System.nanoTime();
                    Http.Answer a = Http.post(base, SERVICE, Requests.withChart(PATIENTS[p]).toString(),
                            KEYS.token(aud));
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.json().get("cards").get(0).get("extension").get("org.mltrules.assessment")
                            .get("classification").get("category").asText()).isEqualTo(expected[p]);
                    ok++;
                }
                return ok;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        assertThat(total).isEqualTo(400);
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("LoadTest: 400 calls, 8 clients: p50 %d ms, p99 %d ms%n", sorted.get(199),
                sorted.get(395));
    }
}
