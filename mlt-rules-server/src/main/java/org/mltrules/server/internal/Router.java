package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.RuleFailureException;
import org.mltrules.RuleSetInfo;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseWriter;
import org.mltrules.json.ErrorRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every endpoint of integration.md section 2. GET answers are made on Jetty's thread (cheap, no case); POST bodies
 * are read without a thread and then evaluated on the bounded worker pool, under the evaluation deadline.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("org.mltrules.server.access");
    private static final String STATIC = "org/mltrules/server/static/";
    private static final Pattern STATIC_PATH = Pattern.compile("/[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*"
            + "\\.[A-Za-z0-9]+");
    private static final String SERVICE_PATH = "/cds-services/" + CdsService.ID;

    private final Settings settings;
    private final CdsService cds;
    private final ExecutorService workers;
    private final byte[] discovery;
    private final byte[] health;
    private final byte[] vocabulary;

    public Router(Settings settings, CdsService cds, ExecutorService workers) {
        this.settings = settings;
        this.cds = cds;
        this.workers = workers;
        this.discovery = Json.bytes(CdsService.discovery(settings.templates()));
        RuleSetInfo info = settings.rules().ruleSet();
        ObjectNode h = Json.object();
        h.put("status", "UP");
        ObjectNode r = h.putObject("rules");
        r.put("name", info.name());
        r.put("version", info.version());
        r.put("fingerprint", info.fingerprint());
        this.health = Json.bytes(h);
        this.vocabulary = Vocabulary.json(settings.rules());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        String[] logged = {"(other)"};
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                log(request, method, logged[0], response.getStatus(), start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                log(request, method, logged[0], response.getStatus(), start);
                super.failed(x);
            }
        };
        Exchange ex = new Exchange(request, response, done);
        try {
            securityHeaders(response);
            boolean corsAllowed = cors(request, response);
            if (path == null) {
                throw HttpError.notFound();
            }
            route(ex, method, path, corsAllowed, logged);
        } catch (HttpError e) {
            ex.error(e);
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}: {}", method, logged[0], e.getClass().getName());
            LOG.debug("internal error", e);
            ex.error(HttpError.internal());
        }
        return true;
    }

    private void route(Exchange ex, String method, String path, boolean corsAllowed, String[] logged) {
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        boolean options = method.equals("OPTIONS");
        switch (path) {
            case "/cds-services" -> {
                logged[0] = path;
                if (options) {
                    preflight(ex, corsAllowed, "GET, HEAD, OPTIONS");
                } else if (get) {
                    ex.send(200, "application/json; charset=utf-8", discovery, Map.of());
                } else {
                    throw HttpError.methodNotAllowed("GET, HEAD, OPTIONS");
                }
            }
            case SERVICE_PATH, SERVICE_PATH + "/feedback" -> {
                logged[0] = path;
                boolean feedback = path.endsWith("/feedback");
                if (options) {
                    preflight(ex, corsAllowed, "POST, OPTIONS");
                    return;
                }
                if (!post) {
                    throw HttpError.methodNotAllowed("POST, OPTIONS");
                }
                authenticate(ex.request, feedback);
                jsonBody(ex, body -> feedback ? this.feedback(body) : cdsCall(ex, body),
                        feedback ? null : () -> cds.timedOut());
            }
            case "/api/assess" -> {
                if (api(ex, path, post, options, corsAllowed, "POST, OPTIONS", logged)) {
                    jsonBody(ex, this::apiAssess, null);
                }
            }
            case "/api/demo-cases" -> {
                if (api(ex, path, get, options, corsAllowed, "GET, HEAD, OPTIONS", logged)) {
                    ex.send(200, "application/json; charset=utf-8", settings.demoCasesJson(), Map.of());
                }
            }
            case "/api/vocabulary" -> {
                if (api(ex, path, get, options, corsAllowed, "GET, HEAD, OPTIONS", logged)) {
                    ex.send(200, "application/json; charset=utf-8", vocabulary, Map.of());
                }
            }
            case "/api/map" -> {
                if (api(ex, path, post, options, corsAllowed, "POST, OPTIONS", logged)) {
                    jsonBody(ex, this::apiMap, null);
                }
            }
            case "/health" -> {
                logged[0] = path;
                if (!get) {
                    throw HttpError.methodNotAllowed("GET, HEAD");
                }
                ex.send(200, "application/json; charset=utf-8", health, Map.of());
            }
            default -> {
                if (path.startsWith("/cds-services/") || path.startsWith("/api/")) {
                    throw HttpError.notFound();
                }
                String file = path.equals("/") ? "/index.html" : path;
                byte[] bytes = STATIC_PATH.matcher(file).matches() ? resource(STATIC + file.substring(1)) : null;
                if (bytes == null) {
                    throw HttpError.notFound();
                }
                logged[0] = path;
                if (!get) {
                    throw HttpError.methodNotAllowed("GET, HEAD");
                }
                String type = contentType(file);
                Map<String, String> headers = type.startsWith("text/html") ? Map.of(
                        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                        "X-Frame-Options", "DENY") : Map.of();
                ex.send(200, type, bytes, headers);
            }
        }
    }

    /** A POST body: JSON content type, size and time limits, parsed, then evaluated on the worker pool. */
    private void jsonBody(Exchange ex, java.util.function.Function<ObjectNode, Reply> work,
                          Supplier<ObjectNode> onTimeout) {
        String type = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) {
            throw HttpError.unsupportedMediaType();
        }
        Settings.Limits limits = settings.limits();
        Scheduler scheduler = ex.request.getComponents().getScheduler();
        BodyReader.read(ex, limits.maxBodyBytes(), limits.bodyTimeoutMillis(), scheduler, bytes -> {
            Scheduler.Task deadline = scheduler.schedule(() -> {
                if (onTimeout != null) {
                    ex.json(200, onTimeout.get());
                } else {
                    ex.error(new HttpError(503, "timeout", "the assessment did not finish in time",
                            Map.of("Retry-After", "1")));
                }
            }, limits.evaluationMillis(), TimeUnit.MILLISECONDS);
            try {
                workers.execute(() -> {
                    try {
                        if (ex.isAnswered()) {
                            return;
                        }
                        Reply reply = work.apply(Json.parseObject(bytes));
                        ex.json(reply.status(), reply.body());
                    } catch (HttpError e) {
                        ex.error(e);
                    } catch (RuntimeException | StackOverflowError e) {
                        LOG.error("internal error while evaluating a request: {}", e.getClass().getName());
                        LOG.debug("internal error", e);
                        ex.error(HttpError.internal());
                    } finally {
                        deadline.cancel();
                    }
                });
            } catch (RejectedExecutionException e) {
                deadline.cancel();
                ex.error(HttpError.overloaded(1));
            }
        });
    }

    record Reply(int status, JsonNode body) {
    }

    private Reply cdsCall(Exchange ex, ObjectNode body) {
        String hookInstance = Json.text(body, "hookInstance");
        if (hookInstance != null && hookInstance.length() <= 128) {
            ex.request.setAttribute(Exchange.HOOK_INSTANCE, CdsService.safe(hookInstance));
        }
        return new Reply(200, cds.call(body));
    }

    private Reply feedback(ObjectNode body) {
        JsonNode items = body.get("feedback");
        if (items == null || !items.isArray()) {
            throw HttpError.badRequest("'feedback' must be an array");
        }
        for (JsonNode f : items) {
            String card = Json.text(f, "card");
            String outcome = Json.text(f, "outcome");
            if (card == null || card.isEmpty() || card.length() > 128) {
                throw HttpError.badRequest("each feedback needs the card's uuid in 'card'");
            }
            if ("accepted".equals(outcome)) {
                throw HttpError.badRequest("'accepted' feedback is for suggestions, and this service sends none");
            }
            if (!"overridden".equals(outcome)) {
                throw HttpError.badRequest("'outcome' must be \"overridden\"");
            }
        }
        for (JsonNode f : items) {
            JsonNode reason = f.path("overrideReason").path("reason");
            // Card uuid, outcome and reason code only: userComment may hold patient information.
            LOG.info("feedback: card {} overridden, reason {}", CdsService.safe(Json.text(f, "card")),
                    reason.isObject() && Json.text(reason, "code") != null
                            ? CdsService.safe(Json.text(reason, "code")) : "(none)");
        }
        return new Reply(200, Json.object());
    }

    private Reply apiAssess(ObjectNode body) {
        String resourceType = Json.text(body, "resourceType");
        if (resourceType != null && !resourceType.equals("Bundle")) {
            throw HttpError.badRequest("a FHIR resource must be a Bundle");
        }
        if (resourceType != null) {
            BundleMapper.Mapped m = settings.mapper().map(body.toString(), null, null);
            if (m.patientCase() == null) {
                return new Reply(422, mappingErrors(m));
            }
            Reply r = assess(m.patientCase());
            if (r.status() == 200 || r.body().isObject()) {
                ((ObjectNode) r.body()).set("mapping", m.report());
            }
            return r;
        }
        try {
            return assess(CaseJson.read(body.toString()));
        } catch (InvalidCaseException e) {
            return new Reply(422, Json.tree(AssessmentJson.toJson(ErrorRecord.rejected(0, null, e.caseId(), e.problems()))));
        }
    }

    /**
     * {@code POST /api/map}: one FHIR Bundle mapped to a case, as {@code mlt-rules map} prints it:
     * {@code {"case": ..., "mapping": [...]}}, or {@code 422} with the error record and the mapping. The page uses
     * the case to ask "what if" about a bundle's missing facts.
     */
    private Reply apiMap(ObjectNode body) {
        if (!"Bundle".equals(Json.text(body, "resourceType"))) {
            throw HttpError.badRequest("the body must be a FHIR Bundle");
        }
        BundleMapper.Mapped m = settings.mapper().map(body.toString(), null, null);
        if (m.patientCase() == null) {
            ObjectNode record = mappingErrors(m);
            record.set("mapping", m.report());
            return new Reply(422, record);
        }
        ObjectNode out = Json.object();
        out.set("case", Json.tree(CaseWriter.toJson(m.patientCase())));
        out.set("mapping", m.report());
        return new Reply(200, out);
    }

    /** The error record of a Bundle that could not be mapped: FHIR paths and messages, no values. */
    private static ObjectNode mappingErrors(BundleMapper.Mapped m) {
        ObjectNode record = Json.object();
        record.put("index", 0);
        record.putNull("line");
        record.put("caseId", m.caseId());
        var errors = record.putArray("errors");
        for (BundleMapper.Problem p : m.errors()) {
            ObjectNode e = errors.addObject();
            e.put("field", p.field());
            e.putNull("value");
            e.put("message", p.message());
            e.putNull("rule");
        }
        return record;
    }

    private Reply assess(org.mltrules.PatientCase pc) {
        try {
            Assessment a = settings.rules().assess(pc);
            return new Reply(200, Json.tree(AssessmentJson.toJson(a)));
        } catch (InvalidCaseException e) {
            return new Reply(422, Json.tree(AssessmentJson.toJson(ErrorRecord.rejected(0, null, e.caseId(), e.problems()))));
        } catch (RuleFailureException e) {
            LOG.debug("rule failure", e);
            return new Reply(422, Json.tree(AssessmentJson.toJson(ErrorRecord.failed(0, null, pc.caseId(), e))));
        }
    }

    /** JWT of CDS Hooks 2.0.1, unless the server runs with --no-auth. */
    private void authenticate(Request request, boolean feedback) {
        JwtVerifier verifier = settings.verifier();
        if (verifier == null) {
            return;
        }
        String token = bearer(request);
        String service = settings.publicUrl() + SERVICE_PATH;
        Set<String> audiences = feedback ? Set.of(service, service + "/feedback") : Set.of(service);
        try {
            verifier.verify(token, audiences);
        } catch (JwtVerifier.Refused e) {
            LOG.info("JWT refused: {}", e.reason());
            throw HttpError.unauthorized();
        }
    }

    /** Beyond loopback, /api/* needs the configured bearer token (compared in constant time). */
    /**
     * What every {@code /api/} endpoint does before its own work: logs the path, answers a CORS preflight, refuses
     * another method and checks the API token. False when the preflight was the answer.
     */
    private boolean api(Exchange ex, String path, boolean methodAllowed, boolean options, boolean corsAllowed,
                        String allow, String[] logged) {
        logged[0] = path;
        if (options) {
            preflight(ex, corsAllowed, allow);
            return false;
        }
        if (!methodAllowed) {
            throw HttpError.methodNotAllowed(allow);
        }
        apiToken(ex.request);
        return true;
    }

    private void apiToken(Request request) {
        byte[] expected = settings.apiToken();
        if (expected == null) {
            return;
        }
        String token = bearer(request);
        if (token == null || !MessageDigest.isEqual(sha256(token.getBytes(StandardCharsets.UTF_8)),
                sha256(expected))) {
            throw HttpError.unauthorized();
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return t.equals("application/json") || t.startsWith("application/") && t.endsWith("+json");
    }

    private static void securityHeaders(Response response) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
    }

    /** Adds the CORS answer for an allow-listed origin; says whether the request's origin is allowed. */
    private boolean cors(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || settings.allowOrigins().isEmpty()) {
            return false;
        }
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        if (!settings.allowOrigins().contains(origin)) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "WWW-Authenticate, Retry-After");
        return true;
    }

    private static void preflight(Exchange ex, boolean allowed, String methods) {
        if (allowed) {
            ex.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods);
            // Authorization named explicitly: the * wildcard does not cover it.
            ex.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
            ex.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        }
        ex.send(204, null, new byte[0], Map.of("Allow", methods));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Router.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static String contentType(String file) {
        String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static void log(Request request, String method, String path, int status, long start) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        Object hookInstance = request.getAttribute(Exchange.HOOK_INSTANCE);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (hookInstance == null) {
            ACCESS.info("{} {} {} {}ms", method.length() > 16 ? "(other)" : method, path, status, ms);
        } else {
            ACCESS.info("{} {} {} {}ms hookInstance={}", method, path, status, ms, hookInstance);
        }
    }
}
