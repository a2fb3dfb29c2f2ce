package org.mltrules.json;

import java.util.List;
import org.mltrules.CaseProblem;
import org.mltrules.InvalidCaseException;
import org.mltrules.PatientCase;

/**
 * One case read from a batch: either the case, ready to assess, or the problems that rejected it. Its position
 * lets the error record point at the input ({@code index} from 0 among the cases; {@code line} from 1 for JSON
 * Lines).
 *
 * @param index       the case's position among the input's cases, from 0 (blank lines do not count)
 * @param line        the line it was read from, from 1, for JSON Lines input; {@code null} otherwise
 * @param caseId      the case id when it could be read (a string of 1-128 characters); may be {@code null}
 * @param patientCase the case; {@code null} when it was rejected
 * @param problems    why it was rejected, every problem at once; empty when {@code patientCase} is present
 */
public record CaseRecord(long index, Long line, String caseId, PatientCase patientCase,
                         List<CaseProblem> problems) {

    public CaseRecord {
        problems = List.copyOf(problems);
        if ((patientCase == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a case record holds either a case or its problems");
        }
    }

    /** True when the case was read and can be assessed. */
    public boolean isValid() {
        return patientCase != null;
    }

    /**
     * The error record of the rejection, to write in the case's place.
     *
     * @throws IllegalStateException when the case is valid
     */
    public ErrorRecord rejection() {
        if (isValid()) {
            throw new IllegalStateException("the case is valid");
        }
        return ErrorRecord.rejected(index, line, caseId, problems);
    }

    /**
     * The rejection as an exception, for callers that prefer to throw.
     *
     * @throws IllegalStateException when the case is valid
     */
    public InvalidCaseException toException() {
        if (isValid()) {
            throw new IllegalStateException("the case is valid");
        }
        return new InvalidCaseException(caseId, problems);
    }
}
