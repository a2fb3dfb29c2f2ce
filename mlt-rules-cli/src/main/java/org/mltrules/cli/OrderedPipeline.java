package org.mltrules.cli;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to a stream of items on N worker threads and hands the results to a sink <em>in input
 * order</em>, with at most {@code window} items in flight, and at most {@link #MAX_WEIGHT} of their weight (the
 * bytes a big item holds, e.g. a FHIR bundle's text) beyond one item: memory stays bounded whatever the length of
 * the input, and a slow item delays the output but not the workers. The sink runs on the caller's thread. With one worker
 * everything runs on the caller's thread.
 *
 * <p>The function must not throw: it turns failures into results. Not thread-safe: one producer.
 *
 * @param <I> input item
 * @param <O> result
 */
final class OrderedPipeline<I, O> implements AutoCloseable {
    /** Receives the results in input order; may throw to stop the pipeline. */
    interface Sink<O> {
        void accept(O result) throws Exception;
    }

    /** Most weight in flight (64 MiB) before the oldest result is awaited; one heavier item still passes alone. */
    static final long MAX_WEIGHT = 64L << 20;

    private final Function<I, O> work;
    private final Sink<O> sink;
    private final int window;
    private final ExecutorService pool;
    private final ArrayDeque<Future<O>> inFlight;
    private final ArrayDeque<Long> weights;
    private long weightInFlight;

    OrderedPipeline(int workers, int window, Function<I, O> work, Sink<O> sink) {
        if (workers < 1 || window < workers) {
            throw new IllegalArgumentException("need workers >= 1 and window >= workers");
        }
        this.work = work;
        this.sink = sink;
        this.window = window;
        this.inFlight = new ArrayDeque<>(window);
        this.weights = new ArrayDeque<>(window);
        if (workers == 1) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "mlt-rules-worker-" + n.incrementAndGet());
                t.setDaemon(true);           // never keeps the JVM alive after an error on the main thread
                return t;
            });
        }
    }

    /** Queues an item; when the window is full, first waits for the oldest result and passes it to the sink. */
    void submit(I item) throws Exception {
        submit(item, 0);
    }

    /**
     * Queues an item of the given weight; while the window is full or the weight in flight would pass
     * {@link #MAX_WEIGHT}, first waits for the oldest result and passes it to the sink.
     */
    void submit(I item, long weight) throws Exception {
        if (pool == null) {
            sink.accept(work.apply(item));
            return;
        }
        while (inFlight.size() >= window || (!inFlight.isEmpty() && weightInFlight + weight > MAX_WEIGHT)) {
            drainOne();
        }
        inFlight.add(pool.submit(() -> work.apply(item)));
        weights.add(weight);
        weightInFlight += weight;
    }

    /** Waits for every queued item and passes the results to the sink, in order. */
    void finish() throws Exception {
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    private void drainOne() throws Exception {
        Future<O> head = inFlight.poll();
        weightInFlight -= weights.poll();
        O result;
        try {
            result = head.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
        sink.accept(result);
    }

    @Override
    public void close() {
        if (pool != null) {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
            weights.clear();
            weightInFlight = 0;
            pool.shutdownNow();
        }
    }
}
