package io.musicrec.trainer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.platform.secrets.Secrets;
import io.musicrec.trainer.setup.DatabaseSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Initialises a fresh deployment's database, invoked by hand ({@code aws lambda invoke} or {@code
 * sam local invoke -e events/trainer-migrate.json}): the Flyway migrations, then the catalog. The
 * event is a JSON object; {@code {"lastfm_prefix": "seed/lastfm-2k"}} imports the catalog and the
 * training base from the Last.fm 2K files uploaded under that prefix of {@code MODEL_BUCKET};
 * {@code {}} imports the catalog from the current model's artist index. Idempotent.
 */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, String> {

    /** The event key naming the Last.fm files' prefix in the model bucket. */
    public static final String LASTFM_PREFIX = "lastfm_prefix";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseSetup setup;

    /** What Lambda calls: {@code DATABASE_URL}, {@code MODEL_BUCKET}, {@code MODEL_KEY}, {@code S3_ENDPOINT}, {@code AWS_REGION}. */
    public MigrateHandler() {
        this(Environment.system(), Clock.systemUTC());
    }

    MigrateHandler(Environment environment, Clock clock) {
        DatabaseSettings configured = DatabaseSettings.from(environment);
        ModelStoreSettings models = ModelStoreSettings.from(environment);
        // Run by hand after a deploy, so right after its init: the password is read from the secret
        // (SECRET_ARN) now, once; the secret's client is not kept.
        DatabaseSettings database;
        try (OpenedClients secretClient = new OpenedClients("the migrate function")) {
            Secrets secrets = Secrets.open(SecretSettings.from(environment), clock, secretClient);
            database = configured.withPassword(secrets.value(Secrets.DATABASE_PASSWORD).orElse(configured.password()));
        }
        S3Client s3 = AwsClients.s3(models);
        this.setup = new DatabaseSetup(database, S3ModelStore.of(s3, models, clock), s3, models.bucket(),
                Path.of(System.getProperty("java.io.tmpdir"), "musicrec-setup"), clock);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object prefix = event == null ? null : event.get(LASTFM_PREFIX);
        if (prefix != null && !(prefix instanceof String)) {
            throw new IllegalArgumentException(LASTFM_PREFIX + " must be a string, got " + prefix);
        }
        DatabaseSetup.Report report = setup.run(Optional.ofNullable((String) prefix).filter(p -> !p.isBlank()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", "migrate");
        out.put("migrations_applied", report.migrations().applied());
        out.put("schema_version", report.migrations().schemaVersion());
        out.put("catalog_source", report.note());
        report.catalog().ifPresent(c -> {
            out.put("artists", c.artists());
            out.put("artists_written", c.artistsWritten());
            out.put("base_plays", c.basePlays());
            out.put("base_plays_written", c.basePlaysWritten());
        });
        try {
            String json = JSON.writeValueAsString(out);
            System.out.println(json);
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
