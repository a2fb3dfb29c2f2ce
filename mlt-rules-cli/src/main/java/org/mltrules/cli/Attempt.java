package org.mltrules.cli;

import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * One record read from the input, assessed or not: exactly one of {@code assessment} and {@code error} is set, and
 * {@code mapping} is the FHIR mapping of a bundle (null for a case in the case format). The one place that turns a
 * rejection, a bundle that cannot be mapped or a rule failure into an error record.
 */
record Attempt(Assessment assessment, ErrorRecord error, MappingResult mapping) {

    /** True when the record was a FHIR bundle. */
    boolean isBundle() {
        return mapping != null;
    }

    /** The case that was (or would have been) assessed; null when there is none. */
    PatientCase patientCase(CaseRecord c) {
        return mapping != null ? mapping.patientCase().orElse(null) : c.patientCase();
    }

    static Attempt of(MltRules engine, CaseRecord c, FhirOption fhir) {
        return of(engine, c, c.isBundle() ? fhir.mapper(engine.conventions().maxLesions()).map(c.bundle()) : null);
    }

    /** As {@link #of(MltRules, CaseRecord, FhirOption)}, with a bundle's mapping already made ({@code m}). */
    static Attempt of(MltRules engine, CaseRecord c, MappingResult m) {
        if (c.isBundle()) {
            if (!m.isMapped()) {
                return new Attempt(null, m.errorRecord(c.index(), c.line()), m);
            }
            return assess(engine, m.patientCase().orElseThrow(), c, m.caseId(), m);
        }
        if (!c.isValid()) {
            return new Attempt(null, c.rejection(), null);
        }
        return assess(engine, c.patientCase(), c, c.caseId(), null);
    }

    private static Attempt assess(MltRules engine, PatientCase pc, CaseRecord c, String caseId, MappingResult m) {
        try {
            return new Attempt(engine.assess(pc), null, m);
        } catch (InvalidCaseException x) {
            return new Attempt(null, ErrorRecord.rejected(c.index(), c.line(), caseId, x.problems()), m);
        } catch (RuleFailureException x) {
            return new Attempt(null, ErrorRecord.failed(c.index(), c.line(), caseId, x), m);
        }
    }
}
