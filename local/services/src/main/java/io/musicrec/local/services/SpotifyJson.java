package io.musicrec.local.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Spotify Web API objects as Spotify writes them: the paging object of a search, full track objects
 * with their simplified album and artists, and the two error shapes (accounts service and Web API).
 * Field names and nesting follow the Web API reference and the fixtures of spotify-web-api-java.
 */
final class SpotifyJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final List<String> MARKETS = List.of("DE", "GB", "SE", "US");

    private SpotifyJson() {
    }

    /** A catalog entry as a search hit: the track and the artist it is filed under. */
    record Hit(String artistName, SpotifyStandIn.Track track) {

        /** The artists credited on the track: its own list, or the artist it is filed under. */
        List<String> credited() {
            return track.artists().isEmpty() ? List.of(artistName) : track.artists();
        }
    }

    /** {@code {"tracks": {href, items, limit, next, offset, previous, total}}}. */
    static ObjectNode searchResult(String baseUrl, String query, List<Hit> page, int limit, int offset, int total) {
        ObjectNode tracks = MAPPER.createObjectNode();
        tracks.put("href", searchUrl(baseUrl, query, offset, limit));
        ArrayNode items = tracks.putArray("items");
        page.forEach(hit -> items.add(track(baseUrl, hit)));
        tracks.put("limit", limit);
        if (offset + limit < total) {
            tracks.put("next", searchUrl(baseUrl, query, offset + limit, limit));
        } else {
            tracks.putNull("next");
        }
        tracks.put("offset", offset);
        if (offset > 0) {
            tracks.put("previous", searchUrl(baseUrl, query, Math.max(0, offset - limit), limit));
        } else {
            tracks.putNull("previous");
        }
        tracks.put("total", total);
        ObjectNode result = MAPPER.createObjectNode();
        result.set("tracks", tracks);
        return result;
    }

    private static String searchUrl(String baseUrl, String query, int offset, int limit) {
        // Spotify writes "query=" in these links although requests use "q=".
        return baseUrl + "/v1/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&type=track&offset=" + offset + "&limit=" + limit;
    }

    /** A full track object. */
    static ObjectNode track(String baseUrl, Hit hit) {
        String mainArtist = hit.credited().get(0);
        String trackId = spotifyId("track", mainArtist, hit.track().name());
        String albumName = hit.track().name() + " (Single)";
        String albumId = spotifyId("album", mainArtist, albumName);

        ObjectNode album = MAPPER.createObjectNode();
        album.put("album_type", "single");
        album.putArray("artists").add(artist(baseUrl, mainArtist));
        markets(album.putArray("available_markets"));
        album.putObject("external_urls").put("spotify", "https://open.spotify.com/album/" + albumId);
        album.put("href", baseUrl + "/v1/albums/" + albumId);
        album.put("id", albumId);
        ArrayNode images = album.putArray("images");
        for (int size : new int[] {640, 300, 64}) {
            images.addObject()
                    .put("height", size)
                    .put("url", "https://i.scdn.co/image/" + imageId(albumId, size))
                    .put("width", size);
        }
        album.put("name", albumName);
        album.put("release_date", "2001-01-01");
        album.put("release_date_precision", "day");
        album.put("total_tracks", 1);
        album.put("type", "album");
        album.put("uri", "spotify:album:" + albumId);

        ObjectNode track = MAPPER.createObjectNode();
        track.set("album", album);
        ArrayNode artists = track.putArray("artists");
        hit.credited().forEach(name -> artists.add(artist(baseUrl, name)));
        markets(track.putArray("available_markets"));
        track.put("disc_number", 1);
        track.put("duration_ms", 180_000 + Math.floorMod(trackId.hashCode(), 120_000));
        track.put("explicit", false);
        track.putObject("external_ids").put("isrc", "QZLOC" + Math.floorMod(trackId.hashCode(), 10_000_000));
        track.putObject("external_urls").put("spotify", "https://open.spotify.com/track/" + trackId);
        track.put("href", baseUrl + "/v1/tracks/" + trackId);
        track.put("id", trackId);
        track.put("is_local", false);
        track.put("name", hit.track().name());
        track.put("popularity", hit.track().popularity());
        track.putNull("preview_url");
        track.put("track_number", 1);
        track.put("type", "track");
        track.put("uri", "spotify:track:" + trackId);
        return track;
    }

    /** A simplified artist object. */
    private static ObjectNode artist(String baseUrl, String name) {
        String id = spotifyId("artist", name, "");
        ObjectNode artist = MAPPER.createObjectNode();
        artist.putObject("external_urls").put("spotify", "https://open.spotify.com/artist/" + id);
        artist.put("href", baseUrl + "/v1/artists/" + id);
        artist.put("id", id);
        artist.put("name", name);
        artist.put("type", "artist");
        artist.put("uri", "spotify:artist:" + id);
        return artist;
    }

    private static void markets(ArrayNode markets) {
        MARKETS.forEach(markets::add);
    }

    /** Web API errors: {@code {"error": {"status": 401, "message": "..."}}}. */
    static ObjectNode apiError(int status, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("status", status).put("message", message);
        return body;
    }

    /** Accounts service errors: {@code {"error": "invalid_client", "error_description": "..."}}. */
    static ObjectNode accountsError(String error, String description) {
        return MAPPER.createObjectNode().put("error", error).put("error_description", description);
    }

    /**
     * A stable 22-character base62 id, like Spotify's, derived from what the object is, so the same
     * catalog gives the same ids in every run.
     */
    static String spotifyId(String kind, String artistName, String name) {
        BigInteger value = new BigInteger(1, sha256(kind + "\u0000" + artistName + "\u0000" + name));
        StringBuilder id = new StringBuilder();
        BigInteger base = BigInteger.valueOf(62);
        while (id.length() < 22) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(base);
            id.append(BASE62.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        return id.toString();
    }

    private static String imageId(String albumId, int size) {
        return HexFormat.of().formatHex(sha256(albumId + size)).substring(0, 40);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
