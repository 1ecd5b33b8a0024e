package io.musicrec.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.recommend.Mode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Environment env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Environment.of(map::get);
    }

    private static ConfigurationException refused(Runnable read) {
        return assertThrows(ConfigurationException.class, read::run);
    }

    @Test
    void missingDatabaseUrlIsNamed() {
        ConfigurationException e = refused(() -> DatabaseSettings.from(env()));
        assertEquals("DATABASE_URL", e.variable());
        assertEquals("DATABASE_URL is missing", e.getMessage());
    }

    @Test
    void theFunctionTimeoutIsReadInWholeSecondsAndAMalformedOneIsNamed() {
        assertEquals(java.time.Duration.ofSeconds(60), env("FUNCTION_TIMEOUT_SECONDS", "60").functionTimeout(java.time.Duration.ofSeconds(10)));
        assertEquals(java.time.Duration.ofSeconds(10), env().functionTimeout(java.time.Duration.ofSeconds(10)), "the function's own default");
        ConfigurationException e = refused(() -> env("FUNCTION_TIMEOUT_SECONDS", "ten").functionTimeout(java.time.Duration.ofSeconds(10)));
        assertEquals("FUNCTION_TIMEOUT_SECONDS", e.variable());
        assertEquals("FUNCTION_TIMEOUT_SECONDS must be whole seconds in 2..900 (the function's Timeout), got 'ten'", e.getMessage());
    }

    @Test
    void blankVariableCountsAsMissing() {
        assertEquals("DATABASE_URL is missing", refused(() -> DatabaseSettings.from(env("DATABASE_URL", "  "))).getMessage());
    }

    @Test
    void postgresUrlBecomesJdbcUrlWithCredentialsTakenOut() {
        DatabaseSettings settings = DatabaseSettings.from(env("DATABASE_URL", "postgres://app:s%40cret@db.example:6543/music?sslmode=require"));
        assertEquals("jdbc:postgresql://db.example:6543/music?sslmode=require", settings.jdbcUrl());
        assertEquals("app", settings.user());
        assertEquals("s@cret", settings.password());
    }

    @Test
    void postgresUrlWithoutPortOrDatabaseGetsTheDefaults() {
        assertEquals("jdbc:postgresql://db:5432/postgres", DatabaseSettings.parse("postgresql://db").jdbcUrl());
    }

    @Test
    void jdbcUrlCredentialsMoveOutAndOtherParametersStay() {
        DatabaseSettings settings = DatabaseSettings.parse("jdbc:postgresql://h:5432/d?user=u&password=p&ssl=true");
        assertEquals("jdbc:postgresql://h:5432/d?ssl=true", settings.jdbcUrl());
        assertEquals("u", settings.user());
        assertEquals("p", settings.password());
    }

    @Test
    void databaseUserAndPasswordVariablesOverrideTheUrl() {
        DatabaseSettings settings = DatabaseSettings.from(env("DATABASE_URL", "postgres://a:b@h/d",
                "DATABASE_USER", "other", "DATABASE_PASSWORD", " spaced secret "));
        assertEquals("other", settings.user());
        assertEquals(" spaced secret ", settings.password(), "a password is taken verbatim");
    }

    @Test
    void malformedDatabaseUrlIsRefusedWithoutEchoingThePassword() {
        ConfigurationException wrongScheme = refused(() -> DatabaseSettings.from(env("DATABASE_URL", "mysql://u:hunter2@h/d")));
        assertEquals("DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://", wrongScheme.getMessage());
        ConfigurationException badSyntax = refused(() -> DatabaseSettings.from(env("DATABASE_URL", "postgres://u:hun ter2@h/d")));
        assertTrue(badSyntax.getMessage().startsWith("DATABASE_URL is not a valid URL"), badSyntax.getMessage());
        assertFalse(badSyntax.getMessage().contains("hun"), badSyntax.getMessage());
        assertEquals("DATABASE_URL names no host", refused(() -> DatabaseSettings.parse("jdbc:postgresql:///d")).getMessage());
    }

    @Test
    void databaseSettingsNeverPrintThePassword() {
        DatabaseSettings settings = DatabaseSettings.parse("postgres://u:hunter2@h/d");
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
    }

    @Test
    void numberOfArtistsDefaultsTo100AndModeToQuota() {
        RecommenderSettings settings = RecommenderSettings.from(env());
        assertEquals(100, settings.numberOfArtists());
        assertEquals(Mode.HYBRID, settings.mode());
    }

    @Test
    void numberOfArtistsOutsideOneTo500OrNotANumberIsNamed() {
        assertEquals("NUMBER_OF_ARTISTS must be in 1..500, got 0",
                refused(() -> RecommenderSettings.from(env("NUMBER_OF_ARTISTS", "0"))).getMessage());
        assertEquals("NUMBER_OF_ARTISTS must be in 1..500, got 501",
                refused(() -> RecommenderSettings.from(env("NUMBER_OF_ARTISTS", "501"))).getMessage());
        assertEquals("NUMBER_OF_ARTISTS must be a whole number in 1..500, got 'ten'",
                refused(() -> RecommenderSettings.from(env("NUMBER_OF_ARTISTS", "ten"))).getMessage());
        assertEquals(500, RecommenderSettings.from(env("NUMBER_OF_ARTISTS", " 500 ")).numberOfArtists());
    }

    @Test
    void recommenderModeAcceptsTheFourModesOnly() {
        assertEquals(Mode.FOLD_IN, RecommenderSettings.from(env("RECOMMENDER_MODE", "fold-in")).mode());
        assertEquals(Mode.HYBRID, RecommenderSettings.from(env("RECOMMENDER_MODE", "HYBRID")).mode());
        assertEquals("RECOMMENDER_MODE must be quota, hybrid, fold-in or popular, got 'random'",
                refused(() -> RecommenderSettings.from(env("RECOMMENDER_MODE", "random"))).getMessage());
    }

    @Test
    void queueUrlIsRequiredAndMustBeAQueueUrl() {
        assertEquals("QUEUE_URL is missing", refused(() -> QueueSettings.from(env())).getMessage());
        assertEquals("QUEUE_URL must be a URL like https://host:port, got 'recalculations'",
                refused(() -> QueueSettings.from(env("QUEUE_URL", "recalculations"))).getMessage());
        assertTrue(refused(() -> QueueSettings.from(env("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com")))
                .getMessage().startsWith("QUEUE_URL must be a queue URL like"));
    }

    @Test
    void queueSettingsOnAwsUseTheRegionAndNoEndpoint() {
        QueueSettings settings = QueueSettings.from(env("QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/recalculations",
                "AWS_REGION", "eu-west-1"));
        assertEquals(Optional.empty(), settings.endpoint());
        assertEquals("eu-west-1", settings.aws().region());
        assertEquals(Optional.empty(), settings.aws().keys());
    }

    @Test
    void regionDefaultsToUsEast1AndAMalformedOneIsNamed() {
        assertEquals("us-east-1", AwsSettings.from(env()).region());
        assertEquals("AWS_REGION must be an AWS region like us-east-1, got 'Frankfurt'",
                refused(() -> AwsSettings.from(env("AWS_REGION", "Frankfurt"))).getMessage());
    }

    @Test
    void endpointOverridesMustBeHttpUrls() {
        assertEquals("SQS_ENDPOINT must be a URL like http://host:port, got 'localhost:9324'",
                refused(() -> QueueSettings.from(env("QUEUE_URL", "http://localhost:9324/000000000000/q", "SQS_ENDPOINT", "localhost:9324")))
                        .getMessage());
        ModelStoreSettings s3 = ModelStoreSettings.from(env("MODEL_BUCKET", "models", "S3_ENDPOINT", "http://127.0.0.1:9000"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), s3.endpoint());
    }

    @Test
    void halfAKeyPairIsNamedWithoutPrintingTheSecret() {
        ConfigurationException e = refused(() -> AwsSettings.from(env("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI")));
        assertEquals("AWS_ACCESS_KEY_ID is missing while AWS_SECRET_ACCESS_KEY is set (set both or neither)", e.getMessage());
        AwsSettings both = AwsSettings.from(env("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI"));
        assertFalse(both.toString().contains("wJalrXUtnFEMI"), both.toString());
    }

    @Test
    void modelBucketIsRequiredAndModelKeyDefaultsToModels() {
        assertEquals("MODEL_BUCKET is missing", refused(() -> ModelStoreSettings.from(env())).getMessage());
        ModelStoreSettings settings = ModelStoreSettings.from(env("MODEL_BUCKET", "musicrec-models"));
        assertEquals("models", settings.prefix());
        assertEquals("prod/models", ModelStoreSettings.from(env("MODEL_BUCKET", "b12", "MODEL_KEY", "prod/models")).prefix());
    }

    @Test
    void malformedBucketOrPrefixIsNamed() {
        assertEquals("MODEL_BUCKET must be an S3 bucket name (3-63 of a-z, 0-9, '.', '-'), got 'My_Bucket'",
                refused(() -> ModelStoreSettings.from(env("MODEL_BUCKET", "My_Bucket"))).getMessage());
        assertEquals("MODEL_KEY", refused(() -> ModelStoreSettings.from(env("MODEL_BUCKET", "b12", "MODEL_KEY", "/models/"))).variable());
        assertEquals("MODEL_KEY", refused(() -> ModelStoreSettings.from(env("MODEL_BUCKET", "b12", "MODEL_KEY", "a//b"))).variable());
    }
}
