package org.mltrules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input case is impossible or contradictory (a user error, not a bug). Lists every problem found, not only the
 * first. A case with unknown facts is never rejected.
 *
 * <p>The message names each problem's field and reason, never its value, with input text (an unknown key in a field
 * path) escaped by {@link SafeText}: hosts may log it.
 */
public final class InvalidCaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String caseId;
    private final transient List<CaseProblem> problems;

    public InvalidCaseException(String caseId, List<CaseProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid case must have at least one problem");
        }
        this.caseId = caseId;
        this.problems = List.copyOf(problems);
    }

    private static String summary(List<CaseProblem> problems) {
        // Field names and reasons only, never the values: messages of exceptions end up in logs. A field path holds
        // the input's own keys, so it is escaped like any input text (SafeText), and so is the message.
        return problems.size() + " problem(s) in case: "
                + problems.stream().map(CaseProblem::toString).collect(Collectors.joining("; "));
    }

    /** The case id, when it could be read; may be {@code null}. */
    public String caseId() {
        return caseId;
    }

    /** Every problem, in input order. */
    public List<CaseProblem> problems() {
        return problems;
    }
}
