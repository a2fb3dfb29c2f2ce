package org.mltrules.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mltrules.Assessment;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.MltRules;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseRecord;

/**
 * Embedding mlt-rules in a host application: build the engine once, share it between threads, assess cases
 * concurrently, summarise. See examples/embedding/README.md.
 *
 * <pre>
 * java -cp examples/target/mlt-rules.jar org.mltrules.examples.Embedding examples/cases/demo.jsonl 4
 * </pre>
 */
public final class Embedding {
    private Embedding() {
    }

    /**
     * What a batch gave.
     *
     * @param assessed    assessments, in input order
     * @param rejected    cases refused as invalid (with every problem), in input order
     * @param byCategory  how many assessments per category
     * @param byCandidacy how many assessments per candidacy level
     */
    public record Summary(List<Assessment> assessed, List<CaseRecord> rejected, Map<Category, Integer> byCategory,
                          Map<CandidacyLevel, Integer> byCandidacy) {
    }

    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        Path input = Path.of(args.length > 0 ? args[0] : "examples/cases/demo.jsonl");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;

        MltRules rules = MltRules.bundled();      // expensive: once per application; immutable and thread-safe
        long start = System.nanoTime();
        Summary summary;
        try (InputStream in = Files.newInputStream(input)) {
            summary = assessAll(rules, in, threads);
        }
        print(summary, rules, threads, (System.nanoTime() - start) / 1_000_000, System.out);
    }

    /** Reads every case of the input and assesses the valid ones on {@code threads} threads sharing one engine. */
    public static Summary assessAll(MltRules rules, InputStream in, int threads)
            throws IOException, InterruptedException, ExecutionException {
        List<Future<Assessment>> pending = new ArrayList<>();
        List<CaseRecord> rejected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (CaseInput cases = CaseInput.open(in)) {
            while (cases.hasNext()) {
                CaseRecord r = cases.next();
                if (r.isValid()) {
                    pending.add(pool.submit(() -> rules.assess(r.patientCase())));   // same engine, any thread
                } else {
                    rejected.add(r);                  // every problem of the case, with its line
                }
            }
        } finally {
            pool.shutdown();
        }
        List<Assessment> assessed = new ArrayList<>();
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        Map<CandidacyLevel, Integer> byCandidacy = new EnumMap<>(CandidacyLevel.class);
        for (Future<Assessment> f : pending) {
            Assessment a = f.get();
            assessed.add(a);
            byCategory.merge(a.category(), 1, Integer::sum);
            byCandidacy.merge(a.candidacy().level(), 1, Integer::sum);
        }
        return new Summary(assessed, rejected, byCategory, byCandidacy);
    }

    static void print(Summary s, MltRules rules, int threads, long millis, PrintStream out) {
        out.printf("Assessed %d case(s) on %d threads in %d ms; %d rejected%n", s.assessed().size(), threads,
                millis, s.rejected().size());
        s.byCategory().forEach((c, n) -> out.printf("  %-30s %d%n", c, n));
        out.println("Candidacy:");
        s.byCandidacy().forEach((c, n) -> out.printf("  %-30s %d%n", c, n));
        for (CaseRecord r : s.rejected()) {
            out.printf("Rejected: case #%d%s: %s%n", r.index() + 1, r.line() == null ? "" : " (line " + r.line() + ")",
                    r.problems().get(0).message());
        }
        out.printf("Rules: %s %s (%s)%n", rules.ruleSet().name(), rules.ruleSet().version(),
                rules.ruleSet().fingerprint());
        out.println(Assessment.DISCLAIMER);
    }
}
