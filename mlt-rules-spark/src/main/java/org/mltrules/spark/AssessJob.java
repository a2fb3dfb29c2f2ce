package org.mltrules.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mltrules.Category;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/**
 * The batch job for {@code spark-submit}: reads JSON Lines cases, assesses them ({@link MltRulesSpark}), writes the
 * rows as JSON Lines or Parquet and prints a summary to standard error.
 *
 * <pre>
 * spark-submit --class org.mltrules.spark.AssessJob mlt-rules-spark-job.jar \
 *     --input PATH --output PATH [--rules DIR] [--format json|parquet]
 * </pre>
 *
 * <p>Exit status: 0 the job ran (cases not assessed are error rows, counted in the summary, not a failure of the
 * job); 2 usage error, unreadable input or an existing output; 4 the rules are unusable (every problem printed as
 * {@code file:line:column: message}), nothing assessed; 1 any other failure.
 */
public final class AssessJob {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int RULES_UNUSABLE = 4;

    static final String USAGE_TEXT = String.join("\n",
            "Usage: spark-submit --class org.mltrules.spark.AssessJob mlt-rules-spark-job.jar \\",
            "           --input PATH --output PATH [--rules DIR] [--format json|parquet]",
            "Assesses every case of the input (JSON Lines, one case or mCODE bundle per line; any path Spark reads: a file, a folder,",
            "a glob, hdfs://, s3a://) and writes one row per case: caseId, category, candidacy, assessment (the JSON",
            "of 'mlt-rules assess --format jsonl'), error (the error record when the case was not assessed).",
            "  --input PATH      the cases",
            "  --output PATH     a folder that must not exist yet",
            "  --rules DIR       an analyst's rule folder on the driver's file system (default: the bundled rules)",
            "  --format FORMAT   json (JSON Lines, the default) or parquet");

    /** The output formats. */
    enum Format { json, parquet }

    /** The parsed command line. */
    record Options(String input, String output, Path rules, Format format) {
    }

    private AssessJob() {
    }

