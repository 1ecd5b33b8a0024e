package io.musicrec.platform.songs;

import io.musicrec.platform.secrets.Secrets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import se.michaelthelin.spotify.IHttpManager;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.SpotifyHttpManager;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;
import se.michaelthelin.spotify.exceptions.detailed.BadRequestException;
import se.michaelthelin.spotify.exceptions.detailed.TooManyRequestsException;
import se.michaelthelin.spotify.exceptions.detailed.UnauthorizedException;
import se.michaelthelin.spotify.model_objects.credentials.ClientCredentials;
import se.michaelthelin.spotify.model_objects.specification.AlbumSimplified;
import se.michaelthelin.spotify.model_objects.specification.ArtistSimplified;
import se.michaelthelin.spotify.model_objects.specification.Image;
import se.michaelthelin.spotify.model_objects.specification.Paging;
import se.michaelthelin.spotify.model_objects.specification.Track;

/**
 * The {@link TrackLookup} on Spotify's Web API (client credentials): one search per artist, and of
 * the tracks credited to the artist (names compared ignoring case, spacing and compatibility forms)
 * the most popular, so covers by others are dropped. The token is kept until a minute before expiry;
 * a 401 fetches a new one once, and a refused token request rereads the secret once. Every failure
 * becomes {@link TrackLookupUnavailableException} at once: no retry of ours on top of the library's.
 */
public final class SpotifyTrackLookup implements TrackLookup, AutoCloseable {

    /** Tracks fetched per search: enough to get past the covers to the artist's own hits. */
    static final int SEARCH_LIMIT = 20;
    /** A token is replaced this long before it expires, so a search never carries a dying one. */
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(1);
    /** Enough pooled connections for the enricher's parallel lookups. */
    private static final int MAX_CONNECTIONS = 16;

    private final SpotifySettings settings;
    private final Secrets secrets;
    private final Clock clock;
    private final PoolingHttpClientConnectionManager connections;
    private final IHttpManager http;
    private final Object tokenLock = new Object();
    private volatile Token token;
    private volatile long failedTokenRequests;
    private TrackLookupUnavailableException lastTokenFailure;

    /**
     * @param settings credentials, URLs and timeouts
     * @param clock    decides when the token is due for renewal
     */
    public SpotifyTrackLookup(SpotifySettings settings, Clock clock) {
        this(settings, Secrets.none(), clock);
    }

