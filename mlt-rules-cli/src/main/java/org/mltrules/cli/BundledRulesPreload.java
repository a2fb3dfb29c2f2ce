package org.mltrules.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.mltrules.MltRules;

/**
 * Loads the bundled rules on a second thread while the main thread starts the tool (picocli's model of the command,
 * opening the input), for the commands that will need them: on two or more processors a one-case run then ends
 * about a fifth sooner (issue 17, docs/performance.md). Only the process's own entry point starts it; the result is
 * taken at most once, and a load that failed is simply done again on the main thread, where its error is reported
 * as usual.
 */
final class BundledRulesPreload {
    /** The subcommands that load the rules through {@link RulesOption} unless given {@code --rules}. */
    private static final Set<String> USERS = Set.of("assess", "explain", "rules", "serve");

    private static final AtomicReference<FutureTask<MltRules>> PENDING = new AtomicReference<>();

    private BundledRulesPreload() {
    }

    /**
     * Starts loading the bundled rules in the background if this command line will use them: it names one of
     * {@link #USERS} first, and neither another rule folder nor help or version, nor an argument file
     * ({@code @file}, which could name a rule folder).
     */
    static void startFor(String[] args) {
        startFor(args, MltRules::bundled);
    }

    /** {@link #startFor(String[])} with the loading given (tests). */
    static void startFor(String[] args, Callable<MltRules> load) {
        if (args.length == 0 || !USERS.contains(args[0])) {
            return;
        }
        for (String a : args) {
            if (a.equals("--rules") || a.startsWith("--rules=") || a.equals("-h") || a.equals("--help")
                    || a.equals("-V") || a.equals("--version") || a.equals("--") || a.startsWith("@")) {
                return;
            }
        }
        FutureTask<MltRules> task = new FutureTask<>(load);
        Thread t = new Thread(task, "mlt-rules-preload");
        t.setDaemon(true);
        PENDING.set(task);
        t.start();
    }

    /** Whether rules are being (or were) loaded in the background and not taken yet. */
    static boolean pending() {
        return PENDING.get() != null;
    }

    /** The bundled rules: those loaded in the background when there are, else loaded now. */
    static MltRules bundled() {
        FutureTask<MltRules> task = PENDING.getAndSet(null);
        if (task != null) {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // Loaded again below, on this thread, so that the failure is reported the usual way.
            }
        }
        return MltRules.bundled();
    }
}
