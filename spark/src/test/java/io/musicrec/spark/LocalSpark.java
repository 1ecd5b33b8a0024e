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

    /** The session, with {@code s3a://} pointed at the test S3 (s3proxy: path style, plain HTTP, its keys). */
    static synchronized SparkSession withS3(String endpoint, String accessKey, String secretKey) {
        org.apache.hadoop.conf.Configuration conf = get().sparkContext().hadoopConfiguration();
        conf.set("fs.s3a.endpoint", endpoint);
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.connection.ssl.enabled", "false");
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", accessKey);
        conf.set("fs.s3a.secret.key", secretKey);
        return session;
    }
}
