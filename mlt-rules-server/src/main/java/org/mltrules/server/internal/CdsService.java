package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.RuleFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code patient-view} service: checks a CDS Hooks 2.0.1 request, resolves the prefetch (sent, fetched from an
 * allow-listed FHIR base, or missing), gathers it into one collection Bundle, maps it, assesses the case and
 * answers {@code {"cards": [...]}}. Stateless; thread-safe.
 */
public final class CdsService {
    public static final String ID = "mlt-rules-oligometastatic-sarcoma";
    public static final String HOOK = "patient-view";
    private static final Logger LOG = LoggerFactory.getLogger(CdsService.class);
    /** FHIR id: 1-64 of [A-Za-z0-9.-]. Checked before an id goes into a URL or a comparison. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");
    /** userId is {@code Type/id}. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z]{1,64}/[A-Za-z0-9.\\-]{1,64}");

    private final MltRules rules;
    private final BundleMapper mapper;
    private final FhirBases bases;
    private final FhirFetcher fetcher;
    private final Map<String, String> templates;
    private final Clock clock;
    private final long fetchBudgetNanos;

    public CdsService(MltRules rules, BundleMapper mapper, FhirBases bases, FhirFetcher fetcher,
                      Map<String, String> templates, Clock clock, long fetchBudgetNanos) {
        this.rules = rules;
        this.mapper = mapper;
        this.bases = bases;
        this.fetcher = fetcher;
        this.templates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templates));
        this.clock = clock;
        this.fetchBudgetNanos = fetchBudgetNanos;
    }

    /** The discovery document: one service. */
    public static ObjectNode discovery(Map<String, String> templates) {
        ObjectNode doc = Json.object();
        ObjectNode s = doc.putArray("services").addObject();
        s.put("hook", HOOK);
        s.put("id", ID);
        s.put("title", "Oligometastatic sarcoma: ESTRO/EORTC state and local-therapy options");
        s.put("description", "Classifies the metastatic state of a sarcoma patient (ESTRO/EORTC 2020) and ranks "
                + "SABR, thermal ablation, cryoablation and metastasectomy per lesion, with reasons and evidence. "
                + "Decision support for a multidisciplinary sarcoma board.");
        s.put("usageRequirements", "Needs the primary sarcoma as an mCODE PrimaryCancerCondition with ICD-O-3 "
                + "histology and one SecondaryCancerCondition (with its Tumor) per metastasis. Facts absent from "
                + "the record are reported as missing, never assumed. Prefetch keys 'patient' and 'conditions' are "
                + "required.");
        ObjectNode p = s.putObject("prefetch");
        templates.forEach(p::put);
        return doc;
    }

    /** What the service needs from a checked request. */
    record Call(String hookInstance, String patientId, String userId, String fhirServer, String accessToken,
                ObjectNode prefetch) {
    }

