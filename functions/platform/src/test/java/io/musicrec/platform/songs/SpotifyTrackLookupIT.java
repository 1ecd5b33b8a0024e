package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.local.services.SecretsManagerStandIn;
import io.musicrec.local.services.SpotifyStandIn;
import io.musicrec.local.services.SpotifyStandIn.Failure;
import io.musicrec.local.services.SpotifyStandIn.Track;
import io.musicrec.local.services.testing.MutableClock;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.SecretSettings;
import io.musicrec.platform.lifecycle.OpenedClients;
import io.musicrec.platform.secrets.Secrets;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SpotifyTrackLookup} against the Spotify stand-in, which speaks Spotify's wire format. */
class SpotifyTrackLookupIT {

    /** For the tests of a silent Spotify; the others use the production timeouts. */
    private static final Duration SHORT = Duration.ofMillis(400);

    private SpotifyStandIn spotify;
    private MutableClock clock;
    private SpotifyTrackLookup lookup;

    @BeforeEach
    void startSpotify() {
        spotify = SpotifyStandIn.start(0)
                .addArtist("Radiohead", List.of(
                        new Track("Karma Police", 78),
                        new Track("Creep (Karaoke Version)", 95, List.of("Karaoke Stars")),
                        new Track("Creep", 85),
                        new Track("No Surprises", 80)))
                .addArtist("Only Covers", List.of(new Track("Someone's Hit", 60, List.of("Someone Else"))));
        clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        lookup = lookup(SpotifyStandIn.CLIENT_SECRET);
    }

    @AfterEach
    void stopSpotify() {
        lookup.close();
        spotify.close();
    }

    @Test
    void findsTheArtistsOwnMostPopularTrackWithImageAndLink() {
        Song song = lookup.mostPopularSong("Radiohead").orElseThrow();

        assertEquals("Creep", song.name(), "the karaoke cover is more popular but not Radiohead's");
        assertEquals("Radiohead", song.artistName());
        assertTrue(song.image().startsWith("https://i.scdn.co/image/"), song.image());
        assertTrue(song.url().startsWith("https://open.spotify.com/track/"), song.url());
    }

    @Test
    void searchesOnceWithTheArtistFieldFilter() {
        lookup.mostPopularSong("Radiohead");

        assertEquals(List.of("artist:\"Radiohead\""), spotify.searchQueries());
    }

    @Test
    void catalogNameMatchesSpotifysIgnoringCaseAndSpaces() {
        Song song = lookup.mostPopularSong(" radiohead ").orElseThrow();

        assertEquals("Creep", song.name());
        assertEquals("Radiohead", song.artistName(), "as Spotify spells it");
    }

    @Test
    void artistWithoutTracksOfItsOwnIsNotFound() {
        assertEquals(Optional.empty(), lookup.mostPopularSong("Only Covers"));
        assertEquals(Optional.empty(), lookup.mostPopularSong("Nobody Famous"));
    }

    @Test
    void tokenIsFetchedOnceAndReusedAcrossLookups() {
        lookup.mostPopularSong("Radiohead");
        lookup.mostPopularSong("Only Covers");
        lookup.mostPopularSong("Radiohead");

        assertEquals(1, spotify.tokenRequests());
        assertEquals(3, spotify.searchRequests());
    }

    @Test
    void tokenIsRenewedShortlyBeforeItExpires() {
        lookup.mostPopularSong("Radiohead");
        clock.advance(Duration.ofSeconds(SpotifyStandIn.TOKEN_LIFETIME_SECONDS).minusMinutes(2));
        lookup.mostPopularSong("Radiohead");
        assertEquals(1, spotify.tokenRequests(), "still an hour's token with two minutes left");

        clock.advance(Duration.ofSeconds(90));
        lookup.mostPopularSong("Radiohead");

        assertEquals(2, spotify.tokenRequests(), "renewed within the last minute");
    }

    @Test
    void tokenSpotifyNoLongerAcceptsIsReplacedAndTheSearchRepeatedOnce() {
        lookup.mostPopularSong("Radiohead");
        spotify.expireTokens();

        assertEquals("Creep", lookup.mostPopularSong("Radiohead").orElseThrow().name());

        assertEquals(2, spotify.tokenRequests());
        assertEquals(3, spotify.searchRequests());
    }

    @Test
    void rateLimitedSearchIsUnavailableWithRetryAfterAndNotRetried() {
        spotify.failSearchWith(Failure.tooManyRequests(7));

        TrackLookupUnavailableException unavailable = assertThrows(TrackLookupUnavailableException.class,
                () -> lookup.mostPopularSong("Radiohead"));

        assertEquals(Optional.of(Duration.ofSeconds(7)), unavailable.retryAfter());
        assertEquals(1, spotify.searchRequests());
    }

    @Test
    void rateLimitedTokenRequestIsUnavailableWithRetryAfter() {
        spotify.failWith(Failure.tooManyRequests(11));

        TrackLookupUnavailableException unavailable = assertThrows(TrackLookupUnavailableException.class,
                () -> lookup.mostPopularSong("Radiohead"));

        assertEquals(Optional.of(Duration.ofSeconds(11)), unavailable.retryAfter());
        assertEquals(0, spotify.searchRequests());
    }

