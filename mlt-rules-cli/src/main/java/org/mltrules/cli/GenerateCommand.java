package org.mltrules.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.json.CaseWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlt-rules generate}: a synthetic cohort as JSON Lines. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Write a synthetic cohort of plausible cases as JSON Lines (for demonstrations and benchmarks).",
        description = {
            "The same seed gives the same cohort. Every category occurs; histologies come as ICD-O-3 codes, names "
                    + "and unrecognised codes; dates and values sit on the conventions' boundaries more often "
                    + "than chance would put them; some facts are unknown. Not real patients.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules generate --count 1000 --seed 7 > cohort.jsonl",
            "  mlt-rules generate --count 100000 --lesions 3 --output bench.jsonl",
            "  mlt-rules generate --count 5 | mlt-rules assess -"
        })
final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    MltRulesCommand parent;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "100",
            description = "Number of cases (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = {"-s", "--seed"}, paramLabel = "S", defaultValue = "1",
            description = "Seed of the random generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lesions", paramLabel = "K",
            description = "Give every case exactly K lesions, 0-100 (default: a realistic mix of 0 to 9).")
    Integer lesions;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new Main.ExitException(Main.USAGE, "--count must not be negative");
        }
        if (lesions != null && (lesions < 0 || lesions > 100)) {
            throw new Main.ExitException(Main.USAGE, "--lesions must be from 0 to 100");
        }
        Main.Io io = parent.io();
        OutputStream out;
        try {
            out = output == null ? io.out() : Files.newOutputStream(output);
        } catch (IOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot write " + output + ": " + e.getMessage());
        }
        CaseGenerator.Builder settings = CaseGenerator.builder().seed(seed);
        if (lesions != null) {
            settings.lesions(lesions);
        }
        CaseGenerator generator = settings.build();
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            for (long i = 0; i < count; i++) {
                CaseWriter.write(generator.next(), w);
                w.write('\n');
            }
            w.flush();
            if (output != null) {
                out.close();
            }
        } catch (IOException e) {
            throw Main.outputFailed(e);
        }
        return Main.OK;
    }
}