    /**
     * Checks the request body (cds-hooks.md 1.4): unknown fields are ignored (forward compatibility).
     *
     * @throws HttpError 400 naming the field at fault
     */
    static Call check(ObjectNode body) {
        if (!HOOK.equals(Json.text(body, "hook"))) {
            throw HttpError.badRequest("'hook' must be \"" + HOOK + "\"");
        }
        String hookInstance = Json.text(body, "hookInstance");
        if (hookInstance == null || hookInstance.isBlank() || hookInstance.length() > 128
                || hookInstance.chars().anyMatch(Character::isISOControl)) {
            throw HttpError.badRequest("'hookInstance' must be a non-empty string of at most 128 characters");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw HttpError.badRequest("'context' must be an object");
        }
        String patientId = Json.text(context, "patientId");
        if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
            throw HttpError.badRequest("'context.patientId' must be a FHIR id");
        }
        String userId = Json.text(context, "userId");
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw HttpError.badRequest("'context.userId' must be a reference such as Practitioner/123");
        }
        JsonNode fhirServerNode = body.get("fhirServer");
        if (fhirServerNode != null && !fhirServerNode.isNull() && !fhirServerNode.isTextual()) {
            throw HttpError.badRequest("'fhirServer' must be a URL");
        }
        String fhirServer = fhirServerNode == null || fhirServerNode.isNull() ? null : fhirServerNode.asText();
        String accessToken = null;
        JsonNode auth = body.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                throw HttpError.badRequest("'fhirAuthorization' must be an object");
            }
            if (fhirServer == null) {
                throw HttpError.badRequest("'fhirServer' is required with 'fhirAuthorization'");
            }
            String type = Json.text(auth, "token_type");
            accessToken = Json.text(auth, "access_token");
            if (type == null || !type.equalsIgnoreCase("Bearer")) {
                throw HttpError.badRequest("'fhirAuthorization.token_type' must be \"Bearer\"");
            }
            if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 8192
                    || accessToken.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
                throw HttpError.badRequest("'fhirAuthorization.access_token' must be a token");
            }
        }
        JsonNode prefetch = body.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
            throw HttpError.badRequest("'prefetch' must be an object");
        }
        return new Call(hookInstance, patientId, userId, fhirServer, accessToken,
                prefetch == null || prefetch.isNull() ? Json.object() : (ObjectNode) prefetch);
    }

    /**
     * Answers one call.
     *
     * @throws HttpError 400 (invalid request, another patient's data), 412 (required prefetch unavailable)
     */
    public ObjectNode call(ObjectNode body) {
        Call call = check(body);
        Map<String, String> tokens = Map.of("context.patientId", call.patientId(), "context.userId", call.userId());
        String base = call.accessToken() == null ? null : bases.match(call.fhirServer());
        if (call.accessToken() != null && base == null && LOG.isInfoEnabled()) {
            LOG.info("hookInstance {}: fhirServer is not an allow-listed FHIR base; nothing is fetched",
                    safe(call.hookInstance()));
        }
        long deadline = System.nanoTime() + fetchBudgetNanos;
        // Keys the request lacks are fetched at once, in parallel, under one deadline: an EHR's FHIR server
        // answering in 100 ms would otherwise cost 100 ms per key.
        Map<String, java.util.concurrent.CompletableFuture<List<JsonNode>>> fetched = new LinkedHashMap<>();
        if (base != null) {
            for (Map.Entry<String, String> t : templates.entrySet()) {
                JsonNode value = call.prefetch().get(t.getKey());
                if (value == null || fromPrefetch(t.getKey(), value) == null) {
                    fetched.put(t.getKey(), java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return fromPrefetch(t.getKey(), fetcher.fetch(base, t.getValue(), tokens,
                                    call.accessToken(), deadline));
                        } catch (FhirFetcher.FetchFailed | HttpError e) {
                            LOG.info("hookInstance {}: prefetch key {} could not be fetched: {}",
                                    safe(call.hookInstance()), t.getKey(), e.getMessage());
                            return null;
                        }
                    }, fetcher.executor()));
                }
            }
        }
        List<JsonNode> resources = new ArrayList<>();
        List<String> notProvided = new ArrayList<>();
        for (Map.Entry<String, String> t : templates.entrySet()) {
            String key = t.getKey();
            JsonNode value = call.prefetch().get(key);
            List<JsonNode> got = value == null ? null : fromPrefetch(key, value);
            if (got == null && fetched.containsKey(key)) {
                got = await(fetched.get(key), deadline);
            }
            if (got == null) {
                if (Prefetch.required(key)) {
                    fetched.values().forEach(f -> f.cancel(true));
                    throw new HttpError(412, "incomplete", "required prefetch '" + key + "' is missing and could "
                            + "not be fetched from an allow-listed FHIR server");
                }
                notProvided.add(key);
            } else {
                resources.addAll(got);
            }
        }
        ObjectNode bundle = bundle(call, resources);
        return assess(call, bundle, notProvided);
    }

    private static List<JsonNode> await(java.util.concurrent.CompletableFuture<List<JsonNode>> f, long deadline) {
        try {
            // A little beyond the fetch deadline: the fetch itself times out at the deadline.
            return f.get(Math.max(0, deadline - System.nanoTime()) + 200_000_000L,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The resources of one prefetch value, or {@code null} when the key counts as absent (an OperationOutcome, or
     * a Bundle with an error outcome: the client failed to prefetch it).
     *
     * @throws HttpError 400 when the value is neither a resource, a Bundle nor null
     */
    static List<JsonNode> fromPrefetch(String key, JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        String type = value.isObject() ? Json.text(value, "resourceType") : null;
        if (type == null) {
            throw HttpError.badRequest("prefetch '" + key + "' must be a FHIR resource, a Bundle or null");
        }
        if (type.equals("OperationOutcome")) {
            return null;
        }
        if (!type.equals("Bundle")) {
            return List.of(value);
        }
        List<JsonNode> out = new ArrayList<>();
        JsonNode entries = value.get("entry");
        if (entries == null || entries.isNull()) {
            return out;
        }
        if (!entries.isArray()) {
            throw HttpError.badRequest("prefetch '" + key + "': Bundle.entry must be an array");
        }
        for (JsonNode e : entries) {
            JsonNode r = e.get("resource");
            if (r == null || r.isNull()) {
                continue;
            }
            String rt = r.isObject() ? Json.text(r, "resourceType") : null;
            if (rt == null) {
                throw HttpError.badRequest("prefetch '" + key + "': an entry's resource has no resourceType");
            }
            if (rt.equals("OperationOutcome")) {
                if (hasError(r)) {
                    return null;
                }
                continue;
            }
            if (rt.equals("Bundle")) {
                throw HttpError.badRequest("prefetch '" + key + "': nested Bundles are not accepted");
            }
            out.add(r);
        }
        return out;
    }

    private static boolean hasError(JsonNode outcome) {
        JsonNode issues = outcome.get("issue");
        if (issues == null || !issues.isArray()) {
            return true;
        }
        for (JsonNode i : issues) {
            String sev = Json.text(i, "severity");
            if (sev == null || sev.equals("error") || sev.equals("fatal")) {
                return true;
            }
        }
        return false;
    }

    /**
     * One collection Bundle of the distinct resources, after checking that each belongs to the context's patient.
     *
     * @throws HttpError 400 for a resource of another patient
     */
    static ObjectNode bundle(Call call, List<JsonNode> resources) {
        Map<String, JsonNode> distinct = new LinkedHashMap<>();
        int anonymous = 0;
        for (JsonNode r : resources) {
            String type = Json.text(r, "resourceType");
            if (!belongsTo(r, type, call.patientId())) {
                throw HttpError.badRequest("the prefetch holds a " + type + " of another patient");
            }
            String id = Json.text(r, "id");
            distinct.putIfAbsent(id == null ? "#" + anonymous++ : type + "/" + id, r);
        }
        ObjectNode b = Json.object();
        b.put("resourceType", "Bundle");
        b.put("type", "collection");
        String base = call.fhirServer() == null ? null : FhirBases.normalise(call.fhirServer());
        String urlBase = base != null ? base : "https://prefetch.invalid/fhir";
        ArrayNode entries = b.putArray("entry");
        for (Map.Entry<String, JsonNode> e : distinct.entrySet()) {
            ObjectNode entry = entries.addObject();
            if (!e.getKey().startsWith("#")) {
                entry.put("fullUrl", urlBase + "/" + e.getKey());
            }
            entry.set("resource", e.getValue());
        }
        return b;
    }

    /** A Patient must be the context's; any other resource's subject/patient reference must point at it. */
    static boolean belongsTo(JsonNode r, String type, String patientId) {
        if ("Patient".equals(type)) {
            return patientId.equals(Json.text(r, "id"));
        }
        for (String field : new String[] {"subject", "patient"}) {
            JsonNode ref = r.get(field);
            if (ref != null && ref.isObject()) {
                String reference = Json.text(ref, "reference");
                if (reference != null && !pointsAt(reference, patientId)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pointsAt(String reference, String patientId) {
        String r = reference;
        int history = r.indexOf("/_history/");
        if (history >= 0) {
            r = r.substring(0, history);
        }
        if (r.startsWith("urn:uuid:") || r.startsWith("#")) {
            // Not comparable with a FHIR id: the mapper resolves these inside the bundle and checks them itself.
            return true;
        }
        return r.equals("Patient/" + patientId) || r.endsWith("/Patient/" + patientId);
    }

    private ObjectNode assess(Call call, ObjectNode bundle, List<String> notProvided) {
        ObjectNode answer = Json.object();
        ArrayNode cards = answer.putArray("cards");
        LocalDate asOf = LocalDate.now(clock);
        BundleMapper.Mapped m = mapper.map(new String(Json.bytes(bundle), java.nio.charset.StandardCharsets.UTF_8),
                call.hookInstance(), asOf);
        if (m.scope() != BundleMapper.Scope.IN_SCOPE) {
            LOG.debug("hookInstance {}: out of scope ({})", call.hookInstance(), m.scope());
            return answer;
        }
        if (m.patientCase() == null) {
            // Paths and rule ids only: mapping messages may quote the record's codes and dates.
            List<String> problems = m.errors().stream().map(p -> p.field() + " (mapping rule " + p.rule() + ")")
                    .toList();
            cards.add(CardBuilder.notAssessed("the record could not be mapped", problems, rules.ruleSet(),
                    m.report()));
            return answer;
        }
        try {
            Assessment a = rules.assess(m.patientCase());
            cards.add(CardBuilder.card(a, m.patientCase(), m.report(), notProvided, rules.conventions()));
        } catch (InvalidCaseException e) {
            List<String> problems = e.problems().stream()
                    .map(p -> (p.field().isEmpty() ? "case" : p.field()) + ": " + p.message()).toList();
            cards.add(CardBuilder.notAssessed("the record has contradictory data", problems, rules.ruleSet(),
                    m.report()));
        } catch (RuleFailureException e) {
            LOG.debug("hookInstance {}: rule failure", call.hookInstance(), e);
            cards.add(CardBuilder.notAssessed("a rule failed for this record", List.of("rule " + e.rule()
                    + " failed"), rules.ruleSet(), m.report()));
        }
        return answer;
    }

    /** hookInstance for a log line: it is the caller's correlation id, not clinical, but still bounded. */
    static String safe(String hookInstance) {
        return hookInstance.replaceAll("[^A-Za-z0-9._:\\-]", "?");
    }

    /** The warning card answered when the assessment did not finish in time. */
    public ObjectNode timedOut() {
        ObjectNode answer = Json.object();
        answer.putArray("cards").add(CardBuilder.notAssessed("the assessment did not finish in time",
                List.of("the evaluation deadline passed; try again"), rules.ruleSet(), null));
        return answer;
    }

    public MltRules rules() {
        return rules;
    }
}
