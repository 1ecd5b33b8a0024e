package io.musicrec.trainer.testing;

import io.musicrec.local.services.LocalServices;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.testing.TestEnvironment;
import io.musicrec.platform.testing.TestServices;
import java.util.Map;

/**
 * PostgreSQL and s3proxy for the trainer's integration tests ({@link TestServices}, or those named
 * by {@code DATABASE_URL} and {@code S3_ENDPOINT}). Tests isolate themselves with a fresh schema
 * and a fresh bucket each.
 */
public final class TestStack {

    static {
        TestServices.start(LocalServices.Service.POSTGRES, LocalServices.Service.S3);
    }

    private TestStack() {
    }

    /** A new, empty schema, not migrated: connections made with these settings use it. */
    public static DatabaseSettings emptySchema() {
        return TestServices.emptySchema();
    }

    /** A new schema with the migrations applied. */
    public static DatabaseSettings freshSchema() {
        return TestServices.freshSchema();
    }

    /** A new, empty bucket with prefix {@code models}. */
    public static ModelStoreSettings freshBucket() {
        return TestServices.freshBucket();
    }

    /** The environment a trainer function would see for this schema (none when null) and bucket. */
    public static Map<String, String> environment(DatabaseSettings database, ModelStoreSettings models) {
        TestEnvironment environment = TestEnvironment.of().models(models);
        if (database != null) {
            environment.database(database);
        }
        return environment.toMap();
    }
}
