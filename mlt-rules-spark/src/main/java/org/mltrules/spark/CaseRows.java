package org.mltrules.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mltrules.Assessment;
import org.mltrules.CaseProblem;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseRecord;

/**
 * One input row in, one output row out, through the command line's own code: the row is read as {@code mlt-rules
 * assess} reads a line of JSON Lines (same reader, so the same problems and messages), assessed by the same
 * engine, and rendered by the same JSON writer to the same UTF-8 bytes. Stateless and thread-safe.
 */
final class CaseRows {
    /** As the command line's JSON Lines output: compact, UTF-8, never closing the target. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /**
     * Put before a row so that the reader takes the input as JSON Lines whatever the row holds: a row that is an
     * unfinished JSON value, or starts with {@code [}, would otherwise be read as a whole document or an array,
     * while the command line reads such a line of a JSON Lines file as one (rejected) case.
     */
    private static final byte[] LEAD = "{}\n".getBytes(StandardCharsets.UTF_8);

    private CaseRows() {
    }

    /** True for a row that is no case: {@code null}, empty, or only spaces, tabs and carriage returns. */
    static boolean isBlank(String row) {
        if (row == null) {
            return true;
        }
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The output row for one input row.
     *
     * @param index the row's position among the input's cases, from 0, for the error record
     */
    static Row assess(MltRules engine, String row, long index) {
        CaseRecord read = read(row, index);
        if (!read.isValid()) {
            return error(read.caseId(), rejected(index, read.caseId(), read.problems()));
        }
        PatientCase c = read.patientCase();
        try {
            Assessment a = engine.assess(c);
            return RowFactory.create(a.caseId(), a.category().name(), a.candidacy().level().name(), render(a), null);
        } catch (InvalidCaseException e) {
            return error(read.caseId(), rejected(index, read.caseId(), e.problems()));
        } catch (RuleFailureException e) {
            return error(read.caseId(), text(g -> AssessmentJson.writeFailed(g, index, null, read.caseId(), e)));
        }
    }

    /**
     * Reads a row as the command line reads a line of JSON Lines. A row holding line breaks (a pretty-printed case
     * from a source other than a JSON Lines file) is read as one JSON document instead, as the command line reads
     * a file holding one case; its messages then give lines within the row.
     */
    static CaseRecord read(String row, long index) {
        // A byte order mark is not content (Spark's text reader leaves the file's in its first row).
        String text = !row.isEmpty() && row.charAt(0) == '\uFEFF' ? row.substring(1) : row;
        if (text.indexOf('\n') >= 0) {
            try {
                PatientCase c = CaseJson.read(text);
                return new CaseRecord(index, null, c.caseId(), c, List.of());
            } catch (InvalidCaseException e) {
                return new CaseRecord(index, null, e.caseId(), null, e.problems());
            }
        }
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[LEAD.length + line.length];
        System.arraycopy(LEAD, 0, input, 0, LEAD.length);
        System.arraycopy(line, 0, input, LEAD.length, line.length);
        try (CaseInput in = CaseInput.open(new ByteArrayInputStream(input))) {
            in.next();                             // the lead's record
            CaseRecord r = in.next();
            return new CaseRecord(index, null, r.caseId(), r.patientCase(), r.problems());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private static String rejected(long index, String caseId, List<CaseProblem> problems) {
        return text(g -> AssessmentJson.writeRejected(g, index, null, caseId, problems));
    }

    private static Row error(String caseId, String errorJson) {
        return RowFactory.create(caseId, null, null, null, errorJson);
    }

    /** The assessment exactly as one line of {@code mlt-rules assess --format jsonl}, without its newline. */
    static String render(Assessment a) {
        return text(g -> AssessmentJson.write(g, a));
    }

    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private static String text(Writing w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
