package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping lets requests in flight finish, in process and on SIGTERM (exit status 0). */
class GracefulShutdownTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";

    @Test
    @Timeout(60)
    void closeLetsTheRequestInFlightFinishAndRefusesNewConnections() throws Exception {
        FakeMapper mapper = new FakeMapper();
        java.util.concurrent.CountDownLatch evaluating = new java.util.concurrent.CountDownLatch(1);
        mapper.answer = b -> {
            evaluating.countDown();
            ErrorStatusTest.sleep(1500);
            return FakeMapper.byPatientId(b);
        };
        MltRulesServer server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().bundleMapper(mapper)
                .build().start();
        URI base = server.uri();
        CompletableFuture<Http.Answer> inFlight = CompletableFuture.supplyAsync(() -> Http.post(base, SERVICE,
                Requests.withChart("demo-02").toString(), null));
        assertThat(evaluating.await(20, TimeUnit.SECONDS)).isTrue();

        server.close();

        Http.Answer a = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("cards")).hasSize(1);
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(base, "/health").status();
            } catch (RuntimeException refused) {
                return -1;
            }
        }).get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    @Timeout(120)
    void sigtermFinishesTheRequestInFlightAndExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ServeForTest.class.getName())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            URI base = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("mlt-rules: listening on ")) {
                    base = URI.create(line.substring("mlt-rules: listening on ".length()).trim());
                    break;
                }
            }
            assertThat(base).as("the listening line").isNotNull();
            assertThat(base.getPort()).isPositive();
            URI b = base;
            CompletableFuture<Http.Answer> inFlight = CompletableFuture.supplyAsync(() -> Http.post(b, SERVICE,
                    Requests.withChart("slow2000").toString(), null));
            while ((line = out.readLine()) != null && !line.contains("evaluating a slow request")) {
                // wait until the request is in flight
            }

            p.destroy();   // SIGTERM

            Http.Answer a = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().get("cards")).hasSize(1);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
