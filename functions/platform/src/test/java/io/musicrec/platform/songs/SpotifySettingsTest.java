package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.config.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpotifySettingsTest {

    private static final Map<String, String> CREDENTIALS = Map.of(
            "SPOTIFY_CLIENT_ID", "id-123", "SPOTIFY_CLIENT_SECRET", "s3cr3t-value");

    @Test
    void unsetUrlsPointAtSpotifyAndTimeoutsAreAFewSecondsAtMost() {
        SpotifySettings settings = SpotifySettings.fromEnvironment(CREDENTIALS);

        assertEquals(URI.create("https://api.spotify.com"), settings.apiUrl());
        assertEquals(URI.create("https://accounts.spotify.com"), settings.accountsUrl());
        assertTrue(settings.hasCredentials());
        assertTrue(settings.connectTimeout().compareTo(Duration.ofSeconds(2)) <= 0);
        assertTrue(settings.responseTimeout().compareTo(Duration.ofSeconds(3)) <= 0);
    }

    @Test
    void urlsComeFromTheEnvironment() {
        SpotifySettings settings = SpotifySettings.fromEnvironment(Map.of(
                "SPOTIFY_API_URL", "http://127.0.0.1:4567", "SPOTIFY_ACCOUNTS_URL", "http://127.0.0.1:4568/"));

        assertEquals(URI.create("http://127.0.0.1:4567"), settings.apiUrl());
        assertEquals(URI.create("http://127.0.0.1:4568/"), settings.accountsUrl());
    }

    @Test
    void noCredentialsAtAllIsAllowed() {
        assertFalse(SpotifySettings.fromEnvironment(Map.of("SPOTIFY_CLIENT_ID", " ")).hasCredentials());
    }

    @Test
    void halfACredentialPairIsRefusedNamingTheMissingVariable() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> SpotifySettings.fromEnvironment(Map.of("SPOTIFY_CLIENT_ID", "id-123")));

        assertEquals("SPOTIFY_CLIENT_SECRET", refused.variable());
        assertTrue(refused.getMessage().startsWith("SPOTIFY_CLIENT_SECRET is not set"), refused.getMessage());
    }

    @Test
    void urlThatIsNotABaseUrlIsRefusedNamingTheVariable() {
        for (String url : new String[] {"ftp://api.example", "https://api.example/v1", "api.example", "https://x/?q=1", "::"}) {
            ConfigurationException refused = assertThrows(ConfigurationException.class,
                    () -> SpotifySettings.fromEnvironment(Map.of("SPOTIFY_API_URL", url)), url);
            assertTrue(refused.getMessage().startsWith("SPOTIFY_API_URL "), refused.getMessage());
        }
    }

    @Test
    void secretIsNeverShown() {
        SpotifySettings settings = SpotifySettings.fromEnvironment(CREDENTIALS);

        assertFalse(settings.toString().contains("s3cr3t-value"), settings.toString());
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> SpotifySettings.fromEnvironment(Map.of("SPOTIFY_ACCOUNTS_URL", "https://id:s3cr3t-value@accounts.example")));
        assertFalse(refused.getMessage().contains("s3cr3t-value"), refused.getMessage());
    }
}
