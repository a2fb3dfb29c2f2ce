package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its response, answered exactly once: a late answer (the evaluation that finishes after its
 * deadline's card went out, a body that completes after the 408) is dropped.
 */
final class Exchange {
    static final String HOOK_INSTANCE = "org.mltrules.server.hookInstance";

    final Request request;
    final Response response;
    private final Callback callback;
    private final AtomicBoolean answered = new AtomicBoolean();

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    boolean isAnswered() {
        return answered.get();
    }

    boolean json(int status, JsonNode body) {
        return send(status, "application/json; charset=utf-8", Json.bytes(body), Map.of());
    }

    boolean error(HttpError e) {
        return send(e.status(), "application/fhir+json; charset=utf-8",
                Json.bytes(Json.operationOutcome(e.issueCode(), e.diagnostics())), e.headers());
    }

    boolean send(int status, String contentType, byte[] body, Map<String, String> headers) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        try {
            response.setStatus(status);
            if (contentType != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            }
            headers.forEach((k, v) -> response.getHeaders().put(k, v));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
            boolean head = "HEAD".equals(request.getMethod());
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        } catch (RuntimeException e) {
            callback.failed(e);
        }
        return true;
    }
}
