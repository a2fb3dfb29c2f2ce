package org.mltrules.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrules.Conventions;
import org.mltrules.PatientCase;
import org.mltrules.fhir.MappingEntry;
import org.mltrules.fhir.MappingJson;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.AssessmentWriter;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.CaseWriter;
import org.mltrules.json.ErrorRecord;
import org.mltrules.json.JsonBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlt-rules map}: maps every FHIR bundle of the input to a case and prints it with its mapping report, so
 * that a host can see and fix its data; nothing is assessed. A case already in the case format is passed through
 * as read, with an empty report. Streams, in input order, like {@code assess}.
 */
@Command(name = "map",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Map HL7 FHIR R4 / mCODE STU4 bundles to cases, with the report of where each fact came from.",
        description = {
            "Reads what assess reads: FHIR bundles (JSON objects with \"resourceType\": \"Bundle\") and cases, "
                    + "alone, in a JSON array or one per JSON Lines line. Writes, for each bundle, "
                    + "{\"case\": {...}, \"mapping\": [...]}: the case in the case format and one report entry per "
                    + "case field (where its value came from, or why it stays unknown) plus notes. A bundle that "
                    + "cannot be mapped yields an error record (field = a FHIR path) and the batch goes on. A case "
                    + "in the case format is passed through as read, with \"mapping\": [] (nothing was mapped); "
                    + "a rejected one yields its error record. See docs/fhir-mapping.md.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules map patient-bundle.json                     the case and its report, indented",
            "  mlt-rules map --as-of 2024-01-20 patient-bundle.json  the record as it stood on that day",
            "  mlt-rules map --format jsonl bundles.jsonl > mapped.jsonl",
            "",
            "Exit status: 0 every record mapped (or passed through); 2 usage error or unreadable input;",
            "3 a bundle could not be mapped or a case was rejected."
        })
final class MapCommand implements Callable<Integer> {
    /** Output layouts. */
    enum Format { json, jsonl }

    @ParentCommand
    MltRulesCommand parent;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default: an object for an object input, an array otherwise, indented) or jsonl "
                    + "(one compact object per line).")
    Format format;

    @Mixin
    FhirOption fhir;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads that map bundles (default: the number of processors). Output order is the "
                    + "input order whatever N.")
    Integer workers;

    @Mixin
    InputOption input;

    /** One record's outcome; for JSON Lines rendered to UTF-8 by the worker that mapped it. */
    private record Result(PatientCase patientCase, List<MappingEntry> report, ErrorRecord error, byte[] line) {
    }

    @Override
    public Integer call() {
        if (workers != null && (workers < 1 || workers > AssessCommand.maxWorkers())) {
            throw new Main.ExitException(Main.USAGE, "--workers must be between 1 and " + AssessCommand.maxWorkers()
                    + " (4 per processor)");
        }
        Main.Io io = parent.io();
        InputStream in = input.open(io);
        try {
            return run(io, in);
        } finally {
            AssessCommand.closeQuietly(in);
        }
    }

    private int run(Main.Io io, InputStream in) {
        CaseInput records;
        try {
            records = CaseInput.open(in, true);
        } catch (IOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + input.name() + ": " + e.getMessage());
        }
        int threads = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        OutputStream lines = format == Format.jsonl ? new BufferedOutputStream(io.out(), 1 << 16) : null;
        AssessmentWriter json;
        try {
            json = format != Format.json ? null
                    : records.format() == CaseInput.Format.OBJECT ? AssessmentWriter.single(io.out(), true)
                    : AssessmentWriter.array(io.out(), true);
        } catch (IOException e) {
            throw Main.outputFailed(e);
        }
        long[] counts = new long[2];             // done, not mapped
        OrderedPipeline.Sink<Result> sink = r -> {
            counts[0]++;
            if (r.error() != null) {
                counts[1]++;
            }
            if (lines != null) {
                lines.write(r.line());
            } else if (r.error() != null) {
                json.write(r.error());
            } else {
                json.write(body(r));
            }
        };
        try (OrderedPipeline<CaseRecord, Result> pipeline =
                new OrderedPipeline<>(threads, Math.max(64, threads * 32), this::map, sink)) {
            while (records.hasNext()) {
                CaseRecord c = records.next();
                pipeline.submit(c, AssessCommand.weight(c));
            }
            pipeline.finish();
        } catch (UncheckedIOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + input.name() + ": " + e.getCause().getMessage());
        } catch (IOException e) {
            throw Main.outputFailed(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                records.close();
            } catch (IOException e) {
                // read to the end or abandoned: nothing to lose
            }
        }
        try {
            if (lines != null) {
                lines.flush();
            } else {
                json.close();
            }
        } catch (IOException e) {
            throw Main.outputFailed(e);
        }
        if (counts[1] > 0) {
            io.err().println("mlt-rules: " + counts[1] + " of " + counts[0] + " record(s) not mapped (a bundle that"
                    + " cannot be mapped, or a rejected case); see the error records in the output");
            return Main.CASE_ERRORS;
        }
        return Main.OK;
    }

    private Result map(CaseRecord c) {
        PatientCase pc;
        List<MappingEntry> report;
        ErrorRecord error = null;
        if (c.isBundle()) {
            MappingResult m = fhir.mapper(Conventions.DEFAULTS.maxLesions()).map(c.bundle());
            pc = m.patientCase().orElse(null);
            report = m.report();
            if (!m.isMapped()) {
                error = m.errorRecord(c.index(), c.line());
            }
        } else {
            pc = c.patientCase();
            report = List.of();
            if (!c.isValid()) {
                error = c.rejection();
            }
        }
        Result r = new Result(pc, report, error, null);
        return format == Format.jsonl ? new Result(pc, report, error, line(r)) : r;
    }

    /** {@code {"case": ..., "mapping": [...]}} of a mapped bundle or a case passed through. */
    private static JsonBody body(Result r) {
        return g -> {
            g.writeStartObject();
            g.writeFieldName("case");
            CaseWriter.write(g, r.patientCase());
            g.writeFieldName("mapping");
            MappingJson.writeReport(g, r.report());
            g.writeEndObject();
        };
    }

    private static byte[] line(Result r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        // The library's generator, as every JSON output (U+2028 and U+2029 escaped).
        try (JsonGenerator g = AssessmentJson.newGenerator(bytes)) {
            if (r.error() != null) {
                AssessmentJson.write(g, r.error());
            } else {
                body(r).write(g);
            }
        } catch (IOException x) {
            throw new UncheckedIOException("writing to memory cannot fail", x);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }
}
