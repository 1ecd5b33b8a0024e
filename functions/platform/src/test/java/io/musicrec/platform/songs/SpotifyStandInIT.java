package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.local.services.SpotifyStandIn;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ParseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.SpotifyHttpManager;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;
import se.michaelthelin.spotify.exceptions.detailed.BadRequestException;
import se.michaelthelin.spotify.exceptions.detailed.InternalServerErrorException;
import se.michaelthelin.spotify.exceptions.detailed.TooManyRequestsException;
import se.michaelthelin.spotify.exceptions.detailed.UnauthorizedException;
import se.michaelthelin.spotify.model_objects.credentials.ClientCredentials;
import se.michaelthelin.spotify.model_objects.specification.ArtistSimplified;
import se.michaelthelin.spotify.model_objects.specification.Paging;
import se.michaelthelin.spotify.model_objects.specification.Track;

/**
 * Drives the stand-in (local/services) with spotify-web-api-java 9.4.0 and the accounts redirect
 * that production uses, so the stand-in is checked against the real client here, beside that code.
 */
class SpotifyStandInIT {

    private SpotifyStandIn spotify;

    @BeforeEach
    void startStandIn() {
        Map<String, List<SpotifyStandIn.Track>> catalog = new LinkedHashMap<>();
        catalog.put("Radiohead", List.of(
                new SpotifyStandIn.Track("Karma Police", 78),
                new SpotifyStandIn.Track("Creep", 85),
                new SpotifyStandIn.Track("No Surprises", 80)));
        catalog.put("Muse", List.of(
                new SpotifyStandIn.Track("Supermassive Black Hole", 71),
                new SpotifyStandIn.Track("Uprising (Tribute)", 90, List.of("Tribute Band", "Muse Fans"))));
        spotify = SpotifyStandIn.start(0, catalog);
    }

    @AfterEach
    void stopStandIn() {
        spotify.close();
    }

    @Test
    void clientCredentialsGrantReturnsABearerToken() throws Exception {
        ClientCredentials credentials = api(SpotifyStandIn.CLIENT_SECRET, 5_000).clientCredentials().build().execute();

        assertNotNull(credentials.getAccessToken());
        assertEquals("Bearer", credentials.getTokenType());
        assertEquals(3600, credentials.getExpiresIn());
        assertEquals(1, spotify.tokenRequests());
    }

    @Test
    void wrongClientSecretIsRejectedAsInvalidClient() {
        SpotifyApi api = api("wrong-secret", 5_000);

        BadRequestException rejected = assertThrows(BadRequestException.class, () -> api.clientCredentials().build().execute());
        assertEquals("Invalid client secret", rejected.getMessage());
    }

    @Test
    void searchReturnsTheArtistsTracksAsFullTrackObjects() throws Exception {
        SpotifyApi api = authorised();

        Paging<Track> page = api.searchTracks("artist:\"radiohead\"").limit(10).build().execute();

        assertEquals(3, page.getTotal());
        assertEquals(List.of("Karma Police", "Creep", "No Surprises"),
                Arrays.stream(page.getItems()).map(Track::getName).toList());
        Track creep = page.getItems()[1];
        assertEquals(85, creep.getPopularity());
        assertEquals(List.of("Radiohead"), Arrays.stream(creep.getArtists()).map(ArtistSimplified::getName).toList());
        assertTrue(creep.getExternalUrls().get("spotify").startsWith("https://open.spotify.com/track/"));
        assertEquals(22, creep.getId().length());
        assertEquals("spotify:track:" + creep.getId(), creep.getUri());
        assertEquals(640, creep.getAlbum().getImages()[0].getHeight());
        assertTrue(creep.getAlbum().getImages()[0].getUrl().startsWith("https://i.scdn.co/image/"));
        assertEquals(List.of("artist:\"radiohead\""), spotify.searchQueries());
    }

    @Test
    void coverFiledUnderAnArtistIsFoundButCreditedToItsOwnArtists() throws Exception {
        Paging<Track> page = authorised().searchTracks("Muse").build().execute();

        assertEquals(2, page.getTotal());
        Track cover = page.getItems()[1];
        assertEquals("Uprising (Tribute)", cover.getName());
        assertEquals(List.of("Tribute Band", "Muse Fans"),
                Arrays.stream(cover.getArtists()).map(ArtistSimplified::getName).toList());
    }

