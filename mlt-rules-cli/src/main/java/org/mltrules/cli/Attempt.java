package org.mltrules.cli;

import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.RuleFailureException;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * One case read from the input, assessed or not: exactly one of {@code assessment} and {@code error} is set. The
 * one place that turns a rejection or a rule failure into an error record.
 */
record Attempt(Assessment assessment, ErrorRecord error) {

    static Attempt of(MltRules engine, CaseRecord c) {
        if (!c.isValid()) {
            return new Attempt(null, c.rejection());
        }
        try {
            return new Attempt(engine.assess(c.patientCase()), null);
        } catch (InvalidCaseException x) {
            return new Attempt(null, ErrorRecord.rejected(c.index(), c.line(), c.caseId(), x.problems()));
        } catch (RuleFailureException x) {
            return new Attempt(null, ErrorRecord.failed(c.index(), c.line(), c.caseId(), x));
        }
    }
}