    /** Entry point for spark-submit: runs the job on the session spark-submit configured, then stops it. */
    public static void main(String[] args) {
        int status;
        SparkSession spark = null;
        try {
            Options options = parse(args);
            spark = SparkSession.builder().appName("mlt-rules assess").getOrCreate();
            status = run(spark, options, System.err);
        } catch (UsageException e) {
            System.err.println("mlt-rules-spark: " + e.getMessage());
            System.err.println(USAGE_TEXT);
            status = USAGE;
        } catch (HelpRequested e) {
            System.out.println(USAGE_TEXT);
            status = OK;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        if (status != OK) {
            System.exit(status);
        }
    }

    /** A command line that cannot be run. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --help}. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help", null, false, false);
        }
    }

    static Options parse(String[] args) {
        String input = null;
        String output = null;
        Path rules = null;
        Format format = Format.json;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested();
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--input", "--output", "--rules", "--format" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        throw new UsageException(name + " needs a value");
                    }
                }
                default -> throw new UsageException("unknown argument: " + a);
            }
            switch (name) {
                case "--input" -> input = value;
                case "--output" -> output = value;
                case "--rules" -> rules = Path.of(value);
                default -> {
                    try {
                        format = Format.valueOf(value.toLowerCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--format must be json or parquet, not " + value);
                    }
                }
            }
        }
        if (input == null || output == null) {
            throw new UsageException("--input and --output are required");
        }
        return new Options(input, output, rules, format);
    }

    /** Runs the job on {@code spark} (not stopped afterwards) and returns the exit status. */
    static int run(SparkSession spark, Options o, PrintStream err) {
        long start = System.nanoTime();
        RuleSource rules;
        try {
            rules = o.rules() == null ? RuleSource.bundled() : RuleSource.folder(o.rules());
        } catch (RuleSetException e) {
            printUnusable(err, o.rules(), e);
            return RULES_UNUSABLE;
        }
        try {
            org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(o.output());
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(out)) {
                err.println("mlt-rules-spark: the output " + o.output() + " exists already; nothing was assessed");
                return USAGE;
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("mlt-rules-spark: cannot use the output " + o.output() + ": " + e.getMessage());
            return USAGE;
        }
        boolean splitFiner = spark.conf().getOption(MIN_PARTITIONS).isEmpty();
        if (splitFiner) {
            spark.conf().set(MIN_PARTITIONS, PARTITIONS_PER_SLOT * spark.sparkContext().defaultParallelism());
        }
        try {
            return assessAndWrite(spark, o, rules, err, start);
        } finally {
            if (splitFiner) {
                spark.conf().unset(MIN_PARTITIONS);
            }
        }
    }

    /**
     * Spark splits files into at most 128 MiB, or the input's size over the task slots: a 300 MiB file on two slots
     * gives three tasks, the last running alone. Asking for four splits per slot keeps the last wave short; a task
     * costs little more than its cases, as the rules are compiled once per JVM, not per task.
     */
    static final String MIN_PARTITIONS = "spark.sql.files.minPartitionNum";
    static final int PARTITIONS_PER_SLOT = 4;

    private static int assessAndWrite(SparkSession spark, Options o, RuleSource rules, PrintStream err,
                                      long start) {
        Dataset<String> cases;
        try {
            cases = spark.read().textFile(o.input());
        } catch (Exception e) {
            // AnalysisException (no such path, ...) is declared in Scala: javac does not see it thrown.
            if (e instanceof AnalysisException) {
                err.println("mlt-rules-spark: cannot read " + o.input() + ": " + e.getMessage());
                return USAGE;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        // Counted while the output is written (observed metrics: one pass, and each task counted once, whatever
        // the retries or speculative copies), not by reading the output back.
        Observation counts = new Observation("mlt-rules summary");
        List<Column> metrics = new ArrayList<>();
        metrics.add(count(lit(1)).as("cases"));
        for (Category c : Category.values()) {
            metrics.add(sum(when(col("category").equalTo(c.name()), 1L).otherwise(0L)).as(c.name()));
        }
        Dataset<Row> assessed = MltRulesSpark.assess(cases, rules)
                .observe(counts, metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new));
        if (o.format() == Format.parquet) {
            assessed.write().parquet(o.output());
        } else {
            // Every row has all five keys, null included: consumers need not know which are optional.
            assessed.write().option("ignoreNullFields", "false").json(o.output());
        }
        Map<String, Object> observed;
        try {
            observed = counts.getAsJava();       // there already: the write has finished
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the job's counts", e);
        }
        err.print(summary(observed, o, rules, (System.nanoTime() - start) / 1e9));
        return OK;
    }

    /** The summary for standard error, from the counts observed while writing. */
    static String summary(Map<String, Object> counts, Options o, RuleSource rules, double seconds) {
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        long assessed = 0;
        for (Category c : Category.values()) {
            long n = ((Number) counts.get(c.name())).longValue();
            if (n > 0) {
                byCategory.put(c, n);
                assessed += n;
            }
        }
        long cases = ((Number) counts.get("cases")).longValue();
        long errors = cases - assessed;
        StringBuilder b = new StringBuilder(512);
        b.append("mlt-rules-spark: ").append(cases).append(" case(s), ").append(assessed)
                .append(" assessed, ").append(errors).append(" not assessed (rejected or failed in a rule")
                .append(errors > 0 ? "; see the error column" : "").append(")\n");
        byCategory.forEach((c, n) -> b.append(String.format(Locale.ROOT, "  %-30s %d%n", c, n).replace("\r\n", "\n")));
        b.append("rules: ").append(rules.info().name()).append(' ').append(rules.info().version()).append(' ')
                .append(rules.fingerprint()).append('\n');
        b.append("output: ").append(o.output()).append(" (").append(o.format()).append(String.format(Locale.ROOT,
                "), %.1f s%n", seconds).replace("\r\n", "\n"));
        return b.toString();
    }

    private static void printUnusable(PrintStream err, Path folder, RuleSetException e) {
        List<RuleProblem> problems = new ArrayList<>(e.problems());
        long errors = problems.stream().filter(p -> p.severity() == RuleProblem.Severity.ERROR).count();
        err.println("mlt-rules-spark: the rules in " + folder + " are unusable ("
                + (errors == 0 ? problems.size() : errors) + " error(s)); nothing was assessed:");
        for (RuleProblem p : problems) {
            boolean relative = p.file() != null && !Path.of(p.file()).isAbsolute()
                    && !p.file().startsWith(folder.toString());
            err.println((relative ? new RuleProblem(p.severity(), folder.resolve(p.file()).toString(), p.line(),
                    p.column(), p.rule(), p.message()) : p).render());
        }
        if (problems.isEmpty()) {
            err.println(e.getMessage());
        }
    }
}
