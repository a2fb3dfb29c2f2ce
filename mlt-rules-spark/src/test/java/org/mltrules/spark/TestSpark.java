package org.mltrules.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test run, in local mode with two task slots, bound to the loopback interface. Made on
 * first use and shared by every test class (starting Spark takes seconds); Spark's shutdown hook stops it.
 */
final class TestSpark {
    private TestSpark() {
    }

    static SparkSession session() {
        return Holder.SESSION;
    }

    private static final class Holder {
        static final SparkSession SESSION = SparkSession.builder()
                .master("local[2]")
                .appName("mlt-rules-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // Small splits, so that one cohort file of a few MiB makes several partitions (and tasks).
                .config("spark.sql.files.maxPartitionBytes", "1m")
                .config("spark.sql.files.openCostInBytes", "0")
                .getOrCreate();
    }
}
