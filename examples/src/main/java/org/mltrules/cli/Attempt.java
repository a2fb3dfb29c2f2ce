package org.mltrules.cli;

import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.RuleFailureException;
import org.mltrules.json.CaseRecord;

/**
 * One case read from the input, assessed or not: exactly one of {@code assessment} and {@code error} is set. The
 * one place that turns a rejection or a rule failure into an error record.
 */
record Attempt(Assessment assessment, CaseError error) {

    static Attempt of(MltRules engine, CaseRecord c) {
        if (!c.isValid()) {
            return new Attempt(null, CaseError.rejected(c.index(), c.line(), c.caseId(), c.problems()));
        }
        try {
            return new Attempt(engine.assess(c.patientCase()), null);
        } catch (InvalidCaseException x) {
            return new Attempt(null, CaseError.rejected(c.index(), c.line(), c.caseId(), x.problems()));
        } catch (RuleFailureException x) {
            return new Attempt(null, CaseError.failed(c.index(), c.line(), c.caseId(), x));
        }
    }
}
