package io.musicrec.platform.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.michaelthelin.spotify.model_objects.specification.AlbumSimplified;
import se.michaelthelin.spotify.model_objects.specification.ArtistSimplified;
import se.michaelthelin.spotify.model_objects.specification.ExternalUrl;
import se.michaelthelin.spotify.model_objects.specification.Image;
import se.michaelthelin.spotify.model_objects.specification.Track;

/** Picking the song out of a search's tracks, on tracks built as the client would parse them. */
class MostPopularOwnTrackTest {

    @Test
    void mostPopularTrackCreditedToTheArtistWins() {
        Track[] tracks = {track("Karma Police", 78, "Radiohead"), track("Creep", 85, "Radiohead"), track("No Surprises", 80, "Radiohead")};

        assertEquals("Creep", pick(tracks, "Radiohead").orElseThrow().name());
    }

    @Test
    void coverCreditedToOthersLosesHoweverPopular() {
        Track[] tracks = {track("Creep (Karaoke)", 99, "Karaoke Stars", "Radiohead Tribute"), track("Creep", 85, "Radiohead")};

        assertEquals("Creep", pick(tracks, "Radiohead").orElseThrow().name());
    }

    @Test
    void collaborationCountsAsTheArtistsOwnAndKeepsSpotifysSpelling() {
        Track[] tracks = {track("Solo", 50, "Björk"), track("Duet", 60, "Thom Yorke", "BJÖRK")};

        Song song = pick(tracks, "  björk ").orElseThrow();

        assertEquals("Duet", song.name());
        assertEquals("BJÖRK", song.artistName());
    }

    @Test
    void namesThatDifferOnlyInUnicodeFormOrSpacingMatch() {
        Track[] tracks = {track("Hoppípolla", 70, "Sigur Ro\u0301s")};

        assertEquals("Hoppípolla", pick(tracks, "Sigur  Rós").orElseThrow().name());
    }

    @Test
    void tieGoesToSpotifysOrder() {
        Track[] tracks = {track("First", 70, "Muse"), track("Second", 70, "Muse")};

        assertEquals("First", pick(tracks, "Muse").orElseThrow().name());
    }

    @Test
    void onlyOtherArtistsTracksMeansNotFound() {
        Track[] tracks = {track("Uprising (Tribute)", 90, "Tribute Band", "Muse Fans")};

        assertEquals(Optional.empty(), pick(tracks, "Muse"));
        assertEquals(Optional.empty(), pick(new Track[0], "Muse"));
        assertEquals(Optional.empty(), pick(null, "Muse"));
    }

    @Test
    void largestAlbumImageAndTheSpotifyLinkAreTaken() {
        Track track = new Track.Builder()
                .setName("Creep")
                .setPopularity(85)
                .setArtists(new ArtistSimplified.Builder().setName("Radiohead").build())
                .setAlbum(new AlbumSimplified.Builder().setImages(image(64), image(640), image(300)).build())
                .setExternalUrls(new ExternalUrl.Builder().setExternalUrls(Map.of("spotify", "https://open.spotify.com/track/abc")).build())
                .build();

        assertEquals(new Song("Creep", "https://i.scdn.co/image/640", "https://open.spotify.com/track/abc", "Radiohead"),
                pick(new Track[] {track}, "Radiohead").orElseThrow());
    }

    @Test
    void trackWithoutAlbumImagesOrLinkStillGivesTheSong() {
        assertEquals(new Song("Creep", null, null, "Radiohead"), pick(new Track[] {track("Creep", 85, "Radiohead")}, "Radiohead").orElseThrow());
    }

    @Test
    void queryIsTheArtistFieldFilterWithoutInnerQuotes() {
        assertEquals("artist:\"Radiohead\"", SpotifyTrackLookup.query(" Radiohead "));
        assertEquals("artist:\"The  Band\"", SpotifyTrackLookup.query("The \"Band\""));
    }

    private static Optional<Song> pick(Track[] tracks, String artist) {
        return SpotifyTrackLookup.mostPopularOwnTrack(tracks, SpotifyTrackLookup.comparable(artist));
    }

    private static Track track(String name, int popularity, String... artists) {
        ArtistSimplified[] credited = new ArtistSimplified[artists.length];
        for (int i = 0; i < artists.length; i++) {
            credited[i] = new ArtistSimplified.Builder().setName(artists[i]).build();
        }
        return new Track.Builder().setName(name).setPopularity(popularity).setArtists(credited).build();
    }

    private static Image image(int size) {
        return new Image.Builder().setWidth(size).setHeight(size).setUrl("https://i.scdn.co/image/" + size).build();
    }
}
