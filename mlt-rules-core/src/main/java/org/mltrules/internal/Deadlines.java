package org.mltrules.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.kie.api.runtime.KieSession;

/**
 * The evaluation deadline of every case being assessed in the JVM, watched by one daemon thread
 * ({@value #THREAD_NAME}, started on first use). Past its deadline, an evaluation is <em>expired</em>: the rule
 * running is noted, the session is halted (no rule fires after the one running) and the evaluating thread is
 * interrupted (a rule waiting in {@code Thread.sleep}, {@code wait} or interruptible I/O gets an
 * {@link InterruptedException}). A rule that ignores both (a busy loop in an action or a condition) keeps its
 * thread: nothing in Java can take it back; see {@link Evaluator#ruleRunningIn(Thread)}.
 *
 * <p>Cost on the evaluating thread: two operations on a concurrent map and a lock taken once, uncontended; the
 * watchdog wakes every {@code min(100 ms, shortest deadline / 10)} and walks the evaluations in progress (as many as
 * threads assessing).
 */
final class Deadlines {
    static final String THREAD_NAME = "mlt-rules-deadlines";
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final Map<Thread, Watch> RUNNING = new ConcurrentHashMap<>();
    private static volatile long tickNanos = MAX_TICK_NANOS;
    private static volatile Thread watchdog;

    private Deadlines() {
    }

    /** What the evaluating thread tells the watchdog about the evaluation in progress. */
    interface Progress {
        /** The rule whose action is running, or {@code null} between actions (e.g. while conditions are evaluated). */
        String ruleRunning();
    }

    /** One evaluation in progress, on one thread. */
    static final class Watch {
        private static final int RUNNING_STATE = 0;
        private static final int EXPIRED = 1;
        private static final int DONE = 2;

        final Thread thread;
        final Evaluator evaluator;
        final Progress progress;
        private final KieSession session;
        private final long deadline;
        private final Watch outer;
        private int state;
        private String ruleAtDeadline;
        private boolean interruptedBefore;

        private Watch(Thread thread, Evaluator evaluator, KieSession session, Progress progress, long deadline,
                      Watch outer) {
            this.thread = thread;
            this.evaluator = evaluator;
            this.session = session;
            this.progress = progress;
            this.deadline = deadline;
            this.outer = outer;
        }

        /** Called by the watchdog once the deadline has passed. */
        synchronized void expire() {
            if (state != RUNNING_STATE) {
                return;
            }
            state = EXPIRED;
            ruleAtDeadline = progress.ruleRunning();
            if (ruleAtDeadline == null) {
                ruleAtDeadline = evaluator.ruleInStack(thread.getStackTrace());
            }
            interruptedBefore = thread.isInterrupted();
            try {
                session.halt();
            } catch (RuntimeException e) {
                // A session in a broken state cannot be halted; the interrupt below may still reach the rule.
            }
            thread.interrupt();
        }

        /**
         * Ends the watch, on the evaluating thread. Clears the interrupt the watchdog set (not one the host set
         * before).
         *
         * @return whether the deadline had passed
         */
        boolean stop() {
            boolean expired;
            synchronized (this) {
                expired = state == EXPIRED;
                state = DONE;
            }
            if (outer == null) {
                RUNNING.remove(thread, this);
            } else {
                RUNNING.replace(thread, this, outer);
            }
            if (expired && !interruptedBefore) {
                Thread.interrupted();
            }
            return expired;
        }

        /** The rule running when the deadline passed ({@code null} if none was known). */
        synchronized String ruleAtDeadline() {
            return ruleAtDeadline;
        }

        synchronized boolean expired() {
            return state == EXPIRED;
        }
    }

    /** Starts watching an evaluation on the current thread. */
    static Watch start(Evaluator evaluator, KieSession session, Progress progress, long timeoutNanos) {
        Thread current = Thread.currentThread();
        long deadline = System.nanoTime() + timeoutNanos;
        Watch outer = RUNNING.get(current);
        Watch w = new Watch(current, evaluator, session, progress, deadline, outer);
        RUNNING.put(current, w);
        long tick = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, timeoutNanos / 10));
        if (tick < tickNanos || watchdog == null) {
            startWatchdog(tick);
        }
        return w;
    }

    /** The evaluation in progress on a thread, or {@code null}. */
    static Watch on(Thread thread) {
        return RUNNING.get(thread);
    }

    private static synchronized void startWatchdog(long tick) {
        if (tick < tickNanos) {
            tickNanos = tick;
        }
        if (watchdog != null) {
            return;
        }
        Thread t = new Thread(Deadlines::watch, THREAD_NAME);
        t.setDaemon(true);
        t.start();
        watchdog = t;
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (Watch w : RUNNING.values()) {
                for (Watch x = w; x != null; x = x.outer) {
                    if (now - x.deadline >= 0) {
                        try {
                            x.expire();
                        } catch (RuntimeException | LinkageError e) {
                            // Never let one evaluation stop the watchdog of all the others.
                        }
                    }
                }
            }
        }
    }
}
