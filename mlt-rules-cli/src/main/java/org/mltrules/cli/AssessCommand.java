package org.mltrules.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mltrules.Assessment;
import org.mltrules.CaseProblem;
import org.mltrules.Category;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.SafeText;
import org.mltrules.fhir.MappingJson;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.AssessmentWriter;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlt-rules assess}: assesses every case of the input and writes one assessment (or error record) per case,
 * in input order. Streams: memory stays constant whatever the number of cases.
 */
@Command(name = "assess",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Assess cases: category, candidacy and the ranked techniques for every lesion, with reasons.",
        description = {
            "Reads one case (a JSON object), a JSON array of cases, or JSON Lines (one case per line) and writes "
                    + "one assessment per case, in input order. A rejected case (or one whose evaluation fails in "
                    + "a rule) yields an error record in its place and the batch goes on.",
            "An HL7 FHIR R4 / mCODE STU4 Bundle (a JSON object with \"resourceType\": \"Bundle\") may stand wherever "
                    + "a case may: it is mapped to a case first (docs/fhir-mapping.md). Its JSON assessment carries "
                    + "the mapping report under \"mapping\"; its text report lists the facts to record. A bundle "
                    + "that cannot be mapped yields an error record with FHIR paths.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules assess examples/cases/demo.jsonl                  readable report for the tumour board",
            "  mlt-rules assess --demo                                     the bundled demo cases",
            "  mlt-rules assess --format jsonl cohort.jsonl > out.jsonl    one JSON assessment per line",
            "  mlt-rules assess --format csv cohort.jsonl > out.csv        one row per lesion and technique",
            "  cat case.json | mlt-rules assess --format json -            from standard input",
            "  mlt-rules assess --rules my-rules/ case.json                with an analyst's rule folder",
            "  mlt-rules assess --as-of 2024-01-20 patient-bundle.json     an mCODE bundle, read as of a date",
            "",
            "Exit status: 0 every case assessed (INDETERMINATE included); 2 usage error or unreadable input;",
            "3 a case rejected or failed; 4 rules unusable (problems printed as file:line:column: message);",
            "1 out of memory or internal error (the cases before it are written)."
        })
final class AssessCommand implements Callable<Integer> {
    /** Output layouts. */
    enum Format { text, json, jsonl, csv }

