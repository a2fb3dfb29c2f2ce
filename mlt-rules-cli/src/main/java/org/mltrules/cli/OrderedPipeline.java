package org.mltrules.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to a stream of items on N worker threads and hands the results to a sink <em>in input
 * order</em>, with at most {@code window} items in flight, and at most {@link #MAX_WEIGHT} of their weight (the
 * bytes a big item holds, e.g. a FHIR bundle's text) beyond one item: memory stays bounded whatever the length of
 * the input, and a slow item delays the output but not the workers. The sink runs on the caller's thread.
 *
 * <p>Without {@link Patience}, one worker runs everything on the caller's thread. With it, the work always runs on
 * worker threads, so that an item whose work never returns (a rule that ignores its deadline) can be given up: while
 * the oldest item is late, {@link Patience#whileWaiting()} runs (to flush what was written), and once it has run
 * longer than {@link Patience#giveUpAfter()} its worker is abandoned (a daemon thread, never waited for), replaced
 * by a new one, and {@link Patience#givenUp} supplies its result.
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

    /** What the pipeline does while the oldest item is late, and when it gives the item up. */
    interface Patience<I, O> {
        /** How long an item may run before its worker is abandoned. */
        Duration giveUpAfter();

        /** Runs when the oldest item has kept the sink waiting for a moment (e.g. flushes the output). */
        void whileWaiting() throws Exception;

        /** The result of an item whose worker was abandoned, still running it on {@code worker}. */
        O givenUp(I item, Thread worker);

        /** How many workers may be abandoned before the pipeline stops with {@link TooManyAbandoned}. */
        int maxAbandoned();
    }

    /** More items were given up than {@link Patience#maxAbandoned()}: the pipeline stops. */
    static final class TooManyAbandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyAbandoned(int abandoned) {
            super(abandoned + " items did not come back from their work", null, false, false);
        }
    }

    private static final long WAIT_BEFORE_IDLE_MILLIS = 100;

    /** Most weight in flight (64 MiB) before the oldest result is awaited; one heavier item still passes alone. */
    static final long MAX_WEIGHT = 64L << 20;

    private final Function<I, O> work;
    private final Sink<O> sink;
    private final int window;
    private final Patience<I, O> patience;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Task> inFlight;
    private final ArrayDeque<Long> weights;
    private long weightInFlight;
    private int abandoned;

    OrderedPipeline(int workers, int window, Function<I, O> work, Sink<O> sink) {
        this(workers, window, work, sink, null);
    }

    OrderedPipeline(int workers, int window, Function<I, O> work, Sink<O> sink, Patience<I, O> patience) {
        if (workers < 1 || window < workers) {
            throw new IllegalArgumentException("need workers >= 1 and window >= workers");
        }
        this.work = work;
        this.sink = sink;
        this.window = window;
        this.patience = patience;
        this.inFlight = new ArrayDeque<>(window);
        this.weights = new ArrayDeque<>(window);
        if (workers == 1 && patience == null) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "mlt-rules-worker-" + n.incrementAndGet());
                        t.setDaemon(true);       // never keeps the JVM alive after an error, or for an abandoned item
                        return t;
                    });
        }
    }

    /** One item's work, knowing which thread runs it and since when. */
    private final class Task extends FutureTask<O> {
        final I item;
        volatile Thread runner;
        volatile long started;

        Task(I item, Callable<O> callable) {
            super(callable);
            this.item = item;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            started = System.nanoTime();
            super.run();
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
        Task t = new Task(item, () -> work.apply(item));
        inFlight.add(t);
        weights.add(weight);
        weightInFlight += weight;
        pool.execute(t);
    }

    /** Passes every result that is ready, in order, to the sink without waiting for the others. */
    void drainReady() throws Exception {
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            drainOne();
        }
    }

    /** Waits for every queued item and passes the results to the sink, in order. */
    void finish() throws Exception {
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    private void drainOne() throws Exception {
        Task head = inFlight.poll();
        weightInFlight -= weights.poll();
        O result;
        try {
            result = patience == null ? head.get() : await(head);
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

    /** The head's result; runs {@link Patience#whileWaiting()} when it is late, gives it up when it is stuck. */
    private O await(Task head) throws Exception {
        try {
            return head.get(WAIT_BEFORE_IDLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            patience.whileWaiting();
        }
        long giveUp = patience.giveUpAfter().toNanos();
        while (true) {
            long started = head.started;
            long wait;
            if (started == 0) {
                // Still queued behind the items the workers run: its time has not started.
                wait = TimeUnit.MILLISECONDS.toNanos(WAIT_BEFORE_IDLE_MILLIS);
            } else {
                wait = giveUp - (System.nanoTime() - started);
                if (wait <= 0) {
                    return abandon(head);
                }
            }
            try {
                return head.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // not yet: look again
            }
        }
    }

    /** Gives up an item whose worker does not come back: a new worker takes its place. */
    private O abandon(Task head) {
        if (++abandoned > patience.maxAbandoned()) {
            throw new TooManyAbandoned(abandoned);
        }
        Thread runner = head.runner;
        O result = patience.givenUp(head.item, runner);
        head.cancel(true);
        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
        pool.setCorePoolSize(pool.getCorePoolSize() + 1);
        return result;
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
