package org.mltrules.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A FHIR server stub on loopback: canned answers by resource type, and a record of what was asked. */
final class StubFhirServer implements AutoCloseable {
    record Call(String pathAndQuery, String authorization) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, String> answers = new ConcurrentHashMap<>();
    final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    volatile long delayMillis;
    private final HttpServer server;

    StubFhirServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/fhir", ex -> {
            String pq = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? ""
                    : "?" + ex.getRequestURI().getRawQuery());
            calls.add(new Call(pq, ex.getRequestHeaders().getFirst("Authorization")));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String type = ex.getRequestURI().getPath().substring("/fhir/".length()).split("/")[0];
            int status = statuses.getOrDefault(type, 200);
            String body = answers.getOrDefault(type,
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/fhir+json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
