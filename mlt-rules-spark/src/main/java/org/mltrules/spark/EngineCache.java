package org.mltrules.spark;

import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.mltrules.MltRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines of this JVM, one per rule set, by fingerprint. The first task that needs a rule set builds it; tasks
 * that start meanwhile in the same executor wait for that build instead of starting their own (a map of futures:
 * the map's lock is held only to install the future, never during the seconds a compile takes). A build that fails
 * is removed again, so that a retried task tries once more, while the tasks that waited for it fail with the same
 * error.
 */
final class EngineCache {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCache.class);

    /** Rule sets kept per JVM; an executor serving many jobs with many rule folders drops the oldest beyond this. */
    static final int MAX_RULE_SETS = 8;

    private static final Map<String, CompletableFuture<MltRules>> ENGINES = new ConcurrentHashMap<>();
    private static final Queue<String> ORDER = new ConcurrentLinkedQueue<>();
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final AtomicLong WAITS = new AtomicLong();

    /** The bundled rules' engine as built on the driver: the bundled rules never change within a JVM. */
    private static volatile MltRules bundledOnDriver;

    private EngineCache() {
    }

    /** The engine for a source: from the cache, or built now (once per JVM, whatever the number of tasks). */
    static MltRules get(RuleSource source) {
        String key = source.fingerprint();
        CompletableFuture<MltRules> engine = ENGINES.get(key);
        if (engine == null) {
            CompletableFuture<MltRules> mine = new CompletableFuture<>();
            engine = ENGINES.putIfAbsent(key, mine);
            if (engine == null) {
                return build(key, source, mine);
            }
        }
        if (!engine.isDone()) {
            WAITS.incrementAndGet();
        }
        try {
            return engine.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Builds the engine this thread installed the future of, and completes it for the threads waiting. */
    private static MltRules build(String key, RuleSource source, CompletableFuture<MltRules> mine) {
        try {
            MltRules built = build(source.isBundled() ? null : source.files());
            if (!built.ruleSet().fingerprint().equals(key)) {
                // Same files, other result: another mlt-rules version on this executor's class path.
                throw new IllegalStateException("the rules built on this JVM have the fingerprint "
                        + built.ruleSet().fingerprint() + ", the driver's have " + key
                        + ": are the driver and the executors running the same mlt-rules-spark job jar?");
            }
            remember(key);
            mine.complete(built);
            return built;
        } catch (RuntimeException | Error e) {
            ENGINES.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Builds the rules on the driver, when a {@link RuleSource} is made (so that broken rules are refused before
     * any task starts), and keeps the engine for the tasks that run in this JVM (local mode).
     *
     * @param files the rule folder's files, or {@code null} for the bundled rules
     */
    static MltRules driverBuild(SortedMap<String, byte[]> files) {
        if (files == null && bundledOnDriver != null) {
            return bundledOnDriver;
        }
        MltRules built = build(files);
        String key = built.ruleSet().fingerprint();
        if (ENGINES.putIfAbsent(key, CompletableFuture.completedFuture(built)) == null) {
            remember(key);
        }
        if (files == null) {
            bundledOnDriver = built;
        }
        return built;
    }

    private static MltRules build(SortedMap<String, byte[]> files) {
        BUILDS.incrementAndGet();
        long start = System.nanoTime();
        MltRules built = files == null ? MltRules.bundled() : MltRules.builder().rulesFrom(files).build();
        LOG.info("rule set {} {} ({}) built in this JVM in {} ms", built.ruleSet().name(), built.ruleSet().version(),
                built.ruleSet().fingerprint(), (System.nanoTime() - start) / 1_000_000);
        return built;
    }

    private static void remember(String key) {
        ORDER.add(key);
        while (ORDER.size() > MAX_RULE_SETS) {
            String oldest = ORDER.poll();
            if (oldest != null && !Objects.equals(oldest, key)) {
                ENGINES.remove(oldest);
            }
        }
    }

    /** Engines built in this JVM since it started (or since {@link #clear()}): what the tests count. */
    static long builds() {
        return BUILDS.get();
    }

    /** Calls that found the build of their rule set under way in another thread and waited for it. */
    static long waits() {
        return WAITS.get();
    }

    /** Forgets every engine and resets the counters: for tests only. */
    static void clear() {
        ENGINES.clear();
        ORDER.clear();
        bundledOnDriver = null;
        BUILDS.set(0);
        WAITS.set(0);
    }
}
