package org.mltrules.server.internal;

import java.util.Map;

/**
 * A request refused with an HTTP status and a FHIR OperationOutcome. The diagnostics are written by the server
 * itself and never hold case content or values from the request (they are shown to the caller and logged).
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String issueCode;
    private final transient Map<String, String> headers;

    public HttpError(int status, String issueCode, String diagnostics) {
        this(status, issueCode, diagnostics, Map.of());
    }

    public HttpError(int status, String issueCode, String diagnostics, Map<String, String> headers) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.issueCode = issueCode;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** FHIR R4 IssueType code: invalid, required, security, not-found, not-supported, incomplete, too-long... */
    public String issueCode() {
        return issueCode;
    }

    public String diagnostics() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    static HttpError badRequest(String diagnostics) {
        return new HttpError(400, "invalid", diagnostics);
    }

    static HttpError unauthorized() {
        // One generic text for every JWT failure: the reason is logged (class only), never told to the caller.
        return new HttpError(401, "security", "a valid bearer token is required",
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    static HttpError notFound() {
        return new HttpError(404, "not-found", "no such resource");
    }

    static HttpError methodNotAllowed(String allow) {
        return new HttpError(405, "not-supported", "method not allowed; allowed: " + allow, Map.of("Allow", allow));
    }

    static HttpError requestTimeout() {
        return new HttpError(408, "timeout", "the request body did not arrive in time",
                Map.of("Connection", "close"));
    }

    static HttpError tooLarge(long limit) {
        return new HttpError(413, "too-long", "the request body is larger than " + limit + " bytes",
                Map.of("Connection", "close"));
    }

    static HttpError unsupportedMediaType() {
        return new HttpError(415, "not-supported", "the request body must be JSON (Content-Type: application/json)");
    }

    static HttpError overloaded(int retryAfterSeconds) {
        return new HttpError(503, "transient", "the server is busy; try again shortly",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    static HttpError internal() {
        return new HttpError(500, "exception", "internal error");
    }
}
