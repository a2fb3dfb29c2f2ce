package org.mltrules.server.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the client is slow (Jetty calls back when bytes arrive), up
 * to a size limit (413) and a deadline for the whole body (408: a request that trickles in). Only a complete body
 * reaches the bounded worker pool.
 */
final class BodyReader implements Runnable {
    private final Exchange exchange;
    private final long maxBytes;
    private final Consumer<byte[]> then;
    private final ByteArrayOutputStream buffer;
    private Scheduler.Task timeout;

    private BodyReader(Exchange exchange, long maxBytes, Consumer<byte[]> then) {
        this.exchange = exchange;
        this.maxBytes = maxBytes;
        this.then = then;
        long declared = exchange.request.getLength();
        this.buffer = new ByteArrayOutputStream((int) Math.max(256, Math.min(declared, 1 << 20)));
    }

    static void read(Exchange exchange, long maxBytes, long timeoutMillis, Scheduler scheduler,
                     Consumer<byte[]> then) {
        if (exchange.request.getLength() > maxBytes) {
            exchange.error(HttpError.tooLarge(maxBytes));
            return;
        }
        BodyReader r = new BodyReader(exchange, maxBytes, then);
        r.timeout = scheduler.schedule(() -> {
            if (exchange.error(HttpError.requestTimeout())) {
                exchange.request.fail(new java.util.concurrent.TimeoutException("request body too slow"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        r.run();
    }

    @Override
    public void run() {
        while (true) {
            if (exchange.isAnswered()) {
                return;
            }
            Content.Chunk chunk = exchange.request.read();
            if (chunk == null) {
                exchange.request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                timeout.cancel();
                // The client went away or the connection failed: nobody to answer, but the exchange must end.
                exchange.error(new HttpError(400, "incomplete", "the request body could not be read"));
                return;
            }
            ByteBuffer bb = chunk.getByteBuffer();
            if (buffer.size() + (long) bb.remaining() > maxBytes) {
                chunk.release();
                timeout.cancel();
                exchange.error(HttpError.tooLarge(maxBytes));
                return;
            }
            byte[] bytes = new byte[bb.remaining()];
            bb.get(bytes);
            buffer.write(bytes, 0, bytes.length);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                timeout.cancel();
                if (!exchange.isAnswered()) {
                    then.accept(buffer.toByteArray());
                }
                return;
            }
        }
    }
}
