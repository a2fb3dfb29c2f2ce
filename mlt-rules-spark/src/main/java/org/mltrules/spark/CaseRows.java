package org.mltrules.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * A case in, an output row out, through the command line's own code: assessed by the same engine, rendered by the
 * same JSON writer to the same UTF-8 bytes ({@link PartitionCases} reads the rows with the command line's reader).
 * Stateless and thread-safe.
 */
final class CaseRows {
    /** As the command line's JSON Lines output: compact, UTF-8, never closing the target. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private CaseRows() {
    }

    /**
     * True for a row that is no case: {@code null}, or empty, or only spaces, tabs and carriage returns after an
     * optional byte order mark (the command line's blank line).
     */
    static boolean isBlank(String row) {
        if (row == null) {
            return true;
        }
        for (int i = startOfContent(row); i < row.length(); i++) {
            char c = row.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** 1 after a leading byte order mark (not content: Spark's text reader leaves a file's in its first row). */
    static int startOfContent(String row) {
        return !row.isEmpty() && row.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    /**
     * The output row for a case read by the command line's reader.
     *
     * @param index the row's position among the input's cases, from 0, for the error record
     */
    static Row assess(MltRules engine, CaseRecord read, long index) {
        if (!read.isValid()) {
            return error(read.caseId(), ErrorRecord.rejected(index, null, read.caseId(), read.problems()));
        }
        PatientCase c = read.patientCase();
        try {
            Assessment a = engine.assess(c);
            return RowFactory.create(a.caseId(), a.category().name(), a.candidacy().level().name(), render(a), null);
        } catch (InvalidCaseException e) {
            return error(read.caseId(), ErrorRecord.rejected(index, null, read.caseId(), e.problems()));
        } catch (RuleFailureException e) {
            return error(read.caseId(), ErrorRecord.failed(index, null, read.caseId(), e));
        }
    }

    /**
     * Reads a row holding line breaks (a pretty-printed case from a source other than a JSON Lines file) as one JSON
     * document, as the command line reads a file holding one case: its messages give lines within the row.
     */
    static CaseRecord readDocument(String row, long index) {
        String text = row.substring(startOfContent(row));
        try {
            PatientCase c = CaseJson.read(text);
            return new CaseRecord(index, null, c.caseId(), c, List.of());
        } catch (InvalidCaseException e) {
            return new CaseRecord(index, null, e.caseId(), null, e.problems());
        }
    }

    /** An error row: the error record as the command line writes it, with {@code line} null. */
    private static Row error(String caseId, ErrorRecord record) {
        return RowFactory.create(caseId, null, null, null, text(g -> AssessmentJson.write(g, record)));
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
