package org.mltrules.json;

import java.util.List;
import org.mltrules.CaseProblem;
import org.mltrules.InvalidCaseException;
import org.mltrules.PatientCase;

/**
 * One case read from a batch: the case, ready to assess; or the problems that rejected it; or, from an input
 * opened with bundles allowed ({@link CaseInput#open(java.io.InputStream, boolean)}), an HL7 FHIR Bundle that
 * stands where a case would and is passed on unread, as its JSON text, for a FHIR mapper (mlt-rules-fhir). Its
 * position lets the error record point at the input ({@code index} from 0 among the records; {@code line} from 1
 * for JSON Lines).
 *
 * @param index       the record's position among the input's records, from 0 (blank lines do not count)
 * @param line        the line it was read from, from 1, for JSON Lines input; {@code null} otherwise
 * @param caseId      the case id when it could be read (a string of 1-128 characters); may be {@code null}, and
 *                    is always {@code null} for a bundle (its id is the mapper's business)
 * @param patientCase the case; {@code null} when it was rejected or is a bundle
 * @param problems    why it was rejected, every problem at once; empty when it holds a case or a bundle
 * @param bundle      the JSON text of a FHIR Bundle (a top-level object whose {@code resourceType} is
 *                    {@code "Bundle"}); {@code null} for a case or a rejection
 */
public record CaseRecord(long index, Long line, String caseId, PatientCase patientCase,
                         List<CaseProblem> problems, String bundle) {

    public CaseRecord {
        problems = List.copyOf(problems);
        int parts = (patientCase == null ? 0 : 1) + (problems.isEmpty() ? 0 : 1) + (bundle == null ? 0 : 1);
        if (parts != 1) {
            throw new IllegalArgumentException("a case record holds either a case, its problems or a bundle");
        }
        if (bundle != null && caseId != null) {
            throw new IllegalArgumentException("a bundle record has no case id before it is mapped");
        }
    }

    /** A case or a rejected case (no bundle). */
    public CaseRecord(long index, Long line, String caseId, PatientCase patientCase, List<CaseProblem> problems) {
        this(index, line, caseId, patientCase, problems, null);
    }

    /** A FHIR Bundle passed on unread, as its JSON text. */
    public static CaseRecord ofBundle(long index, Long line, String bundleJson) {
        return new CaseRecord(index, line, null, null, List.of(), java.util.Objects.requireNonNull(bundleJson,
                "bundleJson must not be null"));
    }

    /** True when the case was read and can be assessed. */
    public boolean isValid() {
        return patientCase != null;
    }

    /** True when the record is a FHIR Bundle for a FHIR mapper ({@link #bundle()}). */
    public boolean isBundle() {
        return bundle != null;
    }

    /** True when the record was rejected ({@link #problems()}). */
    public boolean isRejected() {
        return !problems.isEmpty();
    }

    /**
     * The error record of the rejection, to write in the case's place.
     *
     * @throws IllegalStateException when the record is not a rejection
     */
    public ErrorRecord rejection() {
        if (!isRejected()) {
            throw new IllegalStateException(isValid() ? "the case is valid" : "the record is a bundle");
        }
        return ErrorRecord.rejected(index, line, caseId, problems);
    }

    /**
     * The rejection as an exception, for callers that prefer to throw.
     *
     * @throws IllegalStateException when the record is not a rejection
     */
    public InvalidCaseException toException() {
        if (!isRejected()) {
            throw new IllegalStateException(isValid() ? "the case is valid" : "the record is a bundle");
        }
        return new InvalidCaseException(caseId, problems);
    }
}