    /**
     * @param settings URLs, timeouts, and the credentials used when the secret has none
     * @param secrets  the function's secret: the client credentials, read again when refused
     * @param clock    decides when the token is due for renewal
     */
    public SpotifyTrackLookup(SpotifySettings settings, Secrets secrets, Clock clock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout response = Timeout.of(settings.responseTimeout());
        // SpotifyHttpManager has no connect timeout of its own (only the response and pool-wait
        // ones), and Apache's default is three minutes: set it on the pool.
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .build())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .build();
        SpotifyHttpManager spotifyHttp = new SpotifyHttpManager.Builder()
                .setConnectionManager(connections)
                .setConnectionRequestTimeout((int) settings.connectTimeout().toMillis())
                .setSocketTimeout((int) settings.responseTimeout().toMillis())
                .build();
        this.http = new AccountsRedirectingHttpManager(spotifyHttp, settings.accountsUrl());
    }

    @Override
    public Optional<Song> mostPopularSong(String artistName) {
        Objects.requireNonNull(artistName, "artistName");
        if (!settings.hasCredentials() && secrets.value(Secrets.SPOTIFY_CLIENT_ID).isEmpty()) {
            throw new TrackLookupUnavailableException("Spotify credentials are not configured ("
                    + SpotifySettings.CLIENT_ID_VARIABLE + ", " + SpotifySettings.CLIENT_SECRET_VARIABLE + ")", null);
        }
        String wanted = comparable(artistName);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Paging<Track> page = search(query(artistName));
        return mostPopularOwnTrack(page.getItems(), wanted);
    }

    /**
     * Closes the pooled connections not in use, keeping the client: after a SnapStart restore, when
     * they are sockets from before the snapshot. The pool's stale check reads the socket locally and
     * cannot tell one the network dropped silently, which would cost a search its response timeout.
     * The token stays: it is valid until its expiry, judged by the clock, whichever environment uses it.
     */
    public void closeIdleConnections() {
        connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
    }

    /** Releases the pooled connections. */
    @Override
    public void close() {
        connections.close();
    }

    /** {@code artist:"Name"}: Spotify's field filter; quotes inside the name would end the phrase. */
    static String query(String artistName) {
        return "artist:\"" + artistName.replace('"', ' ').strip() + "\"";
    }

    /** The form in which a credited name and the wanted name must be equal. */
    static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The most popular of the tracks credited to the artist, as a song.
     *
     * @param tracks a search's tracks in Spotify's order; null entries are skipped
     * @param wanted the artist's name in {@link #comparable} form
     */
    static Optional<Song> mostPopularOwnTrack(Track[] tracks, String wanted) {
        Track best = null;
        ArtistSimplified credited = null;
        for (Track track : tracks == null ? new Track[0] : tracks) {
            Optional<ArtistSimplified> artist = creditedArtist(track, wanted);
            if (artist.isPresent() && (best == null || popularity(track) > popularity(best))) {
                best = track;
                credited = artist.get();
            }
        }
        if (best == null || best.getName() == null) {
            return Optional.empty();
        }
        String url = best.getExternalUrls() == null ? null : best.getExternalUrls().get("spotify");
        return Optional.of(new Song(best.getName(), largestImage(best.getAlbum()), url, credited.getName()));
    }

    private static Optional<ArtistSimplified> creditedArtist(Track track, String wanted) {
        if (track == null || track.getArtists() == null) {
            return Optional.empty();
        }
        for (ArtistSimplified artist : track.getArtists()) {
            if (artist != null && artist.getName() != null && comparable(artist.getName()).equals(wanted)) {
                return Optional.of(artist);
            }
        }
        return Optional.empty();
    }

    private static int popularity(Track track) {
        return track.getPopularity() == null ? 0 : track.getPopularity();
    }

    private static String largestImage(AlbumSimplified album) {
        if (album == null || album.getImages() == null) {
            return null;
        }
        Image largest = null;
        for (Image image : album.getImages()) {
            if (image != null && image.getUrl() != null && (largest == null || area(image) > area(largest))) {
                largest = image;
            }
        }
        return largest == null ? null : largest.getUrl();
    }

    private static long area(Image image) {
        long width = image.getWidth() == null ? 0 : image.getWidth();
        long height = image.getHeight() == null ? 0 : image.getHeight();
        return width * height;
    }

    private Paging<Track> search(String query) {
        Token current = token();
        try {
            return current.api().searchTracks(query).limit(SEARCH_LIMIT).build().execute();
        } catch (UnauthorizedException e) {
            forget(current);
        } catch (IOException | SpotifyWebApiException | ParseException | RuntimeException e) {
            throw unavailable("search", e);
        }
        try {
            return token().api().searchTracks(query).limit(SEARCH_LIMIT).build().execute();
        } catch (IOException | SpotifyWebApiException | ParseException | RuntimeException e) {
            throw unavailable("search (with a new token)", e);
        }
    }

    private Token token() {
        Token current = token;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current;
        }
        long failuresSeen = failedTokenRequests;
        synchronized (tokenLock) {
            current = token;
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current;
            }
            if (failedTokenRequests != failuresSeen) {
                // Another thread's token request failed while this one waited: share its answer
                // rather than queue up behind the lock for another timeout each.
                throw new TrackLookupUnavailableException(lastTokenFailure.getMessage(), lastTokenFailure,
                        lastTokenFailure.retryAfter().orElse(null));
            }
            try {
                token = fetchToken();
                return token;
            } catch (TrackLookupUnavailableException e) {
                lastTokenFailure = e;
                failedTokenRequests++;
                throw e;
            }
        }
    }

    private void forget(Token stale) {
        synchronized (tokenLock) {
            if (token == stale) {
                token = null;
            }
        }
    }

    private Token fetchToken() {
        try {
            return requestToken();
        } catch (TrackLookupUnavailableException e) {
            if (!(e.getCause() instanceof BadRequestException || e.getCause() instanceof UnauthorizedException) || !secrets.configured()) {
                throw e;
            }
            secrets.refresh();
            return requestToken();
        }
    }

    private Token requestToken() {
        Instant requested = clock.instant();
        ClientCredentials credentials;
        try {
            credentials = apiBuilder()
                    .setClientId(secrets.value(Secrets.SPOTIFY_CLIENT_ID).orElse(settings.clientId()))
                    .setClientSecret(secrets.value(Secrets.SPOTIFY_CLIENT_SECRET).orElse(settings.clientSecret()))
                    .build()
                    .clientCredentials().build().execute();
        } catch (BadRequestException | UnauthorizedException e) {
            // Spotify's message ("Invalid client secret") names no credential; ours neither.
            throw new TrackLookupUnavailableException("Spotify refused the client credentials ("
                    + SpotifySettings.CLIENT_ID_VARIABLE + ", " + SpotifySettings.CLIENT_SECRET_VARIABLE + "): "
                    + e.getMessage(), e);
        } catch (IOException | SpotifyWebApiException | ParseException | RuntimeException e) {
            throw unavailable("token request", e);
        }
        if (credentials == null || credentials.getAccessToken() == null) {
            throw new TrackLookupUnavailableException("Spotify's token answer carried no access token", null);
        }
        Duration lifetime = Duration.ofSeconds(credentials.getExpiresIn() == null ? 3600 : credentials.getExpiresIn());
        // A short-lived token is renewed halfway through rather than not at all.
        Duration margin = lifetime.dividedBy(2).compareTo(TOKEN_REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : TOKEN_REFRESH_MARGIN;
        SpotifyApi api = apiBuilder().setAccessToken(credentials.getAccessToken()).build();
        return new Token(api, requested.plus(lifetime).minus(margin));
    }

    private SpotifyApi.Builder apiBuilder() {
        URI api = settings.apiUrl();
        int port = api.getPort() != -1 ? api.getPort() : api.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return SpotifyApi.builder()
                .setHttpManager(http)
                .setScheme(api.getScheme())
                .setHost(api.getHost())
                .setPort(port);
    }

    private static TrackLookupUnavailableException unavailable(String what, Exception e) {
        if (e instanceof TooManyRequestsException limited) {
            Duration retryAfter = limited.getRetryAfter() > 0 ? Duration.ofSeconds(limited.getRetryAfter()) : null;
            return new TrackLookupUnavailableException("Spotify rate-limited the " + what
                    + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"), e, retryAfter);
        }
        if (e instanceof InterruptedIOException) {
            return new TrackLookupUnavailableException("Spotify did not answer the " + what + " in time: " + e, e);
        }
        if (e instanceof IOException) {
            return new TrackLookupUnavailableException("Spotify could not be reached for the " + what + ": " + e, e);
        }
        if (e instanceof SpotifyWebApiException) {
            return new TrackLookupUnavailableException("Spotify failed the " + what + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        return new TrackLookupUnavailableException("Spotify's answer to the " + what + " could not be read: " + e, e);
    }

    /** An access token and the instant after which it is renewed. */
    private record Token(SpotifyApi api, Instant renewAt) {
    }
}
