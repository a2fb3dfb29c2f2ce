package org.mltrules.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.phreak.RuleAgendaItem;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.mltrules.Assessment;
import org.mltrules.Histology;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.RuleMetadata;
import org.mltrules.RuleSetInfo;
import org.mltrules.Site;
import org.mltrules.facts.Disease;
import org.mltrules.facts.Metastasis;
import org.mltrules.facts.Path;
import org.mltrules.facts.Patient;
import org.mltrules.facts.Settings;

/**
 * Runs the rules on one validated case. Thread-safe: every call has a session of its own for its duration, from the
 * rule base's {@link SessionPool}; a session whose evaluation did not end cleanly is discarded, never reused.
 *
 * <p>Whatever a rule does, one case's evaluation ends with its assessment or a {@link RuleFailureException} naming
 * the rule: an exception in an action or in a condition ({@code eval}, {@code from}, {@code accumulate} included),
 * a {@link StackOverflowError} or another error a rule throws, more than {@value #MAX_FIRINGS} firings, more than
 * {@value #MAX_FACTS} facts, or its evaluation deadline. Only a {@link VirtualMachineError} other than a stack
 * overflow (an {@link OutOfMemoryError}) passes on unchanged, after the session is discarded: the JVM itself is in
 * trouble, and the host decides.
 */
public final class Evaluator {
    /**
     * Most rule firings for one case. The bundled rules fire at most about 2,700 times for a case of 100
     * lesions; a rule set that reaches this loops. Detection takes seconds, far better than a batch that hangs.
     */
    static final int MAX_FIRINGS = 500_000;

    /**
     * Most facts in the session of one case. A case inserts at most 105 (settings, patient, disease, path and 100
     * lesions) and the bundled rules insert none; a rule set that reaches this inserts without end, and would
     * otherwise fill the heap before it reaches {@link #MAX_FIRINGS}.
     */
    static final int MAX_FACTS = 10_000;

    /**
     * A rule whose actions changed the facts this many times for one case drives a loop: a bundled rule changes
     * them at most once per case (the path), a rule that derives facts per lesion at most some hundred times.
     */
    static final int LOOP_SUSPECTED = 1_000;

