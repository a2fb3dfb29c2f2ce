package org.mltrules.cli;

import java.util.List;
import org.mltrules.CaseProblem;
import org.mltrules.RuleFailureException;

/**
 * A case that was not assessed: rejected while reading or validating (every problem), or failed inside a rule.
 * Written in the case's place in the output so that the batch goes on.
 *
 * @param index    position of the case in the input, from 0
 * @param line     line of the case in the input, from 1, for JSON Lines; else {@code null}
 * @param caseId   the case's id when it could be read, else {@code null}
 * @param problems why it was rejected; empty for a rule failure
 * @param failure  the rule failure, or {@code null} for a rejection
 */
record CaseError(long index, Long line, String caseId, List<CaseProblem> problems, RuleFailureException failure) {
    CaseError {
        problems = List.copyOf(problems);
        if (problems.isEmpty() == (failure == null)) {
            throw new IllegalArgumentException("a case error is either a rejection or a rule failure");
        }
    }

    static CaseError rejected(long index, Long line, String caseId, List<CaseProblem> problems) {
        return new CaseError(index, line, caseId, problems, null);
    }

    static CaseError failed(long index, Long line, String caseId, RuleFailureException failure) {
        return new CaseError(index, line, caseId, List.of(), failure);
    }

    /** Where the case was in the input, for people: {@code case #3, line 4}. */
    String position() {
        return "case #" + (index + 1) + (line == null ? "" : ", line " + line);
    }
}
