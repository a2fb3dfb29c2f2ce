package org.mltrules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mltrules.spi.RuleSetVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one rule set and replaces it safely while assessments run: a new rule set is built and verified off the
 * serving path, and serves only if both succeed; otherwise the rule set in service stays, and the reload says why.
 * Verified means, unless the handle was made with another {@link Verification}, that every scenario file of the new
 * rule set passes ({@link Verification#SCENARIOS}, which needs {@code org.mltrules:mlt-rules-analyst} on the class
 * path); a handle that swaps in rule sets without running them must ask for it by name, with
 * {@link Verification#NONE}.
 *
 * <pre>{@code
 * RuleSetHandle rules = new RuleSetHandle(MltRules.builder().rulesFrom(dir).build());
 * Assessment a = rules.assess(patientCase);            // any thread, any time
 * RuleSetHandle.Reload r = rules.reload(dir);          // after an analyst's change
 * if (!r.swapped()) log(r.render());                   // the old rules still serve
 * }</pre>
 *
 * <p><b>Thread safety.</b> Thread-safe. {@link #assess} reads the rule set in service once, so an assessment
 * started before a swap finishes on the rule set it started with, and none is lost or fails because of a reload.
 * Reloads are serialised: one builds and verifies at a time. The verification of the analyst module
 * ({@code org.mltrules.analyst.ScenarioVerification}) runs the rule set's own scenario files.
 *
 * <p><b>Never throws for a broken rule set.</b> A rule set that does not build, a verification that throws, overflows
 * its stack or runs out of memory refuses the reload, and the old rules keep serving. A scenario whose rule ignores
 * interruption (a busy loop) keeps the reloading thread, with the reload lock: reload from a thread you can abandon
 * (docs/reliability.md).
 */
public final class RuleSetHandle {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetHandle.class);

    /** Checks a candidate rule set before it serves: any problem of severity ERROR refuses it. */
    @FunctionalInterface
    public interface Verification {
        /**
         * Accepts every rule set that builds, without running anything: the unverified reload, only for a handle
         * that asks for it by name.
         */
        Verification NONE = candidate -> List.of();

        /**
         * Every scenario file of the candidate passes (a rule no scenario makes fire is a warning; a rule set
         * without scenario files is refused). The default. Runs the {@link RuleSetVerifier} of
         * {@code org.mltrules:mlt-rules-analyst}, found on the class path; without it every reload is refused,
         * saying so.
         */
        Verification SCENARIOS = candidate -> Verifiers.scenarios(candidate);

        /**
         * The problems of a candidate rule set, errors and warnings (empty when it may serve). Called on the
         * reloading thread, never concurrently for one handle.
         */
        List<RuleProblem> verify(MltRules candidate);
    }

    /**
     * What a reload did.
     *
     * @param swapped   whether the candidate now serves
     * @param serving   the rule set serving after the reload (the old one unless swapped)
     * @param candidate the rule set built, or {@code null} when it could not be built
     * @param problems  why it was refused (errors), and warnings; in the order found
     */
    public record Reload(boolean swapped, RuleSetInfo serving, RuleSetInfo candidate, List<RuleProblem> problems) {
        public Reload {
            Objects.requireNonNull(serving, "serving");
            problems = List.copyOf(problems);
        }

        /** A summary line, then one {@code file:line:column: message} line per problem. */
        public String render() {
            String head = swapped
                    ? "rule set " + serving.name() + " " + serving.version() + " (" + serving.fingerprint() + ") now serves"
                    : "reload refused; rule set " + serving.name() + " " + serving.version() + " ("
                    + serving.fingerprint() + ") still serves";
            return problems.isEmpty() ? head
                    : head + "\n" + problems.stream().map(RuleProblem::render).collect(Collectors.joining("\n"));
        }

        /**
         * This reload, when it swapped.
         *
         * @throws RuleSetException with the problems when it did not
         */
        public Reload orThrow() {
            if (!swapped) {
                throw new RuleSetException("reload refused; the previous rule set still serves", problems);
            }
            return this;
        }
    }

    private final AtomicReference<MltRules> serving;
    private final Verification verification;
    private final ReentrantLock reloads = new ReentrantLock();

    /**
     * A handle serving {@code initial}; a later rule set serves only if it builds and every one of its scenario files
     * passes ({@link Verification#SCENARIOS}).
     */
    public RuleSetHandle(MltRules initial) {
        this(initial, Verification.SCENARIOS);
    }

    /** A handle serving {@code initial}; later rule sets serve only if {@code verification} finds no error. */
    public RuleSetHandle(MltRules initial, Verification verification) {
        this.serving = new AtomicReference<>(Objects.requireNonNull(initial, "initial must not be null"));
        this.verification = Objects.requireNonNull(verification, "verification must not be null");
    }

    /** The rule set in service now. Hold on to it for a series of assessments that must use one rule set. */
    public MltRules current() {
        return serving.get();
    }

    /** Assesses a case with the rule set in service when the call starts; see {@link MltRules#assess}. */
    public Assessment assess(PatientCase patientCase) {
        return serving.get().assess(patientCase);
    }

    /**
     * Builds the rule set of a folder (with its descriptor's conventions and centre), verifies it and swaps it in
     * if both succeed.
     */
    public Reload reload(Path folder) {
        Objects.requireNonNull(folder, "folder must not be null");
        return reload(() -> MltRules.builder().rulesFrom(folder).build());
    }

    /**
     * Builds a rule set with {@code build}, verifies it and swaps it in if both succeed. Never throws for a
     * broken rule set: a failure leaves the rule set in service and is described by the result.
     */
    public Reload reload(Supplier<MltRules> build) {
        Objects.requireNonNull(build, "build must not be null");
        reloads.lock();
        try {
            MltRules old = serving.get();
            MltRules candidate;
            try {
                candidate = Objects.requireNonNull(build.get(), "the build returned no rule set");
            } catch (RuleSetException e) {
                return refused(old, null, e.problems());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
                // What a build throws is the candidate's fault; the serving rules are unharmed.
                return refused(old, null, List.of(problem("the rule set could not be built: " + describe(e))));
            }
            List<RuleProblem> problems = new ArrayList<>(candidate.warnings());
            try {
                problems.addAll(verification.verify(candidate));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
                problems.add(problem("the verification failed: " + describe(e)));
            }
            if (problems.stream().anyMatch(p -> p.severity() == RuleProblem.Severity.ERROR)) {
                return refused(old, candidate.ruleSet(), problems);
            }
            serving.set(candidate);
            LOG.info("rule set {} {} ({}) now serves, replacing {} {} ({})", candidate.ruleSet().name(),
                    candidate.ruleSet().version(), candidate.ruleSet().fingerprint(), old.ruleSet().name(),
                    old.ruleSet().version(), old.ruleSet().fingerprint());
            return new Reload(true, candidate.ruleSet(), candidate.ruleSet(), problems);
        } finally {
            reloads.unlock();
        }
    }

    private static Reload refused(MltRules old, RuleSetInfo candidate, List<RuleProblem> problems) {
        LOG.warn("reload refused with {} problem(s); rule set {} {} still serves", problems.size(),
                old.ruleSet().name(), old.ruleSet().version());
        return new Reload(false, old.ruleSet(), candidate, problems);
    }

    private static RuleProblem problem(String message) {
        return new RuleProblem(RuleProblem.Severity.ERROR, null, 0, 0, null, message);
    }

    /** An exception as it prints; an error (a stack overflow, out of memory) by its class alone. */
    private static String describe(Throwable e) {
        return e instanceof Error ? e.getClass().getName() : String.valueOf(e);
    }

    /** Finds the scenario verification of mlt-rules-analyst with {@link ServiceLoader}. */
    static final class Verifiers {
        private Verifiers() {
        }

        static List<RuleProblem> scenarios(MltRules candidate) {
            RuleSetVerifier verifier = find(RuleSetHandle.class.getClassLoader());
            if (verifier == null) {
                verifier = find(Thread.currentThread().getContextClassLoader());
            }
            if (verifier == null) {
                return List.of(problem("scenario verification needs org.mltrules:mlt-rules-analyst on the class "
                        + "path; to swap rule sets without running their scenarios, make the handle with "
                        + "RuleSetHandle.Verification.NONE"));
            }
            return verifier.verify(candidate);
        }

        private static RuleSetVerifier find(ClassLoader loader) {
            if (loader == null) {
                return null;
            }
            try {
                Iterator<RuleSetVerifier> it = ServiceLoader.load(RuleSetVerifier.class, loader).iterator();
                return it.hasNext() ? it.next() : null;
            } catch (ServiceConfigurationError e) {
                return null;
            }
        }
    }
}
