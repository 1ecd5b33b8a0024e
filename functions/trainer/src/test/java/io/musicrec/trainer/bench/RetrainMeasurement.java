package io.musicrec.trainer.bench;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.local.services.PostgresServer;
import io.musicrec.local.services.S3Server;
import io.musicrec.local.services.ServerOptions;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.Migrations;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Times one retraining run as the Lambda function would do it: starts PostgreSQL and s3proxy,
 * migrates, imports Last.fm 2K (catalog and 92,834 base plays), adds N synthetic registered users
 * of M artists each, publishes the shipped model as the current one, then runs the shaded jar's
 * {@code retrain} command in a fresh JVM under {@code /usr/bin/time -v} and prints its JSON
 * summary and the time's report.
 *
 * <pre>
 * java -cp ... io.musicrec.trainer.bench.RetrainMeasurement LASTFM_DIR SHIPPED_MODEL_DIR TRAINER_JAR XMX [USERS] [ARTISTS]
 * </pre>
 */
public final class RetrainMeasurement {
    private RetrainMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path lastfm = Path.of(args[0]);
        Path shipped = Path.of(args[1]);
        Path jar = Path.of(args[2]);
        String xmx = args[3];
        int users = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        int perUser = args.length > 5 ? Integer.parseInt(args[5]) : 50;

        try (PostgresServer postgres = PostgresServer.start(ServerOptions.ephemeral());
             S3Server s3server = S3Server.start(ServerOptions.ephemeral())) {
            DatabaseSettings db = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
            long t = System.nanoTime();
            Migrations.migrate(db);
            try (Database database = new Database(db, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(5)),
                    Clock.systemUTC())) {
                System.out.println("import: " + new CatalogImport(database, Clock.systemUTC()).importLastFm(lastfm));
            }
            PlayMatrix base = PlaysTsv.read(lastfm.resolve(CatalogImport.LASTFM_PLAYS));
            PlayMatrix synthetic = SyntheticListeners.generate(base, users, perUser, 2026);
            insertUsers(db, synthetic);
            System.out.printf("loaded %,d base plays and %,d synthetic users with %,d plays in %.1f s%n", base.nonZeros(),
                    synthetic.rows(), synthetic.nonZeros(), (System.nanoTime() - t) / 1e9);

            s3server.createBucket("musicrec-models");
            AwsSettings aws = new AwsSettings("us-east-1", Optional.of(new AwsSettings.Keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
            ModelStoreSettings models = new ModelStoreSettings("musicrec-models", "models", Optional.of(URI.create(s3server.endpoint())), aws);
            try (S3Client s3 = AwsClients.s3(models)) {
                System.out.println("current model: " + S3ModelStore.of(s3, models, Clock.systemUTC()).publish(shipped).modelId());
            }

            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "retrain"));
            ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
            var env = process.environment();
            env.put("DATABASE_URL", postgres.jdbcUrl());
            env.put("DATABASE_USER", postgres.user());
            env.put("DATABASE_PASSWORD", postgres.password());
            env.put("MODEL_BUCKET", "musicrec-models");
            env.put("MODEL_KEY", "models");
            env.put("S3_ENDPOINT", s3server.endpoint());
            env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
            Path tmp = Files.createTempDirectory("retrain-measure");
            env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
            System.out.println("running: " + String.join(" ", command));
            Process child = process.start();
            child.getInputStream().transferTo(System.out);
            System.out.println("exit " + child.waitFor());
        }
    }

    private static void insertUsers(DatabaseSettings db, PlayMatrix plays) throws Exception {
        StringBuilder users = new StringBuilder();
        StringBuilder rows = new StringBuilder(plays.nonZeros() * 24);
        for (int r = 0; r < plays.rows(); r++) {
            long total = 0;
            String id = "synthetic-" + plays.rowId(r);
            for (int e = plays.rowStart(r); e < plays.rowStart(r + 1); e++) {
                total += plays.plays(e);
                rows.append(id).append('\t').append(plays.columnId(plays.column(e))).append('\t').append(plays.plays(e)).append('\n');
            }
            users.append(id).append('\t').append(total).append('\n');
        }
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), properties)) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY users (id, total_plays) FROM STDIN", new StringReader(users.toString()));
            copy.copyIn("COPY user_artist_plays (user_id, artist_id, plays) FROM STDIN", new StringReader(rows.toString()));
            connection.createStatement().execute("ANALYZE");
        }
    }
}
