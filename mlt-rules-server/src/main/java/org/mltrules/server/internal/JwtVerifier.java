package org.mltrules.server.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the JWT a CDS Client sends with each call (CDS Hooks 2.0.1, "Trusting CDS Clients"): signed with ES384
 * (P-384) or RS384 (RSA of at least 2048 bits) only; {@code iss} on the allow-list and the key found by {@code kid}
 * in <em>that issuer's</em> JWK Set only; {@code aud} equal to the configured URL of the endpoint; {@code exp} in
 * the future and {@code iat} not in the future (with a small skew); a lifetime cap; {@code jti} not seen before
 * while the token lives. {@code alg: none}, HMAC and any other algorithm are refused before a key is looked at.
 * Keys never come from the token ({@code jku}, {@code jwk}, {@code x5u} are ignored). Thread-safe.
 */
public final class JwtVerifier {
    /** Why a token was refused; logged (the class only), never told to the caller. */
    public enum Refusal {
        MISSING, MALFORMED, ALGORITHM, TYPE, UNKNOWN_ISSUER, UNKNOWN_KEY, BAD_SIGNATURE, AUDIENCE, EXPIRED, NOT_YET_VALID,
        LIFETIME, MISSING_CLAIM, REPLAYED, REPLAY_CACHE_FULL
    }

    /** A refused token. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Refusal reason;

        Refused(Refusal reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    /** The verified caller. */
    public record Caller(String issuer, String jti, String tenant) {
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final Map<String, JWKSet> issuers;
    private final Duration skew;
    private final Duration maxLifetime;
    private final Clock clock;
    private final ReplayCache replays;

    /**
     * @param issuers     issuer ({@code iss}) to its public JWK Set
     * @param skew        clock skew tolerated on {@code exp} and {@code iat}
     * @param maxLifetime longest {@code exp - iat} accepted; {@code null} for no cap
     * @param replayCapacity how many live {@code jti} values are remembered at most
     */
    public JwtVerifier(Map<String, JWKSet> issuers, Duration skew, Duration maxLifetime, Clock clock,
                       int replayCapacity) {
        this.issuers = Map.copyOf(new LinkedHashMap<>(issuers));
        this.skew = Objects.requireNonNull(skew, "skew");
        this.maxLifetime = maxLifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replays = new ReplayCache(replayCapacity);
    }

    /**
     * Reads a JWK Set for an issuer: public keys only (private parts are dropped), signature keys of the two
     * allowed kinds only; each key needs a {@code kid}.
     *
     * @throws IllegalArgumentException when the text is not a JWK Set or holds no usable key
     */
    public static JWKSet publicKeys(String jwksJson, String what) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwksJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException(what + " is not a JWK Set: " + e.getMessage());
        }
        List<JWK> usable = set.toPublicJWKSet().getKeys().stream()
                .filter(k -> k.getKeyID() != null && !k.getKeyID().isEmpty())
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .filter(k -> k instanceof ECKey && Curve.P_384.equals(((ECKey) k).getCurve())
                        || k instanceof RSAKey && ((RSAKey) k).size() >= 2048)
                .toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException(what + " holds no usable key (an EC P-384 or RSA >= 2048-bit "
                    + "signature key with a kid)");
        }
        return new JWKSet(usable);
    }

    /**
     * Verifies a bearer token.
     *
     * @param token     the compact JWS from {@code Authorization: Bearer}
     * @param audiences the endpoint URLs accepted as {@code aud} (one of them must be in the token's {@code aud})
     * @throws Refused when the token is not accepted, with the reason
     */
    public Caller verify(String token, Set<String> audiences) throws Refused {
        if (token == null || token.isEmpty()) {
            throw new Refused(Refusal.MISSING);
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new Refused(Refusal.MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new Refused(Refusal.MALFORMED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // An unsecured (alg: none) or encrypted token.
            throw new Refused(Refusal.ALGORITHM);
        }
        JWSHeader header = signed.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new Refused(Refusal.ALGORITHM);
        }
        // typ is REQUIRED by 2.0.1; a wrong one is refused, an absent one tolerated (it protects nothing here).
        JOSEObjectType typ = header.getType();
        if (typ != null && !"JWT".equalsIgnoreCase(typ.getType())) {
            throw new Refused(Refusal.TYPE);
        }
        JWTClaimsSet unverified;
        try {
            unverified = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused(Refusal.MALFORMED);
        }
        String issuer = unverified.getIssuer();
        JWKSet keys = issuer == null ? null : issuers.get(issuer);
        if (keys == null) {
            throw new Refused(Refusal.UNKNOWN_ISSUER);
        }
        String kid = header.getKeyID();
        JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
        if (key == null) {
            throw new Refused(Refusal.UNKNOWN_KEY);
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(header.getAlgorithm())) {
            throw new Refused(Refusal.ALGORITHM);
        }
        boolean verified;
        try {
            verified = signed.verify(verifierFor(header.getAlgorithm(), key));
        } catch (JOSEException | RuntimeException e) {
            verified = false;
        }
        if (!verified) {
            throw new Refused(Refusal.BAD_SIGNATURE);
        }
        return checkClaims(unverified, issuer, audiences);
    }

    private static JWSVerifier verifierFor(JWSAlgorithm alg, JWK key) throws Refused, JOSEException {
        if (JWSAlgorithm.ES384.equals(alg) && key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        if (JWSAlgorithm.RS384.equals(alg) && key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        // The key named by kid is of the other kind than the algorithm claims.
        throw new Refused(Refusal.ALGORITHM);
    }

    private Caller checkClaims(JWTClaimsSet claims, String issuer, Set<String> audiences) throws Refused {
        List<String> aud = claims.getAudience();
        if (aud == null || aud.isEmpty()) {
            throw new Refused(Refusal.MISSING_CLAIM);
        }
        if (aud.stream().noneMatch(audiences::contains)) {
            throw new Refused(Refusal.AUDIENCE);
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        String jti = claims.getJWTID();
        if (exp == null || iat == null || jti == null || jti.isBlank() || jti.length() > 256) {
            throw new Refused(Refusal.MISSING_CLAIM);
        }
        long now = clock.millis();
        if (exp.getTime() + skew.toMillis() <= now) {
            throw new Refused(Refusal.EXPIRED);
        }
        if (iat.getTime() - skew.toMillis() > now) {
            throw new Refused(Refusal.NOT_YET_VALID);
        }
        if (maxLifetime != null && exp.getTime() - iat.getTime() > maxLifetime.toMillis()) {
            throw new Refused(Refusal.LIFETIME);
        }
        long forgetAt = (exp.getTime() + skew.toMillis()) / 1000 + 1;
        switch (replays.record(issuer + '\n' + jti, forgetAt, now / 1000)) {
            case REPLAYED -> throw new Refused(Refusal.REPLAYED);
            case FULL -> throw new Refused(Refusal.REPLAY_CACHE_FULL);
            default -> {
            }
        }
        Object tenant = claims.getClaim("tenant");
        return new Caller(issuer, jti, tenant instanceof String t ? t : null);
    }
}