    @ParentCommand
    MltRulesCommand parent;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default, a readable report), json (an object for an object input, an array "
                    + "otherwise), jsonl (one object per line), csv (one row per lesion and technique).")
    Format format;

    @Mixin
    RulesOption rules;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads that assess cases (default: the number of processors; at most 4 per processor)."
                    + " Output order is the input order whatever N.")
    Integer workers;

    @Mixin
    CaseTimeoutOption caseTimeout;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress line on standard error for long batches (default: only when standard "
                    + "error is a terminal).")
    Boolean progress;

    @Mixin
    FhirOption fhir;

    @Mixin
    InputOption input;

    /** Cases stuck in a rule that ignores its deadline, beyond which the batch stops. */
    static final int MAX_ABANDONED = 16;

    /**
     * One record's outcome, rendered to UTF-8 by the worker that assessed it (except for the json layout, which
     * keeps the assessment and, for a bundle, its mapping); or, with {@code outOfMemory} set, the record whose
     * assessment ran out of memory.
     */
    private record Result(Assessment assessment, ErrorRecord error, byte[] rendered, MappingResult mapping,
                          CaseRecord outOfMemory) {
    }

    /** The most worker threads: more only cost memory (a rule session and a window of results each). */
    static int maxWorkers() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    @Override
    public Integer call() {
        if (workers != null && (workers < 1 || workers > maxWorkers())) {
            throw new Main.ExitException(Main.USAGE, "--workers must be between 1 and " + maxWorkers()
                    + " (4 per processor)");
        }
        Main.Io io = parent.io();
        InputStream in = input.open(io);
        try {
            return run(io, caseTimeout.apply(rules.load(io)), in);
        } finally {
            closeQuietly(in);
        }
    }

    private int run(Main.Io io, MltRules engine, InputStream in) {
        CaseInput cases;
        try {
            cases = CaseInput.open(in, true);
        } catch (IOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + input.name() + ": " + e.getMessage());
        }
        TextReport report = new TextReport(engine);
        int threads = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        Progress bar = new Progress(io.err(), progress != null ? progress : io.errIsTerminal());
        OutputStream text = format == Format.json ? null : new BufferedOutputStream(io.out(), 1 << 16);
        AssessmentWriter json;
        try {
            json = format != Format.json ? null
                    : cases.format() == CaseInput.Format.OBJECT ? AssessmentWriter.single(io.out(), true)
                    : AssessmentWriter.array(io.out(), true);
            if (format == Format.csv) {
                text.write(CsvReport.HEADER.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw outputFailed(e);
        }
        Flushable output = text != null ? text : json;
        long[] counts = new long[2];             // done, not assessed
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        OrderedPipeline.Sink<Result> sink = r -> {
            if (r.outOfMemory() != null) {
                output.flush();
                throw outOfMemory(r.outOfMemory().index(), counts[0]);
            }
            counts[0]++;
            if (r.error() != null) {
                counts[1]++;
                if (format == Format.csv) {
                    io.err().println("mlt-rules: " + describe(r.error()));
                }
            } else {
                byCategory.merge(r.assessment().category(), 1L, Long::sum);
            }
            if (json != null) {
                writeJson(json, r);
            } else {
                text.write(r.rendered());
            }
            bar.update(counts[0], counts[1]);
        };
        try (OrderedPipeline<CaseRecord, Result> pipeline = new OrderedPipeline<>(threads, Math.max(64, threads * 32),
                c -> assess(engine, report, c), sink, patience(engine, report, output))) {
            while (true) {
                if (inputWouldBlock(in)) {
                    // Nothing more to read at once (a slow producer): what is assessed goes out now.
                    pipeline.drainReady();
                    output.flush();
                }
                if (!cases.hasNext()) {
                    break;
                }
                CaseRecord c = cases.next();
                pipeline.submit(c, weight(c));
            }
            pipeline.finish();
        } catch (UncheckedIOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + input.name() + ": " + e.getCause().getMessage());
        } catch (IOException e) {
            throw outputFailed(e);
        } catch (OrderedPipeline.TooManyAbandoned e) {
            flushQuietly(output);
            throw new Main.ExitException(Main.INTERNAL_ERROR, "stopped after " + counts[0] + " case(s): more than "
                    + MAX_ABANDONED + " cases are stuck in rules that ignore their deadline (the cases before them "
                    + "were written)");
        } catch (OutOfMemoryError e) {
            flushQuietly(output);
            throw outOfMemory(counts[0], counts[0]);
        } catch (RuntimeException e) {
            throw e;                             // exit requests and bugs pass unchanged
        } catch (Exception e) {
            throw new IllegalStateException(e);  // the sink throws only IOException; nothing else is checked
        } finally {
            try {
                cases.close();
            } catch (IOException e) {
                // read to the end or abandoned: nothing to lose (the caller closes the stream too)
            }
        }
        try {
            if (format == Format.text && counts[0] > 1) {
                text.write(summary(counts[0], counts[1], byCategory).getBytes(StandardCharsets.UTF_8));
            }
            if (text != null) {
                text.flush();
            } else {
                json.close();
            }
        } catch (IOException e) {
            throw outputFailed(e);
        }
        bar.done(counts[0], counts[1]);
        if (counts[1] > 0) {
            io.err().println("mlt-rules: " + counts[1] + " of " + counts[0]
                    + " case(s) not assessed (rejected or failed in a rule); see the error records in the output");
            return Main.CASE_ERRORS;
        }
        return Main.OK;
    }

    /**
     * While a case keeps the output waiting, what is written goes out; a case whose rule has not come back well
     * after its deadline (a rule that ignores interruption) is given up: it gets an error record naming the rule
     * still running, its thread is abandoned, and the batch goes on.
     */
    private OrderedPipeline.Patience<CaseRecord, Result> patience(MltRules engine, TextReport report,
                                                                   Flushable output) {
        Duration giveUpAfter = Attempt.giveUpAfter(engine);
        return new OrderedPipeline.Patience<>() {
            @Override
            public Duration giveUpAfter() {
                return giveUpAfter;
            }

            @Override
            public void whileWaiting() throws IOException {
                output.flush();
            }

            @Override
            public Result givenUp(CaseRecord c, Thread worker) {
                // (a bundle's mapping was made on the abandoned thread: the record has the id read with it)
                ErrorRecord e = Attempt.abandoned(engine, c, worker, null);
                return new Result(null, e, render(report, c, null, e, null), null, null);
            }

            @Override
            public int maxAbandoned() {
                return MAX_ABANDONED;
            }
        };
    }

    /** The bytes a record holds while in flight: a bundle's text (up to 10 MiB); a case counts as nothing. */
    static long weight(CaseRecord c) {
        return c.isBundle() ? c.bundle().length() : 0;
    }

    /** The case as read: from the input, or as mapped from a bundle ({@code null} when it could not be). */
    private static PatientCase patient(CaseRecord c, MappingResult m) {
        return m != null ? m.patientCase().orElse(null) : c.patientCase();
    }

    private Result assess(MltRules engine, TextReport report, CaseRecord c) {
        Attempt attempt;
        try {
            attempt = Attempt.of(engine, c, fhir);
        } catch (OutOfMemoryError e) {
            // The batch ends here, in order: every case before this one is written first.
            return new Result(null, null, null, null, c);
        }
        Assessment a = attempt.assessment();
        ErrorRecord e = attempt.error();
        MappingResult m = attempt.mapping();
        return new Result(a, e, render(report, c, a, e, m), format == Format.json ? m : null, null);
    }

    private byte[] render(TextReport report, CaseRecord c, Assessment a, ErrorRecord e, MappingResult m) {
        return switch (format) {
            case text -> utf8(a != null ? report.render(patient(c, m), a, m)
                    : TextReport.renderError(e, m != null && !m.isMapped()));
            case csv -> utf8(a != null ? CsvReport.render(a) : CsvReport.renderError(e));
            case jsonl -> jsonLine(a, e, m);
            case json -> null;
        };
    }

    /** Whether reading the input now would wait for its producer (never for a file before its end). */
    private static boolean inputWouldBlock(InputStream in) {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void flushQuietly(Flushable output) {
        try {
            output.flush();
        } catch (IOException e) {
            // the output is gone: nothing more can be saved
        }
    }

    /** Out of memory at the case at {@code index}: the cases before it are written; one line, nothing else. */
    private static Main.ExitException outOfMemory(long index, long written) {
        return new Main.ExitException(Main.INTERNAL_ERROR, "out of memory while assessing case #" + (index + 1)
                + "; the " + written + " case(s) before it were written. Give the tool more memory "
                + "(MLT_RULES_JAVA_OPTS=-Xmx4g) or fewer --workers");
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Closing an input that has been read to the end cannot lose anything: its failure is not the user's. */
    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to read
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The assessment (with a bundle's mapping) or error record as one line of compact JSON, in UTF-8. */
    private static byte[] jsonLine(Assessment a, ErrorRecord e, MappingResult m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        // The library's generator: U+2028 and U+2029 escaped as in every JSON output.
        try (JsonGenerator g = AssessmentJson.newGenerator(bytes)) {
            if (a != null) {
                AssessmentJson.write(g, a, m == null ? null : MappingJson.mappingField(m.report()));
            } else {
                AssessmentJson.write(g, e);
            }
        } catch (IOException x) {
            throw new UncheckedIOException("writing to memory cannot fail", x);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeJson(AssessmentWriter json, Result r) throws IOException {
        ErrorRecord e = r.error();
        if (e == null && r.mapping() != null) {
            json.write(r.assessment(), MappingJson.mappingField(r.mapping().report()));
        } else if (e == null) {
            json.write(r.assessment());
        } else {
            json.write(e);
        }
    }

    /**
     * One line for standard error: where the case was and what was wrong: fields and problems, escaped (a field path
     * holds the input's own keys), never the case's values or id.
     */
    static String describe(ErrorRecord e) {
        String what = e.failure() != null ? "evaluation failed in rule " + SafeText.escape(e.failure().rule())
                : e.problems().stream().map(CaseProblem::toString).collect(Collectors.joining("; "));
        return e.position() + " not assessed: " + what;
    }

    private static String summary(long done, long failed, Map<Category, Long> byCategory) {
        StringBuilder b = new StringBuilder(256);
        b.append("Summary: ").append(done).append(" case(s), ").append(done - failed).append(" assessed, ")
                .append(failed).append(" not assessed\n");
        byCategory.forEach((c, n) -> b.append(String.format("  %-30s %d%n", c, n).replace("\r\n", "\n")));
        return b.toString();
    }

    private static Main.ExitException outputFailed(IOException e) {
        return Main.outputFailed(e);
    }
}
