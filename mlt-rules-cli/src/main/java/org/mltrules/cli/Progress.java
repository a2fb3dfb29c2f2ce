package org.mltrules.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress report on standard error for long batches, redrawn in place at most twice a second and only
 * after the batch has run for a while, so that short runs stay silent. Carries counts only, never case content.
 */
final class Progress {
    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final long every;
    private final long start = System.nanoTime();
    private long next;
    private boolean shown;

    Progress(PrintStream err, boolean enabled) {
        this(err, enabled, QUIET_NANOS, EVERY_NANOS);
    }

    /** With a quiet period before the first line and a minimum interval between lines, in nanoseconds. */
    Progress(PrintStream err, boolean enabled, long quietNanos, long everyNanos) {
        this.err = err;
        this.enabled = enabled;
        this.every = everyNanos;
        this.next = start + quietNanos;
    }

    /** Called after each case; cheap when nothing is to be drawn. */
    void update(long done, long failed) {
        if (!enabled || (done & 63) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + every;
        double seconds = (now - start) / 1e9;
        err.printf(Locale.ROOT, "\rassessed %,d cases (%,.0f/s)%s   ", done, done / seconds,
                failed == 0 ? "" : String.format(Locale.ROOT, ", %,d rejected or failed", failed));
        err.flush();
        shown = true;
    }

    /** Ends the progress line, if one was drawn. */
    void done(long done, long failed) {
        if (shown) {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "\rassessed %,d cases in %.1f s%s   %n", done, seconds,
                    failed == 0 ? "" : String.format(Locale.ROOT, ", %,d rejected or failed", failed));
            err.flush();
        }
    }
}
