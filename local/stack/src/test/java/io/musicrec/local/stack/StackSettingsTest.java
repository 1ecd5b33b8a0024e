package io.musicrec.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path root;

    private Path withModel() throws Exception {
        Files.createDirectories(root.resolve("model-artifacts/lastfm-2k"));
        Files.writeString(root.resolve("model-artifacts/lastfm-2k/manifest.json"), "{}");
        return root;
    }

    @Test
    void defaultsAreSamsPortAndADataDirectoryAtTheRoot() throws Exception {
        StackSettings settings = StackSettings.from(Environment.of(Map.<String, String>of()::get), withModel());

        assertEquals(3000, settings.port());
        assertEquals(root.toAbsolutePath().resolve(".musicrec"), settings.dataDirectory());
        assertEquals(root.toAbsolutePath().resolve("model-artifacts/lastfm-2k"), settings.modelDirectory());
        assertEquals(root.toAbsolutePath().getParent().resolve("shared/data/lastfm-2k"), settings.lastfmDirectory());
        assertEquals("musicrec-models", settings.bucket());
        assertEquals("musicrec-recalculations", settings.queueName());
        assertEquals(10, settings.batchSize());
        assertEquals(Duration.ofSeconds(45), settings.visibilityTimeout());
        assertTrue(settings.jwtSecret().isEmpty());
    }

    @Test
    void variablesOverrideTheDefaults() throws Exception {
        StackSettings settings = StackSettings.from(Environment.of(Map.of("PORT", "0", "MUSICREC_DATA_DIR", "/tmp/elsewhere",
                "LOCAL_VISIBILITY_TIMEOUT_SECONDS", "2", "MODEL_BUCKET", "my-models", "LOCAL_BATCH_SIZE", "3")::get), withModel());

        assertEquals(0, settings.port());
        assertEquals(Path.of("/tmp/elsewhere"), settings.dataDirectory());
        assertEquals(Duration.ofSeconds(2), settings.visibilityTimeout());
        assertEquals("my-models", settings.bucket());
        assertEquals(3, settings.batchSize());
    }

    @Test
    void aTrustedIssuerNeedsTheAppsClientIdAndSignsInAtItselfUnlessToldOtherwise() throws Exception {
        Path withModel = withModel();
        assertTrue(StackSettings.from(Environment.of(Map.<String, String>of()::get), withModel).trustedIssuer().isEmpty());
        assertEquals("LOCAL_OIDC_CLIENT_ID", assertThrows(ConfigurationException.class, () -> StackSettings.from(
                Environment.of(Map.of("LOCAL_OIDC_ISSUER", "http://127.0.0.1:9000")::get), withModel)).variable());
        assertEquals("LOCAL_OIDC_ISSUER", assertThrows(ConfigurationException.class, () -> StackSettings.from(
                Environment.of(Map.of("LOCAL_OIDC_ISSUER", "not a url", "LOCAL_OIDC_CLIENT_ID", "web")::get), withModel)).variable());

        var issuer = StackSettings.from(Environment.of(Map.of("LOCAL_OIDC_ISSUER", "http://127.0.0.1:9000/",
                "LOCAL_OIDC_CLIENT_ID", "web")::get), withModel).trustedIssuer().orElseThrow();
        assertEquals("http://127.0.0.1:9000", issuer.issuer());
        assertEquals("web", issuer.audience());
        assertEquals("http://127.0.0.1:9000", issuer.signInDomain());
        assertEquals("https://musicrec.auth.eu-west-1.amazoncognito.com", StackSettings.from(Environment.of(Map.of(
                "LOCAL_OIDC_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12", "LOCAL_OIDC_CLIENT_ID", "web",
                "LOCAL_OIDC_DOMAIN", "https://musicrec.auth.eu-west-1.amazoncognito.com")::get), withModel).trustedIssuer().orElseThrow().signInDomain());
    }

    @Test
    void aMalformedValueNamesItsVariable() throws Exception {
        Path withModel = withModel();
        assertEquals("PORT", assertThrows(ConfigurationException.class,
                () -> StackSettings.from(Environment.of(Map.of("PORT", "http")::get), withModel)).variable());
        assertEquals("LOCAL_BATCH_SIZE", assertThrows(ConfigurationException.class,
                () -> StackSettings.from(Environment.of(Map.of("LOCAL_BATCH_SIZE", "11")::get), withModel)).variable());
        assertEquals("LOCAL_JWT_SECRET", assertThrows(ConfigurationException.class,
                () -> StackSettings.from(Environment.of(Map.of("LOCAL_JWT_SECRET", "short")::get), withModel)).variable());
    }

    @Test
    void startingOutsideTheRepositorySaysWhereTheModelWasLookedFor() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> StackSettings.from(Environment.of(Map.<String, String>of()::get), root));

        assertEquals("MUSICREC_ROOT", e.variable());
        assertTrue(e.getMessage().contains("model-artifacts"), e.getMessage());
    }

    @Test
    void theSecretIsNeverPrinted() throws Exception {
        String secret = "s".repeat(40);
        StackSettings settings = StackSettings.from(Environment.of(Map.of("LOCAL_JWT_SECRET", secret)::get), withModel());

        assertTrue(!settings.toString().contains(secret), settings.toString());
    }
}
