package io.musicrec.spark;

import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} Spark session per test JVM, as the job's tests need it: no UI, few shuffle partitions. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("musicrec-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "spark-test-stop"));
        }
        return session;
    }
}
