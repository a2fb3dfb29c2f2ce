package org.mltrules.analyst;

import java.util.ArrayList;
import java.util.List;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetHandle;

/**
 * Verifies a candidate rule set for {@link RuleSetHandle} by running its own scenario files: it serves only if
 * every scenario passes (and, when asked, every rule fires in a scenario). A rule set without scenarios is refused:
 * nothing would have been verified.
 *
 * <pre>{@code
 * RuleSetHandle handle = new RuleSetHandle(MltRules.builder().rulesFrom(dir).build(),
 *         ScenarioVerification.scenariosPass());
 * }</pre>
 */
public final class ScenarioVerification implements RuleSetHandle.Verification {
    private final boolean everyRuleMustFire;

    private ScenarioVerification(boolean everyRuleMustFire) {
        this.everyRuleMustFire = everyRuleMustFire;
    }

    /** Every scenario must pass; rules no scenario makes fire are reported as warnings. */
    public static ScenarioVerification scenariosPass() {
        return new ScenarioVerification(false);
    }

    /** Every scenario must pass and every rule must fire in at least one scenario. */
    public static ScenarioVerification scenariosPassAndCoverEveryRule() {
        return new ScenarioVerification(true);
    }

    @Override
    public List<RuleProblem> verify(MltRules candidate) {
        if (candidate.scenarioFiles().isEmpty()) {
            return List.of(new RuleProblem(RuleProblem.Severity.ERROR, "scenarios/", 0, 0, null,
                    "no scenario files: the rule set cannot be verified"));
        }
        ScenarioReport report = Scenarios.run(candidate);
        List<RuleProblem> problems = new ArrayList<>(report.problems());
        RuleProblem.Severity severity = everyRuleMustFire ? RuleProblem.Severity.ERROR : RuleProblem.Severity.WARNING;
        for (String rule : report.coverage().uncovered()) {
            problems.add(new RuleProblem(severity, null, 0, 0, rule, "no scenario makes this rule fire"));
        }
        return problems;
    }
}
