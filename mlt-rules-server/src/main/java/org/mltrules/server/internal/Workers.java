package org.mltrules.server.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded pool that evaluates requests, and the FHIR client's own small pool. */
public final class Workers {
    private Workers() {
    }

    /** {@code threads} workers and a queue of {@code queue}; a full queue rejects (the router answers 503). */
    public static ThreadPoolExecutor create(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "mlt-rules-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    public static FhirFetcher fetcher(Settings.Limits limits) {
        AtomicInteger n = new AtomicInteger();
        return new FhirFetcher(Duration.ofMillis(limits.fetchMillis()), limits.maxBodyBytes(),
                Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "mlt-rules-fhir-client-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }));
    }
}
