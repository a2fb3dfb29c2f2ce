package org.mltrules.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The server's one Jackson configuration: strict reading with limits, compact writing. Thread-safe. */
public final class Json {
    /** Nesting deeper than this is refused before any mapping (a bundle is a few levels deeper than a case). */
    public static final int MAX_DEPTH = 64;

    public static final ObjectMapper MAPPER = mapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(5_000_000)
                        .maxNumberLength(100)
                        .build())
                .build();
        ObjectMapper m = new ObjectMapper(factory);
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        return m;
    }

    /**
     * Parses a request body that must be one JSON object.
     *
     * @throws HttpError 400 when it is not JSON, not an object, too deep or has repeated keys; the diagnostics say
     *                   which and where (line and column), never the content
     */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw HttpError.badRequest("the request body is not valid JSON" + where + ": " + kind(e));
        } catch (IOException e) {
            throw HttpError.badRequest("the request body could not be read as JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw HttpError.badRequest("the request body is empty");
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The class of a parse failure in words, without echoing input. */
    private static String kind(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.startsWith("Duplicate field")) {
            return "a key is repeated";
        }
        if (m.contains("exceeds the maximum")) {
            return "a value is longer than allowed";
        }
        if (m.contains("Unexpected end-of-input")) {
            return "unexpected end of input";
        }
        if (m.contains("Trailing token")) {
            return "unexpected content after the JSON value";
        }
        if (m.contains("Invalid UTF-8")) {
            return "invalid UTF-8";
        }
        return "malformed JSON";
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Only our own JSON (assessments, reports) goes through here.
            throw new IllegalStateException("internal JSON is malformed", e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A FHIR R4 OperationOutcome with one issue (severity error).
     *
     * @param code        the IssueType code
     * @param diagnostics the server's own words; no case content
     */
    public static ObjectNode operationOutcome(String code, String diagnostics) {
        ObjectNode o = object();
        o.put("resourceType", "OperationOutcome");
        ObjectNode issue = o.putArray("issue").addObject();
        issue.put("severity", "error");
        issue.put("code", code);
        if (diagnostics != null && !diagnostics.isEmpty()) {
            issue.put("diagnostics", diagnostics);
        }
        return o;
    }

    /** Text of a field when it is a JSON string, else {@code null}. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