    @Test
    void serverErrorIsUnavailableAtOnce() {
        spotify.failSearchWith(Failure.serverError());

        long started = System.nanoTime();
        TrackLookupUnavailableException unavailable = assertThrows(TrackLookupUnavailableException.class,
                () -> lookup.mostPopularSong("Radiohead"));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1_500, "no retry, no wait");
        assertEquals(Optional.empty(), unavailable.retryAfter());
        assertEquals(1, spotify.searchRequests());
    }

    @Test
    void silentSpotifyIsUnavailableOnceTheResponseTimeoutPasses() {
        try (SpotifyTrackLookup impatient = lookup(SpotifyStandIn.CLIENT_SECRET, SHORT)) {
            impatient.mostPopularSong("Radiohead");
            spotify.failSearchWith(Failure.noAnswer());

            long started = System.nanoTime();
            assertThrows(TrackLookupUnavailableException.class, () -> impatient.mostPopularSong("Radiohead"));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertTrue(millis >= SHORT.toMillis() && millis < 2_000, millis + " ms");
            spotify.recover();
            assertEquals("Creep", impatient.mostPopularSong("Radiohead").orElseThrow().name(), "the next lookup works again");
        }
    }

    @Test
    void silentTokenEndpointIsUnavailableOnceTheResponseTimeoutPasses() {
        try (SpotifyTrackLookup impatient = lookup(SpotifyStandIn.CLIENT_SECRET, SHORT)) {
            spotify.failWith(Failure.noAnswer());

            long started = System.nanoTime();
            assertThrows(TrackLookupUnavailableException.class, () -> impatient.mostPopularSong("Radiohead"));

            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_000);
        }
    }

    @Test
    void unreachableSpotifyIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SpotifyTrackLookup nowhere = new SpotifyTrackLookup(SpotifySettings.of(SpotifyStandIn.CLIENT_ID,
                SpotifyStandIn.CLIENT_SECRET, URI.create("http://127.0.0.1:" + closedPort)).withTimeouts(SHORT, SHORT), clock)) {

            assertThrows(TrackLookupUnavailableException.class, () -> nowhere.mostPopularSong("Radiohead"));
        }
    }

    @Test
    void missingCredentialsAreUnavailableWithoutCallingSpotify() {
        try (SpotifyTrackLookup anonymous = new SpotifyTrackLookup(SpotifySettings.of(null, null, URI.create(spotify.baseUrl())), clock)) {

            TrackLookupUnavailableException unavailable = assertThrows(TrackLookupUnavailableException.class,
                    () -> anonymous.mostPopularSong("Radiohead"));

            assertTrue(unavailable.getMessage().contains("SPOTIFY_CLIENT_ID"), unavailable.getMessage());
        }
        assertEquals(0, spotify.tokenRequests());
        assertEquals(0, spotify.searchRequests());
    }

    @Test
    void refusedCredentialsAreUnavailableWithoutShowingTheSecret() {
        try (SpotifyTrackLookup wrong = lookup("not-the-secret-42")) {

            TrackLookupUnavailableException unavailable = assertThrows(TrackLookupUnavailableException.class,
                    () -> wrong.mostPopularSong("Radiohead"));

            assertTrue(unavailable.getMessage().contains("refused the client credentials"), unavailable.getMessage());
            assertFalse(unavailable.getMessage().contains("not-the-secret-42"), unavailable.getMessage());
        }
        assertEquals(0, spotify.searchRequests());
    }

    @Test
    void credentialsRotatedInTheSecretAreReadAgainWhenSpotifyRefusesTheKeptOnes() {
        try (SecretsManagerStandIn secretsManager = SecretsManagerStandIn.start(0);
             OpenedClients opened = new OpenedClients("the test")) {
            String arn = secretsManager.putSecret("musicrec-spotify",
                    "{\"spotify_client_id\":\"" + SpotifyStandIn.CLIENT_ID + "\",\"spotify_client_secret\":\"revoked\"}");
            Secrets secrets = Secrets.open(SecretSettings.from(Environment.of(Map.of("SECRET_ARN", arn,
                    "SECRETS_MANAGER_ENDPOINT", secretsManager.endpoint(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")::get)),
                    clock, opened);
            secretsManager.putSecret("musicrec-spotify",
                    "{\"spotify_client_id\":\"" + SpotifyStandIn.CLIENT_ID + "\",\"spotify_client_secret\":\"" + SpotifyStandIn.CLIENT_SECRET + "\"}");
            clock.advance(Secrets.MIN_REFRESH_INTERVAL);
            try (SpotifyTrackLookup fromSecret = new SpotifyTrackLookup(SpotifySettings.of(null, null, URI.create(spotify.baseUrl())),
                    secrets, clock)) {

                assertEquals("Creep", fromSecret.mostPopularSong("Radiohead").orElseThrow().name());
            }
            assertEquals(2, spotify.tokenRequests(), "refused with the kept secret, granted with the rotated one");
            assertEquals(2, secretsManager.getSecretValueRequests(), "at init, and once after the refusal");
        }
    }

    private SpotifyTrackLookup lookup(String secret) {
        return new SpotifyTrackLookup(SpotifySettings.of(SpotifyStandIn.CLIENT_ID, secret, URI.create(spotify.baseUrl())), clock);
    }

    private SpotifyTrackLookup lookup(String secret, Duration timeout) {
        return new SpotifyTrackLookup(SpotifySettings.of(SpotifyStandIn.CLIENT_ID, secret, URI.create(spotify.baseUrl()))
                .withTimeouts(timeout, timeout), clock);
    }
}
