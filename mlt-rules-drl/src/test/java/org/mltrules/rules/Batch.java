package org.mltrules.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.RuleFailureException;
import org.mltrules.json.AssessmentWriter;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * A batch as a host (or the command line) runs one: cases read from JSON Lines, each assessed or refused, one
 * output record per case in input order; a rejected case or a rule failure yields its error record and the
 * batch goes on.
 */
final class Batch {
    private Batch() {
    }

    /** Assesses every case of a JSON Lines text and returns the output, one JSON object per line. */
    static String run(MltRules rules, String jsonLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaseInput input = CaseInput.open(new ByteArrayInputStream(jsonLines.getBytes(StandardCharsets.UTF_8)));
             AssessmentWriter writer = AssessmentWriter.jsonLines(out)) {
            while (input.hasNext()) {
                CaseRecord r = input.next();
                if (!r.isValid()) {
                    writer.write(r.rejection());
                    continue;
                }
                try {
                    writer.write(rules.assess(r.patientCase()));
                } catch (RuleFailureException e) {
                    writer.write(ErrorRecord.failed(r.index(), r.line(), r.caseId(), e));
                } catch (InvalidCaseException e) {
                    writer.write(ErrorRecord.rejected(r.index(), r.line(), r.caseId(), e.problems()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
