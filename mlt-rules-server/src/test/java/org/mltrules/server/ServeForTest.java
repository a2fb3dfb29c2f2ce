package org.mltrules.server;

import java.time.Duration;
import java.util.List;
import org.mltrules.server.internal.BundleMapper;

/**
 * A server process for the shutdown test: no auth, a mapper that takes {@code slowN} milliseconds for patient
 * {@code slowN}; prints the listening line, serves until SIGTERM/SIGINT, exits 0.
 */
public final class ServeForTest {
    private ServeForTest() {
    }

    public static void main(String[] args) throws Exception {
        FakeMapper mapper = new FakeMapper();
        mapper.answer = b -> {
            String patient = b.path("entry").get(0).path("resource").path("id").asText();
            if (patient.startsWith("slow")) {
                System.err.println("evaluating a slow request");
                try {
                    Thread.sleep(Long.parseLong(patient.substring(4)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            var pc = FakeMapper.demo("demo-02");
            return new BundleMapper.Mapped(pc, pc.caseId(), FakeMapper.report(), List.of(),
                    BundleMapper.Scope.IN_SCOPE);
        };
        MltRulesServer server = MltRulesServer.builder().port(0).noAuth().bundleMapper(mapper)
                .evaluationTimeout(Duration.ofSeconds(20)).build().start();
        System.err.println(server.listeningLine());
        server.serveUntilSignalled();
        System.exit(0);
    }
}
