package org.mltrules.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.mltrules.PatientCase;

/**
 * The server's narrow seam to the FHIR mapping (module mlt-rules-fhir): one mCODE Bundle in, one case or the
 * reasons why not out, with the mapping report. Implementations are thread-safe.
 */
public interface BundleMapper {

    /**
     * Maps one Bundle.
     *
     * @param bundleJson the Bundle as JSON text
     * @param caseId     the case id to use; {@code null} to take the Bundle's identifier or id
     * @param asOf       the date the record is read as of; {@code null} for the mapper's default
     */
    Mapped map(String bundleJson, String caseId, LocalDate asOf);

    /** Whether the record is one the service should speak about at all (cds-hooks.md 3.1). */
    enum Scope {
        /** A sarcoma primary with evidence of metastasis: one card. */
        IN_SCOPE,
        /** No sarcoma primary in the record, or a primary that is not a sarcoma: no card. */
        NO_SARCOMA_PRIMARY,
        /** A sarcoma primary without any evidence of metastasis: no card (an ordinary chart gets no warning). */
        NO_METASTASIS
    }

    /**
     * One mapping error.
     *
     * @param field   a FHIR path ({@code Bundle.entry[3].resource.subject}) or case field
     * @param message why, for the caller of {@code /api/assess} (it may quote the record's codes or dates)
     * @param rule    the mapping rule id, for the CDS card (which names paths and rule ids only)
     */
    record Problem(String field, String message, String rule) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * The outcome of a mapping.
     *
     * @param patientCase the case, or {@code null} when the mapping failed
     * @param caseId      the case id used, when known
     * @param report      the mapping report as a JSON array (never {@code null})
     * @param errors      why no case was produced; empty when {@code patientCase} is present
     * @param scope       whether the record is in the service's scope
     */
    record Mapped(PatientCase patientCase, String caseId, JsonNode report, List<Problem> errors, Scope scope) {
        public Mapped {
            Objects.requireNonNull(report, "report");
            errors = List.copyOf(errors);
            Objects.requireNonNull(scope, "scope");
            if ((patientCase == null) == errors.isEmpty()) {
                throw new IllegalArgumentException("a mapping holds either a case or its errors");
            }
        }
    }
}
