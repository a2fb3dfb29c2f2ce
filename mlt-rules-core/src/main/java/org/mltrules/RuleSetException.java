package org.mltrules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set is unusable: it failed to compile, to lint, or to pass its scenarios. It is refused whole. */
public final class RuleSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public RuleSetException(String summary, List<RuleProblem> problems) {
        super(summary + (problems.isEmpty() ? "" : ":\n" + problems.stream().map(RuleProblem::render)
                .collect(Collectors.joining("\n"))));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, errors and warnings. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
