package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mltrules.server.internal.JwtVerifier;

/** The CDS client's JWT (CDS Hooks 2.0.1 "Trusting CDS Clients"): what is accepted and what is refused. */
class JwtAuthenticationTest {
    static final String SERVICE = "/cds-services/mlt-rules-oligometastatic-sarcoma";
    static final Keys EHR = Keys.generate(Keys.ISSUER, "ehr");
    static final Keys OTHER_EHR = Keys.generate("https://other-ehr.test.example/", "other");
    static MltRulesServer server;
    static URI base;
    static String aud;

    @BeforeAll
    static void start() {
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED)
                .issuerJwks(EHR.issuer, EHR.publicJwks())
                .issuerJwks(OTHER_EHR.issuer, OTHER_EHR.publicJwks())
                .bundleMapper(new FakeMapper())
                .build().start();
        base = server.uri();
        aud = server.publicUrl() + SERVICE;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Answer call(String token) {
        return Http.post(base, SERVICE, Requests.withChart("demo-02").toString(), token);
    }

    private static void assertRefused(String token) {
        Http.Answer a = call(token);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(a.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void aValidEs384TokenFromATrustedIssuerIsAccepted() {
        assertThat(call(EHR.token(aud)).status()).isEqualTo(200);
    }

    @Test
    void aValidRs384TokenIsAccepted() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR.issuer).audience(aud)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .jwtID("rs384-" + System.nanoTime()).build();
        assertThat(call(EHR.sign(JWSAlgorithm.RS384, EHR.rsa.getKeyID(), claims)).status()).isEqualTo(200);
    }

