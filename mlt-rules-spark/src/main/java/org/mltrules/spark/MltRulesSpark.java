package org.mltrules.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Assesses a cohort held in Spark with the mlt-rules rule set, with results identical to the command line's: each
 * output row's {@code assessment} is, byte for byte, the line {@code mlt-rules assess --format jsonl} writes for the
 * same case and rule set.
 *
 * <pre>{@code
 * RuleSource rules = RuleSource.bundled();                      // or RuleSource.folder(Path.of("my-rules"))
 * Dataset<Row> out = MltRulesSpark.assess(spark.read().textFile("cohort.jsonl"), rules);
 * out.groupBy("category").count().show();
 * }</pre>
 *
 * <p><b>Input.</b> One case per row, in the JSON case format version 1, as one line of a JSON Lines file holds it,
 * or an HL7 FHIR R4 / mCODE STU4 Bundle (a JSON object with {@code "resourceType": "Bundle"}), mapped to its case
 * as the command line maps it; its assessment then ends with the mapping report ({@code "mapping"}).
 * Rows that are {@code null} or blank (only spaces, tabs, carriage returns) are no case and give no output row, as
 * the command line skips blank lines. A leading byte order mark is ignored.
 *
 * <p><b>Output</b> ({@link #SCHEMA}, all columns strings, one row per case, in the input's partitions and order):
 * {@code caseId}; {@code category} and {@code candidacy} (the {@code Category} and {@code CandidacyLevel} names,
 * {@code null} for a case not assessed); {@code assessment} (the assessment JSON, {@code null} for a case not
 * assessed); {@code error} (the error record JSON, {@code null} when assessed). A rejected case, or one whose
 * evaluation fails inside a rule, gives an error row: never a failed task or job. The error record is the command
 * line's, with two differences of bookkeeping: {@code index} is the row's position among the Dataset's cases (rows
 * that are not blank), from 0, in partition order, which for a JSON Lines file read with {@code textFile} is the
 * command line's index; {@code line} is {@code null}, as a Dataset row has no line number.
 *
 * <p><b>Rules.</b> Compiled once per executor JVM, on first use, from what {@link RuleSource} ships, and shared by
 * every task of that JVM; tasks starting together wait for the one build. Never serialised as Drools objects.
 *
 * <p><b>Cost.</b> Numbering the cases ({@code index}) runs one Spark job over the input when this method is
 * called, and the assessment reads the input again when an action runs: persist an input that is expensive to
 * compute. Both readings must see the same rows in the same order (true for files; not for an input whose order
 * is not deterministic, such as the output of a shuffle without a sort). Streaming Datasets are refused.
 */
public final class MltRulesSpark {
    /** The output columns, all nullable strings: {@code caseId, category, candidacy, assessment, error}. */
    public static final StructType SCHEMA = new StructType()
            .add("caseId", DataTypes.StringType, true)
            .add("category", DataTypes.StringType, true)
            .add("candidacy", DataTypes.StringType, true)
            .add("assessment", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    private MltRulesSpark() {
    }

    /**
     * Assesses every case of {@code json} with {@code rules}. See the class comment for the columns.
     *
     * @param json  one case JSON per row
     * @param rules the rule set, made on the driver
     * @throws IllegalArgumentException when {@code json} is a streaming Dataset
     * @throws NullPointerException     when an argument is null
     */
    public static Dataset<Row> assess(Dataset<String> json, RuleSource rules) {
        Objects.requireNonNull(json, "json must not be null");
        Objects.requireNonNull(rules, "rules must not be null");
        if (json.isStreaming()) {
            throw new IllegalArgumentException("streaming Datasets are not supported: the cases are numbered "
                    + "over the whole input");
        }
        JavaRDD<Row> rows = json.javaRDD()
                .filter(row -> !CaseRows.isBlank(row))
                .zipWithIndex()
                .mapPartitions(cases -> assessPartition(rules, cases));
        return json.sparkSession().createDataFrame(rows, SCHEMA);
    }

    /** Lazily, one row at a time: a partition is never held in memory. */
    private static Iterator<Row> assessPartition(RuleSource rules, Iterator<Tuple2<String, Long>> cases) {
        if (!cases.hasNext()) {
            return Collections.emptyIterator();   // an empty partition never builds the rules
        }
        return new PartitionCases(rules.engine(), cases);
    }
}
