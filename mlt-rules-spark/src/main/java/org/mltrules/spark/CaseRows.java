package org.mltrules.spark;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.fhir.FhirCaseMapper;
import org.mltrules.fhir.MappingJson;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * A case in, an output row out, through the command line's own code: assessed by the same engine, rendered by the
 * same JSON writer to the same UTF-8 bytes ({@link PartitionCases} reads the rows with the command line's reader).
 * An mCODE bundle row is mapped by the command line's mapper (the defaults, the rules' lesion limit; no as-of date:
 * each bundle is read as of its own {@code Bundle.timestamp}), and its assessment carries the mapping report as the
 * command line's does. Thread-safe.
 */
final class CaseRows {
    /** One mapper per lesion limit in this JVM (HAPI FHIR's start-up is paid once; the mapper is thread-safe). */
    private static final Map<Integer, FhirCaseMapper> MAPPERS = new ConcurrentHashMap<>();

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
        if (read.isBundle()) {
            return assessBundle(engine, read.bundle(), index);
        }
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
     * A bundle row: mapped as {@code mlt-rules assess} maps a bundle, then assessed; a bundle that cannot be mapped
     * gives the command line's error record (FHIR paths, no record content).
     */
    private static Row assessBundle(MltRules engine, String bundle, long index) {
        int maxLesions = engine.conventions().maxLesions();
        MappingResult m = MAPPERS.computeIfAbsent(maxLesions, n -> FhirCaseMapper.builder().maxLesions(n).build())
                .map(bundle);
        if (!m.isMapped()) {
            return error(m.caseId(), m.errorRecord(index, null));
        }
        try {
            Assessment a = engine.assess(m.patientCase().orElseThrow());
            return RowFactory.create(a.caseId(), a.category().name(), a.candidacy().level().name(),
                    text(g -> AssessmentJson.write(g, a, MappingJson.mappingField(m.report()))), null);
        } catch (InvalidCaseException e) {
            return error(m.caseId(), ErrorRecord.rejected(index, null, m.caseId(), e.problems()));
        } catch (RuleFailureException e) {
            return error(m.caseId(), ErrorRecord.failed(index, null, m.caseId(), e));
        }
    }

    /**
     * Reads a row holding line breaks (a pretty-printed case from a source other than a JSON Lines file) as one JSON
     * document, as the command line reads a file holding one case: its messages give lines within the row.
     */
    static CaseRecord readDocument(String row, long index) {
        String text = row.substring(startOfContent(row));
        CaseRecord bundle = bundleDocument(text, index);
        if (bundle != null) {
            return bundle;
        }
        try {
            PatientCase c = CaseJson.read(text);
            return new CaseRecord(index, null, c.caseId(), c, List.of());
        } catch (InvalidCaseException e) {
            return new CaseRecord(index, null, e.caseId(), null, e.problems());
        }
    }

    /**
     * A pretty-printed bundle row as the command line's reader sees a file holding one bundle (the same detection,
     * the same limits); null when the row is not a bundle.
     */
    private static CaseRecord bundleDocument(String text, long index) {
        try (CaseInput in = CaseInput.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true)) {
            if (!in.hasNext()) {
                return null;
            }
            CaseRecord r = in.next();
            if (in.hasNext()) {
                return null;
            }
            if (r.isBundle()) {
                return CaseRecord.ofBundle(index, null, r.bundle());
            }
            // a bundle the reader refused (over a limit, a duplicate key): its problems are at FHIR paths
            boolean refusedBundle = r.problems().stream().anyMatch(p -> p.field().startsWith("Bundle"));
            return refusedBundle ? new CaseRecord(index, null, r.caseId(), null, r.problems()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a row in memory cannot fail", e);
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
        // The library's own generator, as the command line's JSON Lines output (U+2028/U+2029 escaped too).
        try (JsonGenerator g = AssessmentJson.newGenerator(bytes)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
