package org.mltrules.analyst;

import java.util.List;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetInfo;

/**
 * What {@link RuleSetCheck} found: the rule set (when usable), every problem (compiler, lint, scenario files,
 * failed scenarios, rules no scenario makes fire), the scenario results and the rule coverage.
 *
 * @param origin           the rule folder checked, or a description of the rule set
 * @param ruleSet          name, version and fingerprint; {@code null} when the rules are unusable
 * @param problems         every problem, errors and warnings
 * @param scenarios        the scenario run; {@code null} when none could run
 * @param inputUnreadable  whether a scenario file named on the command line could not be read
 */
public record CheckReport(String origin, RuleSetInfo ruleSet, List<RuleProblem> problems, ScenarioReport scenarios,
                          boolean inputUnreadable) {
    /** Exit status: the rule set is usable and every scenario passed (warnings allowed). */
    public static final int EXIT_OK = 0;
    /** Exit status: a scenario file given on the command line cannot be read. */
    public static final int EXIT_INPUT_UNREADABLE = 2;
    /** Exit status: the rules are unusable (compile or lint errors) or a scenario failed. */
    public static final int EXIT_RULES_UNUSABLE = 4;

    public CheckReport {
        problems = List.copyOf(problems);
    }

    /** Number of problems of severity ERROR. */
    public long errors() {
        return problems.stream().filter(p -> p.severity() == RuleProblem.Severity.ERROR).count();
    }

    /** Number of warnings. */
    public long warnings() {
        return problems.size() - errors();
    }

    /** Whether there is no error (warnings allowed). */
    public boolean ok() {
        return errors() == 0;
    }

    /**
     * The command line's exit status: {@value #EXIT_OK} when there is no error; {@value #EXIT_INPUT_UNREADABLE}
     * when a named scenario file cannot be read; otherwise {@value #EXIT_RULES_UNUSABLE}.
     */
    public int exitStatus() {
        if (ok()) {
            return EXIT_OK;
        }
        return inputUnreadable ? EXIT_INPUT_UNREADABLE : EXIT_RULES_UNUSABLE;
    }

    /** The report for a terminal: the rule set, one {@code file:line:column: message} line per problem, a summary. */
    public String render() {
        StringBuilder b = new StringBuilder();
        if (ruleSet != null) {
            b.append("rules: ").append(ruleSet.name()).append(' ').append(ruleSet.version()).append(' ')
                    .append(ruleSet.fingerprint());
        } else {
            b.append("rules: unusable");
        }
        b.append(" (").append(origin).append(")\n");
        for (RuleProblem p : problems) {
            b.append(p.render()).append('\n');
        }
        if (scenarios != null) {
            b.append("scenarios: ").append(scenarios.results().size()).append(" run, ").append(scenarios.passed())
                    .append(" passed, ").append(scenarios.failed()).append(" failed\n");
            Coverage c = scenarios.coverage();
            b.append("coverage: ").append(c.summary());
            if (!c.uncovered().isEmpty()) {
                b.append("; ").append(c.uncovered().size()).append(" never fired");
            }
            b.append('\n');
        }
        b.append(ok() ? "OK" : "FAILED").append(" (").append(errors()).append(" error(s), ").append(warnings())
                .append(" warning(s))\n");
        return b.toString();
    }
}
