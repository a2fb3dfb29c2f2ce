package org.mltrules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
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
 * Runs the rules on one validated case. Thread-safe: every call has a session of its own for its duration.
 *
 * <p>Sessions come from a pool owned by this evaluator (Drools' {@link KieSessionsPool}: a concurrent queue that
 * grows to the number of concurrent callers). Giving a session back resets it: facts, node memories, agenda,
 * globals and listeners are cleared, while the memory structures built for the rule network are kept, which
 * spares their allocation on every call (a third of the cost of a fresh session). No state survives from one
 * call to the next; the pool belongs to this evaluator and dies with it.
 */
public final class Evaluator {
    /**
     * Most rule firings for one case. The bundled rules fire at most about 2,700 times for a case of 100
     * lesions; a rule set that reaches this loops. Detection takes seconds, far better than a batch that hangs.
     */
    static final int MAX_FIRINGS = 500_000;
    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("Rule \"([^\"]+)\"");

    private final CompiledRules rules;
    private final Settings settings;
    private final RuleSetInfo info;
    private final KieSessionsPool sessions;

    public Evaluator(CompiledRules rules, Settings settings, RuleSetInfo info) {
        this.rules = rules;
        this.settings = settings;
        this.info = info;
        this.sessions = rules.kieBase().newKieSessionsPool(1);
    }

    /**
     * Assesses a case that {@link CaseValidator} accepted, telling {@code onFired} the name of every rule that fires,
     * in firing order, undecided twins included (for audit tools and rule tests).
     *
     * @param histology the case's histology as the validation resolved it ({@code null} when unknown)
     * @throws RuleFailureException when a rule's action or condition throws, or the rules do not terminate
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

        KieSession session = sessions.newKieSession();
        try {
            if (rules.declaresOutcome()) {
                // A rule set whose rules never record a conclusion may leave the global undeclared.
                session.setGlobal(CompiledRules.OUTCOME, outcome);
            }
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    String name = event.getMatch().getRule().getName();
                    onFired.accept(name);
                    RuleMetadata meta = rules.meta(name);
                    if (!meta.undecided()) {
                        fired.add(meta.id());
                    }
                }
            });
            session.insert(settings);
            session.insert(patient);
            session.insert(disease);
            for (Metastasis m : lesions) {
                session.insert(m);
            }
            session.insert(path);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                checkTermination(session);
            }
        } catch (ConsequenceException e) {
            throw new RuleFailureException(e.getMatch().getRule().getName(), e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw conditionFailure(e);
        } finally {
            // Back to the pool, reset (also after a failing rule: the reset clears the agenda's state too).
            session.dispose();
        }
        return Assembler.assemble(c, info, settings, patient, lesions, path, outcome, List.copyOf(fired));
    }

    /**
     * After {@link #MAX_FIRINGS} firings for one case, the rules loop (a {@code modify} that re-activates its own
     * rule): fails the case, naming the rule that was about to fire again, rather than hang the batch.
     */
    private static void checkTermination(KieSession session) {
        String[] next = {null};
        session.fireAllRules(match -> {
            if (next[0] == null) {
                next[0] = match.getRule().getName();
            }
            return false;
        }, 1);
        if (next[0] != null) {
            throw new RuleFailureException(next[0], new IllegalStateException("more than " + MAX_FIRINGS
                    + " rule firings for one case: the rules do not terminate"));
        }
    }

    /**
     * A condition that throws (a division by zero, a method call on null) surfaces as the compiler's
     * ConstraintEvaluationException (classic DRL compiler or executable model), which names the rule only in its
     * message ({@code ... in [Rule "name" in file.drl]}); anything else is not a rule's failure and passes on.
     */
    private static RuntimeException conditionFailure(RuntimeException e) {
        if (!e.getClass().getSimpleName().equals("ConstraintEvaluationException")) {
            return e;
        }
        Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        return new RuleFailureException(m.find() ? m.group(1) : "(a condition)", e.getCause() == null ? e : e.getCause());
    }

    /** The same compiled rules under other settings, with the rule-set info that goes with them. */
    public Evaluator with(Settings settings, RuleSetInfo info) {
        return new Evaluator(rules, settings, info);
    }

    /** Every rule's metadata by name, sorted. */
    public java.util.Map<String, RuleMetadata> metadata() {
        return rules.metadata();
    }

    /** Warnings found when the rules were compiled and linted. */
    public List<org.mltrules.RuleProblem> warnings() {
        return rules.warnings();
    }

    public RuleSetInfo info() {
        return info;
    }
}
