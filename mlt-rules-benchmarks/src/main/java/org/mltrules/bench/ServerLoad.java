package org.mltrules.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mltrules.server.MltRulesServer;

/**
 * Load on the CDS Hooks service over loopback, as issue 14 asks: 8 concurrent clients, 2,000 patient-view calls in
 * all, each with its own ES384 JWT and a realistic prefetch (the GIST mCODE bundle of bundles/, split into the
 * service's prefetch keys). Every answer is checked (one card, category INDUCED_OLIGOPROGRESSION); none may be
 * lost. Prints p50, p90, p99 and the maximum latency, and the throughput, after a warm-up.
 *
 * <pre>mlt-rules-benchmarks/server-load.sh [CLIENTS [REQUESTS [WARMUP]]]</pre>
 *
 * Server and clients share one JVM and the machine's cores. The EHR's side is prepared before each run (request
 * bodies and JWTs signed in advance: an EHR signs on its own machine), so the figures are the server's. The JWT
 * algorithm is ES384 unless {@code -Dalg=RS384}: on JDK 17, verifying an ES384 signature costs a few
 * milliseconds of CPU (P-384 arithmetic in Java), RS384 a fraction of one.
 */
public final class ServerLoad {
    private static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        boolean rsa = "RS384".equals(System.getProperty("alg"));
        JWK key = rsa ? new RSAKeyGenerator(2048).keyID("bench").generate()
                : new ECKeyGenerator(Curve.P_384).keyID("bench").generate();
        String issuer = "https://ehr.bench.example/";
        // The bundle's own date, so that the record reads as it did that day.
        Clock clock = Clock.fixed(Instant.parse("2024-01-19T07:30:00Z"), ZoneId.of("Europe/Zurich"));
        try (MltRulesServer server = MltRulesServer.builder().port(0)
                .issuerJwks(issuer, new JWKSet(key.toPublicJWK()).toString())
                .clock(clock).queue(256).build().start()) {
            URI base = server.uri();
            String aud = server.publicUrl() + SERVICE;
            ObjectNode bundle;
            try (InputStream in = ServerLoad.class.getResourceAsStream(
                    "/bundles/gist-induced-oligoprogression-v11.json")) {
                bundle = (ObjectNode) JSON.readTree(in);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("server-load: %d clients, %d warm-up + %d measured calls, %s, %d cores%n", clients,
                    warmup, requests, rsa ? "RS384" : "ES384", Runtime.getRuntime().availableProcessors());
            run(http, base, aud, key, issuer, bundle, clients, warmup);
            long start = System.nanoTime();
            List<Long> micros = run(http, base, aud, key, issuer, bundle, clients, requests);
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(micros);
            System.out.printf("server-load: %d/%d answered correctly in %.1f s (%.0f calls/s)%n", micros.size(),
                    requests, seconds, micros.size() / seconds);
            System.out.printf("server-load: latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(micros, 50), pct(micros, 90), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
            if (micros.size() != requests) {
                System.exit(1);
            }
        }
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }

    private static List<Long> run(HttpClient http, URI base, String aud, JWK key, String issuer, ObjectNode bundle,
                                  int clients, int total) throws Exception {
        List<String[]> calls = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            calls.add(new String[] {request(bundle).toString(), token(key, issuer, aud)});
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String body = calls.get(i)[0];
                    String token = calls.get(i)[1];
                    HttpRequest req = HttpRequest.newBuilder(base.resolve(SERVICE)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    long us = (System.nanoTime() - t0) / 1000;
                    JsonNode cards = r.statusCode() == 200 ? JSON.readTree(r.body()).get("cards") : null;
                    if (cards != null && cards.size() == 1 && "INDUCED_OLIGOPROGRESSION".equals(cards.get(0)
                            .path("extension").path("org.mltrules.assessment").path("classification")
                            .path("category").asText())) {
                        micros.add(us);
                    } else {
                        System.err.println("server-load: wrong answer " + r.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return micros;
    }

    private static String token(JWK key, String issuer, String aud) throws Exception {
        long now = System.currentTimeMillis();
        boolean rsa = key instanceof RSAKey;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(rsa ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder().issuer(issuer).audience(aud)
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000))
                .jwtID(UUID.randomUUID().toString()).build());
        JWSSigner signer = rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** The bundle's resources under the service's prefetch keys, as an EHR sends them. */
    private static ObjectNode request(ObjectNode bundle) {
        ObjectNode r = JSON.createObjectNode();
        r.put("hookInstance", UUID.randomUUID().toString());
        r.put("hook", "patient-view");
        ObjectNode ctx = r.putObject("context");
        ctx.put("userId", "Practitioner/bench");
        ObjectNode prefetch = r.putObject("prefetch");
        for (JsonNode e : bundle.get("entry")) {
            JsonNode res = e.get("resource");
            String type = res.get("resourceType").asText();
            if (type.equals("Patient")) {
                ctx.put("patientId", res.get("id").asText());
                prefetch.set("patient", res);
                continue;
            }
            String key = switch (type) {
                case "Condition" -> "conditions";
                case "BodyStructure" -> "tumors";
                case "MedicationRequest" -> "medicationRequests";
                case "Observation" -> observationKey(res);
                default -> null;
            };
            if (key == null) {
                continue;
            }
            if (!prefetch.has(key)) {
                ObjectNode set = prefetch.putObject(key);
                set.put("resourceType", "Bundle");
                set.put("type", "searchset");
                set.putArray("entry");
            }
            ((ArrayNode) prefetch.get(key).get("entry")).addObject().set("resource", res);
        }
        return r;
    }

    private static String observationKey(JsonNode res) {
        JsonNode coding = res.path("code").path("coding").path(0);
        if (coding.path("system").asText().startsWith("urn:mlt-rules")) {
            return "localFacts";
        }
        return switch (coding.path("code").asText()) {
            case "89247-1" -> "ecog";
            case "21889-1" -> "tumorSize";
            case "97509-4" -> "diseaseStatus";
            default -> "labs";
        };
    }
}