    @Test
    void noTokenIsRefused() {
        assertRefused(null);
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(EHR.token(aud, c -> c.issueTime(new Date(System.currentTimeMillis() - 900_000))
                .expirationTime(new Date(System.currentTimeMillis() - 600_000))));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(EHR.token("https://cds.example.org/cds-services/some-service"));
        // nor is the audience rebuilt from the Host header: a token for "localhost" is not one for 127.0.0.1
        assertRefused(EHR.token(aud.replace("127.0.0.1", "localhost")));
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIdIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR.issuer).audience(aud).issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID("kid-" + System.nanoTime())
                .build();
        assertRefused(EHR.sign(JWSAlgorithm.ES384, "no-such-kid", claims));
    }

    @Test
    void anUntrustedIssuerIsRefused() {
        Keys stranger = Keys.generate("https://stranger.test.example/", "stranger");
        assertRefused(stranger.token(aud));
    }

    @Test
    void aTrustedIssuerCannotUseAnotherIssuersKey() {
        // Signed by OTHER_EHR's key, claiming to come from EHR: keys are looked up in the claimed issuer's set only
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR.issuer).audience(aud).issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID("cross-" + System.nanoTime())
                .build();
        assertRefused(OTHER_EHR.sign(JWSAlgorithm.ES384, OTHER_EHR.ec.getKeyID(), claims));
    }

    @Test
    void aReplayedJtiIsRefused() {
        String token = EHR.token(aud);
        assertThat(call(token).status()).isEqualTo(200);
        assertRefused(token);
        // a new token with the same jti as well
        String jti = "same-jti-" + System.nanoTime();
        assertThat(call(EHR.token(aud, c -> c.jwtID(jti))).status()).isEqualTo(200);
        assertRefused(EHR.token(aud, c -> c.jwtID(jti)));
    }

    @Test
    void anUnsecuredAlgNoneTokenIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR.issuer).audience(aud).issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID("none-" + System.nanoTime())
                .build();
        assertRefused(new PlainJWT(claims).serialize());
        // also with the kid of a real key in the header
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"ehr-ec\"}").toString();
        assertRefused(header + "." + Base64URL.encode(claims.toString()) + ".");
    }

    @Test
    void anHs256TokenUsingThePublicKeyAsSecretIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR.issuer).audience(aud).issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID("hs-" + System.nanoTime())
                .build();
        byte[] secret = EHR.rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                .keyID(EHR.rsa.getKeyID()).build(), claims);
        hs.sign(new MACSigner(secret));
        assertRefused(hs.serialize());
    }

    @Test
    void aTokenWithoutJtiOrWithAnOverlongLifetimeIsRefused() {
        assertRefused(EHR.token(aud, c -> c.jwtID(null)));
        assertRefused(EHR.token(aud, c -> c.expirationTime(new Date(System.currentTimeMillis() + 7_200_000))));
    }

    @Test
    void discoveryNeedsNoToken() {
        assertThat(Http.get(base, "/cds-services").status()).isEqualTo(200);
    }

    // --- the specification's own example token (CDS Hooks 2.0.1, index.md), see cds-hooks-2.0.1/README.md ---

    static String resource(String name) throws IOException {
        try (InputStream in = JwtAuthenticationTest.class.getResourceAsStream("/cds-hooks-2.0.1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    static JwtVerifier specVerifier(Clock clock, Duration maxLifetime) throws IOException {
        JWKSet keys = JwtVerifier.publicKeys(resource("jwks-example.json"), "the spec's JWK Set");
        return new JwtVerifier(Map.of("https://fhir-ehr.example.com/", keys), Duration.ofSeconds(60), maxLifetime,
                clock, 100);
    }

    @Test
    void anOperatorReadsMissingForACallWithoutTokenAndMalformedForGarbage() throws Exception {
        // Given the verifier behind the 401 (its reason is what the server logs)
        JwtVerifier verifier = specVerifier(Clock.systemUTC(), Duration.ofHours(1));
        Set<String> aud = Set.of("https://cds.example.org/cds-services/some-service");

        // Then no token at all is told apart from a token that is not a JWT
        for (String none : new String[] {null, ""}) {
            assertThatThrownBy(() -> verifier.verify(none, aud)).isInstanceOfSatisfying(JwtVerifier.Refused.class,
                    e -> assertThat(e.reason()).isEqualTo(JwtVerifier.Refusal.MISSING));
        }
        assertThatThrownBy(() -> verifier.verify("not.a.jwt", aud)).isInstanceOfSatisfying(
                JwtVerifier.Refused.class, e -> assertThat(e.reason()).isEqualTo(JwtVerifier.Refusal.MALFORMED));
    }

    @Test
    void theSpecsSampleTokenVerifiesButIsRefusedAsExpired() throws Exception {
        String token = resource("jwt-example.txt");
        Set<String> aud = Set.of("https://cds.example.org/cds-services/some-service");

        // Given a clock inside the token's lifetime and no lifetime cap: the signature and claims are good
        JwtVerifier then = specVerifier(Clock.fixed(Instant.parse("2012-01-01T00:00:00Z"), ZoneOffset.UTC), null);
        assertThat(then.verify(token, aud).issuer()).isEqualTo("https://fhir-ehr.example.com/");

        // Today it is refused because it expired, not because of its signature
        JwtVerifier now = specVerifier(Clock.systemUTC(), Duration.ofHours(1));
        assertThatThrownBy(() -> now.verify(token, aud)).isInstanceOfSatisfying(JwtVerifier.Refused.class,
                e -> assertThat(e.reason()).isEqualTo(JwtVerifier.Refusal.EXPIRED));

        // With the lifetime cap, even inside its lifetime the 3.5-year token is refused
        JwtVerifier capped = specVerifier(Clock.fixed(Instant.parse("2012-01-01T00:00:00Z"), ZoneOffset.UTC),
                Duration.ofHours(1));
        assertThatThrownBy(() -> capped.verify(token, aud)).isInstanceOfSatisfying(JwtVerifier.Refused.class,
                e -> assertThat(e.reason()).isEqualTo(JwtVerifier.Refusal.LIFETIME));

        // A changed signature byte is caught as a bad signature
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        JwtVerifier again = specVerifier(Clock.fixed(Instant.parse("2012-01-01T00:00:00Z"), ZoneOffset.UTC), null);
        assertThatThrownBy(() -> again.verify(tampered, aud)).isInstanceOfSatisfying(JwtVerifier.Refused.class,
                e -> assertThat(e.reason()).isEqualTo(JwtVerifier.Refusal.BAD_SIGNATURE));
    }

    @Test
    void theSpecsSampleTokenIsRefusedByTheServer() throws Exception {
        assertRefused(resource("jwt-example.txt"));
    }
}
