package org.mltrules.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (malformed HTTP, oversized headers, failures outside our handlers) as FHIR
 * OperationOutcome bodies in our words: never Jetty's message, an exception text or a stack trace.
 */
public final class ErrorPages extends ErrorHandler {

    public ErrorPages() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        byte[] body = body(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/fhir+json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (code == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/fhir+json; charset=utf-8"));
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int code) {
        String issue;
        String text;
        switch (code) {
            case 400 -> {
                issue = "invalid";
                text = "malformed HTTP request";
            }
            case 404 -> {
                issue = "not-found";
                text = "no such resource";
            }
            case 405 -> {
                issue = "not-supported";
                text = "method not allowed";
            }
            case 408 -> {
                issue = "timeout";
                text = "the request did not arrive in time";
            }
            case 413 -> {
                issue = "too-long";
                text = "the request body is too large";
            }
            case 414 -> {
                issue = "too-long";
                text = "the request URI is too long";
            }
            case 415 -> {
                issue = "not-supported";
                text = "unsupported media type";
            }
            case 431 -> {
                issue = "too-long";
                text = "the request headers are too large";
            }
            case 503 -> {
                issue = "transient";
                text = "the server is busy or stopping; try again shortly";
            }
            default -> {
                issue = code >= 500 ? "exception" : "invalid";
                text = code >= 500 ? "internal error" : "the request was refused";
            }
        }
        return Json.operationOutcome(issue, text).toString().getBytes(StandardCharsets.UTF_8);
    }
}
