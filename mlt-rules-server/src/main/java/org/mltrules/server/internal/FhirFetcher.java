package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a prefetch key the EHR did not send, from an allow-listed FHIR base, with the request's
 * {@code fhirAuthorization} token (used for this request only, never logged or kept). Short deadline, size cap, no
 * redirects, {@code next} pages only under the same base.
 */
public final class FhirFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(FhirFetcher.class);
    private static final int MAX_PAGES = 10;

    private final HttpClient client;
    private final long maxBytes;
    private final Executor executor;

    public FhirFetcher(Duration connectTimeout, long maxBytes, Executor executor) {
        this.executor = executor;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.maxBytes = maxBytes;
    }

    /** The fetches' own threads (the HTTP client's too), apart from the bounded workers. */
    Executor executor() {
        return executor;
    }

    /** Why a fetch gave nothing; logged as a class, never with the URL's patient id or the token. */
    static final class FetchFailed extends Exception {
        private static final long serialVersionUID = 1L;

        FetchFailed(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Runs one template against the base.
     *
     * @param base          an allow-listed, normalised base
     * @param template      a prefetch template
     * @param tokens        token values ({@code context.patientId}...), already checked as FHIR ids
     * @param accessToken   the request's bearer token for the FHIR server
     * @param deadlineNanos {@link System#nanoTime()} value after which nothing more is fetched
     * @return the resource, or a searchset Bundle with every page's entries
     */
    ObjectNode fetch(String base, String template, Map<String, String> tokens, String accessToken,
                     long deadlineNanos) throws FetchFailed {
        URI uri = URI.create(base + "/" + fill(template, tokens));
        ObjectNode first = get(uri, accessToken, deadlineNanos);
        if (!"Bundle".equals(Json.text(first, "resourceType"))) {
            return first;
        }
        ObjectNode bundle = first;
        for (int page = 1; page < MAX_PAGES; page++) {
            String next = nextLink(bundle);
            if (next == null) {
                return first;
            }
            String n = next.startsWith(base + "/") || next.startsWith(base + "?") ? next : null;
            if (n == null) {
                throw new FetchFailed("next page outside the allow-listed base");
            }
            bundle = get(URI.create(n), accessToken, deadlineNanos);
            JsonNode entries = bundle.get("entry");
            if (entries != null && entries.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) first.withArray("entry")).addAll(
                        (com.fasterxml.jackson.databind.node.ArrayNode) entries);
            }
        }
        throw new FetchFailed("more than " + MAX_PAGES + " pages");
    }

    private static String nextLink(JsonNode bundle) {
        JsonNode links = bundle.get("link");
        if (links == null || !links.isArray()) {
            return null;
        }
        for (JsonNode l : links) {
            if ("next".equals(Json.text(l, "relation"))) {
                return Json.text(l, "url");
            }
        }
        return null;
    }

    private ObjectNode get(URI uri, String accessToken, long deadlineNanos) throws FetchFailed {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new FetchFailed("deadline passed");
        }
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(left))
                .header("Accept", "application/fhir+json, application/json")
                .header("Authorization", "Bearer " + accessToken)
                .GET()
                .build();
        HttpResponse<InputStream> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchFailed("connection failed or timed out: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed("interrupted");
        }
        try (InputStream in = res.body()) {
            if (res.statusCode() != 200) {
                throw new FetchFailed("FHIR server answered " + res.statusCode());
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new FetchFailed("FHIR answer larger than " + maxBytes + " bytes");
            }
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject() || Json.text(node, "resourceType") == null) {
                throw new FetchFailed("FHIR answer is not a resource");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            LOG.debug("FHIR answer unreadable", e);
            throw new FetchFailed("FHIR answer unreadable");
        }
    }

    /** Replaces the tokens and URL-encodes each query value (the template's {@code |} and {@code ,} included). */
    static String fill(String template, Map<String, String> tokens) {
        String t = template;
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            t = t.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        int q = t.indexOf('?');
        if (q < 0) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.substring(0, q + 1));
        String[] params = t.substring(q + 1).split("&");
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            if (i > 0) {
                b.append('&');
            }
            if (eq < 0) {
                b.append(URLEncoder.encode(params[i], StandardCharsets.UTF_8));
            } else {
                b.append(params[i], 0, eq + 1)
                        .append(URLEncoder.encode(params[i].substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }
}
