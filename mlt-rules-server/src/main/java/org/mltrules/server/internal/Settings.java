package org.mltrules.server.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.mltrules.MltRules;

/**
 * Everything the router needs, checked by the public builder.
 *
 * @param publicUrl      the base URL the EHR calls, without a trailing slash ({@code aud} is built from it)
 * @param verifier       the JWT verifier; {@code null} with {@code --no-auth}
 * @param apiToken       the bearer token {@code /api/*} requires; {@code null} when open (loopback)
 * @param allowOrigins   origins allowed by CORS (exact match)
 * @param demoCasesJson  the demo cases as one JSON array
 */
public record Settings(String publicUrl, MltRules rules, BundleMapper mapper, JwtVerifier verifier, byte[] apiToken,
                       Set<String> allowOrigins, FhirBases fhirBases, Map<String, String> templates,
                       byte[] demoCasesJson, Limits limits, Clock clock) {

    /**
     * @param maxBodyBytes        larger request bodies get 413
     * @param bodyTimeoutMillis   a body not complete within this gets 408
     * @param evaluationMillis    mapping and assessing one request; beyond it a timeout answer goes out
     * @param fetchMillis         all FHIR fetches of one request together
     * @param workers             requests evaluated at once
     * @param queue               requests waiting for a worker; beyond it 503
     */
    public record Limits(long maxBodyBytes, int maxHeaderBytes, long bodyTimeoutMillis, long idleTimeoutMillis,
                         long evaluationMillis, long fetchMillis, int workers, int queue, int maxConnections,
                         long shutdownMillis) {
    }

    public Settings {
        allowOrigins = Set.copyOf(allowOrigins);
        templates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(templates));
    }

    /** The same settings with the public URL known once the port is bound. */
    public Settings withPublicUrl(String url) {
        return new Settings(url, rules, mapper, verifier, apiToken, allowOrigins, fhirBases, templates,
                demoCasesJson, limits, clock);
    }
}
