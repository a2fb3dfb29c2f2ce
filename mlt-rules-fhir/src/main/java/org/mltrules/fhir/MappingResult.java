package org.mltrules.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mltrules.CaseProblem;
import org.mltrules.PatientCase;
import org.mltrules.json.ErrorRecord;

/**
 * What {@link FhirCaseMapper#map} made of one bundle: the case, or none when the bundle could not be mapped, and
 * the mapping report. Immutable.
 *
 * <p>The report has one {@link MappingEntry.Status#SET} or {@link MappingEntry.Status#UNKNOWN} entry per case
 * field (per lesion for the lesion fields), notes about what was read or ignored, and, when no case was produced,
 * the {@link MappingEntry.Status#ERROR} entries that say why (their {@code field} is a FHIR path such as
 * {@code Bundle.entry[3].resource.subject}).
 */
public final class MappingResult {

    /** Where the as-of date of the mapping came from. */
    public enum AsOfSource {
        /** Given by the caller ({@link FhirCaseMapper.Builder#asOf}). */
        ARGUMENT,
        /** The date part of {@code Bundle.timestamp}, as written. */
        BUNDLE_TIMESTAMP,
        /** The latest day-precision date of a resource the mapper reads. */
        LATEST_RESOURCE,
        /** No date anywhere: nothing was filtered by date. */
        NONE
    }

    private final PatientCase patientCase;
    private final String caseId;
    private final LocalDate asOf;
    private final AsOfSource asOfSource;
    private final List<MappingEntry> report;

    /**
     * For the mapper and for tests; a host receives results from {@link FhirCaseMapper#map}.
     *
     * @throws IllegalArgumentException when a case comes with ERROR entries, or no case without one
     */
    public MappingResult(PatientCase patientCase, String caseId, LocalDate asOf, AsOfSource asOfSource,
                         List<MappingEntry> report) {
        this.patientCase = patientCase;
        this.caseId = caseId;
        this.asOf = asOf;
        this.asOfSource = Objects.requireNonNull(asOfSource, "asOfSource");
        this.report = List.copyOf(report);
        boolean errors = this.report.stream().anyMatch(e -> e.severity() == Severity.ERROR);
        if ((patientCase == null) != errors) {
            throw new IllegalArgumentException("a result holds either a case or at least one error");
        }
    }

    /** The mapped case; empty when the bundle could not be mapped (see {@link #errors()}). */
    public Optional<PatientCase> patientCase() {
        return Optional.ofNullable(patientCase);
    }

    /** True when a case was produced. */
    public boolean isMapped() {
        return patientCase != null;
    }

    /** The case id (argument, {@code Bundle.identifier.value} or {@code Bundle.id}); may be null on error. */
    public String caseId() {
        return caseId;
    }

    /** The date the record was read as of; null only with {@link AsOfSource#NONE}. */
    public LocalDate asOf() {
        return asOf;
    }

    /** Where {@link #asOf()} came from. */
    public AsOfSource asOfSource() {
        return asOfSource;
    }

    /** The whole mapping report, in a stable order (case fields in format order, then notes). */
    public List<MappingEntry> report() {
        return report;
    }

    /**
     * The case fields left unknown because the record does not hold them ("facts to record"), as input paths
     * ({@code lesions[0].safelyTreatable}), in report order. Empty when no case was produced.
     */
    public List<String> factsToRecord() {
        List<String> out = new ArrayList<>();
        if (patientCase != null) {
            for (MappingEntry e : report) {
                if (e.status() == MappingEntry.Status.UNKNOWN) {
                    out.add(e.field());
                }
            }
        }
        return out;
    }

    /**
     * Why no case was produced, as the project's usual problems: {@code field} is a FHIR path, {@code value} is
     * always null (the record's content never goes into an error record). Empty when a case was produced.
     */
    public List<CaseProblem> errors() {
        List<CaseProblem> out = new ArrayList<>();
        for (MappingEntry e : report) {
            if (e.severity() == Severity.ERROR) {
                out.add(new CaseProblem(e.field(), null, e.message()));
            }
        }
        return out;
    }

    /**
     * The error record that stands in a batch's output for this bundle when it could not be mapped: its
     * {@link #errors()}, with the case id when one was found.
     *
     * @param index the bundle's position among the input's records, from 0
     * @param line  the line it was read from, from 1, for JSON Lines input; {@code null} otherwise
     * @throws IllegalStateException when a case was produced
     */
    public ErrorRecord errorRecord(long index, Long line) {
        if (isMapped()) {
            throw new IllegalStateException("the bundle was mapped: it has no error record");
        }
        return ErrorRecord.rejected(index, line, caseId, errors());
    }

    @Override
    public String toString() {
        return "MappingResult[" + (isMapped() ? "mapped" : "not mapped, " + errors().size() + " error(s)")
                + ", " + report.size() + " report entries, asOf from " + asOfSource + "]";
    }
}
