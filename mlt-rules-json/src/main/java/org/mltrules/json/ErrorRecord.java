package org.mltrules.json;

import java.util.List;
import java.util.Objects;
import org.mltrules.CaseProblem;
import org.mltrules.RuleFailureException;

/**
 * The record that stands in the output for a case that was not assessed: rejected while reading or validating
 * (every problem), or failed inside a rule. Written in the case's place, so that a batch goes on; see
 * {@link AssessmentJson#write(com.fasterxml.jackson.core.JsonGenerator, ErrorRecord)} for its JSON form
 * ({@code {"index", "line", "caseId", "errors": [{"field", "value", "message", "rule"}]}}).
 *
 * @param index    the case's position among the input's cases, from 0
 * @param line     the line it was read from, from 1, for JSON Lines input; {@code null} otherwise
 * @param caseId   the case id when it could be read (a string of 1-128 characters); may be {@code null}
 * @param problems why it was rejected, every problem at once; empty for a rule failure
 * @param failure  the rule failure, or {@code null} for a rejection
 */
public record ErrorRecord(long index, Long line, String caseId, List<CaseProblem> problems,
                          RuleFailureException failure) {
    public ErrorRecord {
        problems = List.copyOf(problems);
        if (problems.isEmpty() == (failure == null)) {
            throw new IllegalArgumentException("an error record is either a rejection or a rule failure");
        }
    }

    /** A case rejected with the given problems (e.g. those of an {@link org.mltrules.InvalidCaseException}). */
    public static ErrorRecord rejected(long index, Long line, String caseId, List<CaseProblem> problems) {
        return new ErrorRecord(index, line, caseId, problems, null);
    }

    /** A case whose evaluation failed inside a rule. */
    public static ErrorRecord failed(long index, Long line, String caseId, RuleFailureException failure) {
        return new ErrorRecord(index, line, caseId, List.of(), Objects.requireNonNull(failure, "failure"));
    }

    /** Whether the case was rejected (rather than failed in a rule). */
    public boolean isRejection() {
        return failure == null;
    }

    /** Where the case was in the input, for people: {@code case #3, line 4}. */
    public String position() {
        return "case #" + (index + 1) + (line == null ? "" : ", line " + line);
    }
}
