package org.mltrules.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/** Signing keys made at test time (no private key is committed) and the tokens an EHR would send. */
final class Keys {
    static final String ISSUER = "https://ehr.test.example/";

    final ECKey ec;
    final RSAKey rsa;
    final String issuer;

    private Keys(String issuer, String kidPrefix) {
        this.issuer = issuer;
        try {
            ec = new ECKeyGenerator(Curve.P_384).keyID(kidPrefix + "-ec").generate();
            rsa = new RSAKeyGenerator(2048).keyID(kidPrefix + "-rsa").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Keys generate(String issuer, String kidPrefix) {
        return new Keys(issuer, kidPrefix);
    }

    /** The public JWK Set an EHR publishes. */
    String publicJwks() {
        return new JWKSet(java.util.List.<JWK>of(ec.toPublicJWK(), rsa.toPublicJWK())).toString();
    }

    /** An ES384 token for {@code aud}, valid for 5 minutes, with a fresh jti; {@code tweak} may change claims. */
    String token(String aud, Consumer<JWTClaimsSet.Builder> tweak) {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(aud)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 300_000))
                .jwtID(UUID.randomUUID().toString());
        tweak.accept(c);
        return sign(JWSAlgorithm.ES384, ec.getKeyID(), c.build());
    }

    String token(String aud) {
        return token(aud, c -> { });
    }

    String sign(JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid).build(),
                    claims);
            if (alg == JWSAlgorithm.RS384) {
                jwt.sign(new RSASSASigner(rsa));
            } else {
                jwt.sign(new ECDSASigner(ec));
            }
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