    @Test
    void searchPagesThroughResultsWithLimitAndOffset() throws Exception {
        SpotifyApi api = authorised();

        Paging<Track> second = api.searchTracks("Radiohead").limit(2).offset(2).build().execute();

        assertEquals(3, second.getTotal());
        assertEquals(List.of("No Surprises"), Arrays.stream(second.getItems()).map(Track::getName).toList());
        assertEquals(null, second.getNext());
        assertNotNull(second.getPrevious());
    }

    @Test
    void searchForAnUnknownArtistFindsNothing() throws Exception {
        Paging<Track> page = authorised().searchTracks("Nobody Famous").build().execute();

        assertEquals(0, page.getTotal());
        assertEquals(0, page.getItems().length);
    }

    @Test
    void searchWithoutAValidTokenIsUnauthorised() {
        SpotifyApi api = SpotifyApi.builder()
                .setScheme("http").setHost("127.0.0.1").setPort(spotify.port())
                .setAccessToken("not-a-token")
                .build();

        UnauthorizedException rejected = assertThrows(UnauthorizedException.class,
                () -> api.searchTracks("Radiohead").build().execute());
        assertEquals("The access token expired", rejected.getMessage());
    }

    @Test
    void expiredTokenIsUnauthorisedUntilANewOneIsFetched() throws Exception {
        SpotifyApi api = authorised();
        spotify.expireTokens();

        assertThrows(UnauthorizedException.class, () -> api.searchTracks("Muse").build().execute());
        api.setAccessToken(api.clientCredentials().build().execute().getAccessToken());
        assertEquals(2, api.searchTracks("Muse").build().execute().getTotal());
    }

    @Test
    void rateLimitedSearchArrivesAsTooManyRequestsWithRetryAfter() throws Exception {
        SpotifyApi api = authorised();
        spotify.failSearchWith(SpotifyStandIn.Failure.tooManyRequests(7));

        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> api.searchTracks("Radiohead").build().execute());
        assertEquals(7, limited.getRetryAfter());

        spotify.recover();
        assertEquals(3, api.searchTracks("Radiohead").build().execute().getTotal());
        assertEquals(2, spotify.searchRequests());
    }

    @Test
    void serverErrorArrivesAsInternalServerErrorForTokenAndSearch() throws Exception {
        SpotifyApi api = authorised();
        spotify.failWith(SpotifyStandIn.Failure.serverError());

        assertThrows(InternalServerErrorException.class, () -> api.clientCredentials().build().execute());
        assertThrows(InternalServerErrorException.class, () -> api.searchTracks("Radiohead").build().execute());
    }

    @Test
    void silentStandInMakesTheClientTimeOut() throws Exception {
        SpotifyApi api = authorised(300);
        spotify.failSearchWith(SpotifyStandIn.Failure.noAnswer());

        long started = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> api.searchTracks("Radiohead").build().execute());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "timed out by the client, not by the stand-in");

        spotify.recover();
        assertEquals(3, api.searchTracks("Radiohead").build().execute().getTotal());
    }

    @Test
    void countersCountEveryRequest() throws Exception {
        SpotifyApi api = authorised();
        api.searchTracks("Radiohead").build().execute();
        api.searchTracks("Muse").build().execute();

        assertEquals(1, spotify.tokenRequests());
        assertEquals(2, spotify.searchRequests());
        spotify.resetCounters();
        assertEquals(0, spotify.searchRequests());
    }

    private SpotifyApi authorised() throws IOException, SpotifyWebApiException, ParseException {
        return authorised(5_000);
    }

    private SpotifyApi authorised(int socketTimeoutMillis) throws IOException, SpotifyWebApiException, ParseException {
        SpotifyApi api = api(SpotifyStandIn.CLIENT_SECRET, socketTimeoutMillis);
        api.setAccessToken(api.clientCredentials().build().execute().getAccessToken());
        return api;
    }

    /** How production code points spotify-web-api-java 9.4.0 at the stand-in (or at Spotify). */
    private SpotifyApi api(String clientSecret, int socketTimeoutMillis) {
        SpotifyHttpManager http = new SpotifyHttpManager.Builder().setSocketTimeout(socketTimeoutMillis).build();
        URI apiUrl = URI.create(spotify.baseUrl());
        return SpotifyApi.builder()
                .setClientId(SpotifyStandIn.CLIENT_ID)
                .setClientSecret(clientSecret)
                .setHttpManager(new AccountsRedirectingHttpManager(http, URI.create(spotify.baseUrl())))
                .setScheme(apiUrl.getScheme())
                .setHost(apiUrl.getHost())
                .setPort(apiUrl.getPort())
                .build();
    }
}
