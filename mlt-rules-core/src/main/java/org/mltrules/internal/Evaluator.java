package org.mltrules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.mltrules.Assessment;
import org.mltrules.Histology;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.RuleSetInfo;
import org.mltrules.Site;
import org.mltrules.facts.Disease;
import org.mltrules.facts.Metastasis;
import org.mltrules.facts.Outcome;
import org.mltrules.facts.Path;
import org.mltrules.facts.Patient;
import org.mltrules.facts.Settings;

/** Runs the rules on one validated case. Stateless and thread-safe: every call has its own session. */
public final class Evaluator {
    private final CompiledRules rules;
    private final Settings settings;
    private final RuleSetInfo info;

    public Evaluator(CompiledRules rules, Settings settings, RuleSetInfo info) {
        this.rules = rules;
        this.settings = settings;
        this.info = info;
    }

    /**
     * Assesses a case that {@link CaseValidator} accepted.
     *
     * @throws RuleFailureException when a rule's action throws
     */
    public Assessment evaluate(PatientCase c) {
        return evaluate(c, ruleName -> { });
    }

    /**
     * Assesses a case as {@link #evaluate(PatientCase)} does, also telling {@code onFired} the name of every rule
     * that fires, in firing order, undecided twins included (for audit tools and rule tests).
     *
     * @throws RuleFailureException when a rule's action throws
     */
    public Assessment evaluate(PatientCase c, Consumer<String> onFired) {
        Histology.Resolution histology = c.histology() == null ? null
                : Histology.resolve(c.histology()).orElseThrow(() -> new IllegalArgumentException("unvalidated histology"));
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
        Outcome outcome = new Outcome(rules::meta, patient, lesions);
        TreeSet<String> fired = new TreeSet<>();

        KieSession session = rules.kieBase().newKieSession();
        try {
            if (rules.declaresOutcome()) {
                // A rule set whose rules never record a conclusion may leave the global undeclared.
                session.setGlobal("outcome", outcome);
            }
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    String name = event.getMatch().getRule().getName();
                    onFired.accept(name);
                    RuleMeta meta = rules.meta(name);
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
            session.fireAllRules();
        } catch (ConsequenceException e) {
            throw new RuleFailureException(e.getMatch().getRule().getName(), e.getCause() == null ? e : e.getCause());
        } finally {
            session.dispose();
        }
        return Assembler.assemble(c, info, settings, patient, lesions, path, outcome, List.copyOf(fired));
    }

    /** The same compiled rules under other settings, with the rule-set info that goes with them. */
    public Evaluator with(Settings settings, RuleSetInfo info) {
        return new Evaluator(rules, settings, info);
    }

    /** The names of every rule of the rule base. */
    public java.util.Set<String> ruleNames() {
        return rules.metadata().keySet();
    }

    /** Warnings found when the rules were compiled and linted. */
    public List<org.mltrules.RuleProblem> warnings() {
        return rules.warnings();
    }

    public RuleSetInfo info() {
        return info;
    }
}
