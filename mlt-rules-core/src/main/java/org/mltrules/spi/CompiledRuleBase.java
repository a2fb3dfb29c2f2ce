package org.mltrules.spi;

import java.util.List;
import java.util.Objects;
import org.kie.api.KieBase;
import org.mltrules.RuleProblem;

/**
 * A rule set compiled by a {@link RuleCompiler}: the Drools rule base the engine runs, and the warnings found while
 * compiling and linting it (deprecated syntax, with file and position).
 *
 * @param kieBase  the compiled rules; the engine only creates sessions from it
 * @param warnings compiler and lint warnings, in file and position order
 */
public record CompiledRuleBase(KieBase kieBase, List<RuleProblem> warnings) {
    public CompiledRuleBase {
        Objects.requireNonNull(kieBase, "kieBase");
        warnings = List.copyOf(warnings);
    }
}
