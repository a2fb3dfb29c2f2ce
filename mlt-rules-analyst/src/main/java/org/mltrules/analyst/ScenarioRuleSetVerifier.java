package org.mltrules.analyst;

import java.util.List;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.spi.RuleSetVerifier;

/**
 * The service behind {@code RuleSetHandle.Verification.SCENARIOS}, the verification a {@code RuleSetHandle} applies
 * unless told otherwise: {@link ScenarioVerification#scenariosPass()}, found by the core with
 * {@link java.util.ServiceLoader}. Hosts need not use this class; {@link ScenarioVerification} is the API.
 */
public final class ScenarioRuleSetVerifier implements RuleSetVerifier {
    private static final ScenarioVerification SCENARIOS_PASS = ScenarioVerification.scenariosPass();

    /** For {@link java.util.ServiceLoader}. */
    public ScenarioRuleSetVerifier() {
    }

    @Override
    public List<RuleProblem> verify(MltRules candidate) {
        return SCENARIOS_PASS.verify(candidate);
    }
}