    /** The evaluation deadline of one case unless the host sets another. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("Rule \"([^\"]+)\"");

    private final CompiledRules rules;
    private final Settings settings;
    private final RuleSetInfo info;
    private final Duration deadline;
    private final long deadlineNanos;

    public Evaluator(CompiledRules rules, Settings settings, RuleSetInfo info, Duration deadline) {
        this.rules = rules;
        this.settings = settings;
        this.info = info;
        this.deadline = deadline;
        this.deadlineNanos = deadline.toNanos();
    }

    /**
     * Assesses a case that {@link CaseValidator} accepted, telling {@code onFired} the name of every rule that fires,
     * in firing order, undecided twins included (for audit tools and rule tests).
     *
     * @param histology the case's histology as the validation resolved it ({@code null} when unknown)
     * @throws RuleFailureException when a rule fails for this case (see the class comment)
     */
    public Assessment evaluate(PatientCase c, Histology.Resolution histology, Consumer<String> onFired) {
        Patient patient = new Patient(c, histology == null ? null : histology.histology(),
                histology == null || histology.recognised());
        List<Metastasis> lesions = new ArrayList<>();
        if (c.lesions() != null) {
            for (int i = 0; i < c.lesions().size(); i++) {
                Lesion l = c.lesions().get(i);
                boolean counted = l.site() != Site.LYMPH_NODE_REGIONAL
                        || settings.isRegionalNodesCountAsMetastasis();
                lesions.add(new Metastasis(i, l, counted));
            }
        }
        Disease disease = new Disease(lesions);
        Path path = new Path();
        Recorder outcome = new Recorder(rules::meta, c, lesions);
        TreeSet<String> fired = new TreeSet<>();

        SessionPool pool = rules.sessions();
        KieSession session = pool.take();
        Tracker tracker = new Tracker(onFired, fired);
        Deadlines.Watch watch = Deadlines.start(this, session, tracker, deadlineNanos);
        RuleFailureException failure = null;
        VirtualMachineError fatal = null;
        boolean clean = false;
        boolean expired;
        try {
            if (rules.declaresOutcome()) {
                // A rule set whose rules never record a conclusion may leave the global undeclared.
                session.setGlobal(CompiledRules.OUTCOME, outcome);
            }
            session.addEventListener((AgendaEventListener) tracker);
            session.addEventListener((RuleRuntimeEventListener) tracker);
            session.insert(settings);
            session.insert(patient);
            session.insert(disease);
            for (Metastasis m : lesions) {
                session.insert(m);
            }
            session.insert(path);
            tracker.inFire = true;
            int firings = session.fireAllRules(MAX_FIRINGS);
            tracker.inFire = false;
            String next = firings >= MAX_FIRINGS ? nextToFire(session) : null;
            if (next != null) {
                String driver = tracker.changedMost(1);
                failure = new RuleFailureException(driver != null ? driver : next, RuleFailureException.Kind.LOOPED,
                        "more than " + MAX_FIRINGS + " rule firings for one case: the rules do not terminate (this "
                                + "rule changed the facts most often)", null);
            } else {
                clean = true;
            }
        } catch (VirtualMachineError e) {
            if (e instanceof StackOverflowError) {
                failure = new RuleFailureException(blame(e, tracker, session), e);
            } else {
                fatal = e;
            }
        } catch (RuntimeException | Error e) {
            failure = translate(e, tracker, session);
        } finally {
            expired = watch.stop();
            if (clean && !expired) {
                pool.giveBack(session);
            } else {
                pool.discard(session);
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        if (expired) {
            throw timedOut(watch, tracker, failure);
        }
        if (failure != null) {
            throw failure;
        }
        if (path.getCategory() == null) {
            throw new RuleFailureException(RuleFailureException.UNKNOWN_RULE, RuleFailureException.Kind.NO_CATEGORY,
                    "no rule decided the category: the classification rules are incomplete", null);
        }
        return Assembler.assemble(c, info, settings, patient, lesions, path, outcome, List.copyOf(fired));
    }

    /**
     * The failure of a case past its deadline. A loop whose every firing is slow (it re-activates many rules)
     * reaches the deadline before {@link #MAX_FIRINGS}: a rule that changed the facts {@link #LOOP_SUSPECTED} times or
     * more is named, as for a loop, rather than whichever rule happened to be running.
     */
    private RuleFailureException timedOut(Deadlines.Watch watch, Tracker tracker, RuleFailureException failure) {
        Throwable cause = failure == null ? null : failure.getCause();
        String driver = tracker.changedMost(LOOP_SUSPECTED);
        if (driver != null) {
            return new RuleFailureException(driver, RuleFailureException.Kind.TIMED_OUT, "the case ran past its "
                    + "evaluation deadline of " + describe(deadline) + " after " + tracker.firings + " rule firings:"
                    + " the rules do not terminate (this rule changed the facts most often)", cause);
        }
        String rule = watch.ruleAtDeadline() != null ? watch.ruleAtDeadline()
                : failure != null ? failure.rule() : RuleFailureException.UNKNOWN_RULE;
        return new RuleFailureException(rule, RuleFailureException.Kind.TIMED_OUT, "the case ran past its evaluation "
                + "deadline of " + describe(deadline) + " (this rule was running)", cause);
    }

    /** After {@link #MAX_FIRINGS} firings: the rule that would fire next (the rules loop), or {@code null}. */
    private static String nextToFire(KieSession session) {
        String[] next = {null};
        session.fireAllRules(match -> {
            if (next[0] == null) {
                next[0] = match.getRule().getName();
            }
            return false;
        }, 1);
        return next[0];
    }

    /**
     * The rule failure for what a rule threw: an action's exception names its rule (Drools says which), a
     * condition's too when Drools' message names it; the fact cap names the rule that inserted; otherwise the rule
     * whose action was running, or the rule whose conditions Drools was evaluating (the head of the agenda).
     */
    private RuleFailureException translate(Throwable e, Tracker tracker, KieSession session) {
        if (e instanceof ConsequenceException ce) {
            Throwable cause = ce.getCause() == null ? ce : ce.getCause();
            String rule = ce.getMatch() != null ? ce.getMatch().getRule().getName() : blame(e, tracker, session);
            if (cause instanceof TooManyFacts) {
                return tooManyFacts(rule);
            }
            return new RuleFailureException(rule, cause);
        }
        if (e instanceof TooManyFacts) {
            return tooManyFacts(blame(e, tracker, session));
        }
        // Drools wraps what a condition threw (in a RuntimeException, an MVEL exception, a reflective call): the
        // innermost cause is what the rule's code threw.
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new RuleFailureException(blame(e, tracker, session), cause);
    }

    private static RuleFailureException tooManyFacts(String rule) {
        return new RuleFailureException(rule, RuleFailureException.Kind.TOO_MANY_FACTS,
                "more than " + MAX_FACTS + " facts for one case: the rules insert without end", null);
    }

    /** The rule to blame for a failure that is not an action's exception. */
    private String blame(Throwable e, Tracker tracker, KieSession session) {
        // A condition that throws: the compiler's ConstraintEvaluationException (classic DRL compiler or executable
        // model) names the rule in its message ("... in [Rule "name" in file.drl]").
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ConstraintEvaluationException")) {
                Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
                if (m.find()) {
                    return m.group(1);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String running = tracker.running;
        if (running != null) {
            return running;
        }
        if (tracker.inFire) {
            // Drools evaluates a rule's network lazily, just before firing it, while the rule stays at the head of
            // the agenda: an eval, from or accumulate that throws is the head's.
            try {
                RuleAgendaItem head = ((ReteEvaluator) session).getActivationsManager().peekNextRule();
                if (head != null) {
                    return head.getRule().getName();
                }
            } catch (RuntimeException | LinkageError x) {
                // Not a Drools session as this version makes them: fall back on the stack.
            }
        }
        String inStack = ruleInStack(e.getStackTrace());
        return inStack != null ? inStack : RuleFailureException.UNKNOWN_RULE;
    }

    /**
     * The rule whose generated code (an {@code eval}, an action) is on the stack, for the classic DRL compiler,
     * which names those classes {@code Rule_<name><n>}; {@code null} when none is.
     */
    String ruleInStack(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String rule = rules.ruleOfGeneratedClass(frame.getClassName());
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The rule this evaluator is running on a thread, for a host whose thread has not come back from an assessment
     * after its deadline (a rule that ignores interruption): the rule whose action was running, else the rule whose
     * generated code is on the thread's stack; {@code null} when the thread is not evaluating with these rules.
     */
    public String ruleRunningIn(Thread thread) {
        Deadlines.Watch w = Deadlines.on(thread);
        if (w == null || w.evaluator.rules != rules) {
            return null;
        }
        String rule = w.ruleAtDeadline();
        if (rule == null) {
            rule = w.progress.ruleRunning();
        }
        if (rule == null) {
            rule = ruleInStack(thread.getStackTrace());
        }
        return rule != null ? rule : RuleFailureException.UNKNOWN_RULE;
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return ms + " ms";
    }

    /** The same compiled rules under other settings, with the rule-set info that goes with them. */
    public Evaluator with(Settings settings, RuleSetInfo info) {
        return new Evaluator(rules, settings, info, deadline);
    }

    /** The same compiled rules and settings with another evaluation deadline per case. */
    public Evaluator withDeadline(Duration deadline) {
        return new Evaluator(rules, settings, info, deadline);
    }

    /** The evaluation deadline of one case. */
    public Duration deadline() {
        return deadline;
    }

    /** Every rule's metadata by name, sorted. */
    public Map<String, RuleMetadata> metadata() {
        return rules.metadata();
    }

    /** Warnings found when the rules were compiled and linted. */
    public List<org.mltrules.RuleProblem> warnings() {
        return rules.warnings();
    }

    public RuleSetInfo info() {
        return info;
    }

    /** Thrown inside Drools' insert when a case's session holds too many facts; becomes a rule failure. */
    static final class TooManyFacts extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyFacts() {
            super("more than " + MAX_FACTS + " facts", null, false, false);
        }
    }

    /**
     * Follows one evaluation on its thread: the rule whose action is running (for failures and the deadline), the
     * changes each rule's actions make to the facts (to name the rule that drives a loop: it changes facts on every
     * firing, while the rules it re-activates may only record conclusions), the facts in the session (to stop a rule
     * that inserts without end).
     */
    private final class Tracker extends DefaultAgendaEventListener implements RuleRuntimeEventListener,
            Deadlines.Progress {
        private final Consumer<String> onFired;
        private final TreeSet<String> fired;
        private final Map<String, int[]> changes = new HashMap<>();
        /** Read by the deadline watchdog. */
        volatile String running;
        boolean inFire;
        int firings;
        private int facts;

        Tracker(Consumer<String> onFired, TreeSet<String> fired) {
            this.onFired = onFired;
            this.fired = fired;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            running = event.getMatch().getRule().getName();
            firings++;
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            running = null;
            String name = event.getMatch().getRule().getName();
            onFired.accept(name);
            RuleMetadata meta = rules.meta(name);
            if (!meta.undecided()) {
                fired.add(meta.id());
            }
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            changed(event.getRule());
            if (++facts > MAX_FACTS) {
                throw new TooManyFacts();
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            changed(event.getRule());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            changed(event.getRule());
            facts--;
        }

        private void changed(Rule rule) {
            if (rule != null) {
                changes.computeIfAbsent(rule.getName(), k -> new int[1])[0]++;
            }
        }

        @Override
        public String ruleRunning() {
            return running;
        }

        /** The rule whose actions changed the facts most often, at least {@code min} times; else {@code null}. */
        String changedMost(int min) {
            String most = null;
            int max = min - 1;
            for (Map.Entry<String, int[]> e : changes.entrySet()) {
                if (e.getValue()[0] > max) {
                    max = e.getValue()[0];
                    most = e.getKey();
                }
            }
            return most;
        }
    }
}
