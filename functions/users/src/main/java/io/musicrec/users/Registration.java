package io.musicrec.users;

import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationCache;
import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.platform.catalog.Artist;
import io.musicrec.platform.plays.PlayStore;
import io.musicrec.platform.songs.Song;
import io.musicrec.platform.songs.SongAnswer;
import io.musicrec.platform.songs.SongEnricher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers users and gives each a first document: {@value #SUGGESTIONS} catalog artists drawn by
 * listeners ({@link Popularity}, which follows the published model, so no model or S3 is needed here),
 * with songs and {@code total_plays} 0, so any computed document replaces it. Must not miss: it is
 * stored with {@code putIfAbsent}, so a repeat never replaces a computed document or a concurrent
 * registration's suggestions, and computed before the user row is written, so a failure ({@link
 * NoSuggestionsException}) leaves nothing behind.
 */
public final class Registration {

    /** How many artists a new user is offered. */
    public static final int SUGGESTIONS = 20;

    /**
     * The outcome.
     *
     * @param created  true when this call registered the user
     * @param document the user's recommendation document as JSON, as {@code GET /recommendations} serves it
     */
    public record Result(boolean created, String document) {
        /** The document is required. */
        public Result {
            Objects.requireNonNull(document, "document");
        }
    }

    private final PlayStore users;
    private final RecommendationCache cache;
    private final Popularity popularity;
    private final SongEnricher songs;
    private final SuggestionPicker picker;
    private final Clock clock;

    /** {@code clock} stamps the suggestions' {@code generated_at}. */
    public Registration(PlayStore users, RecommendationCache cache, Popularity popularity, SongEnricher songs, SuggestionPicker picker,
                        Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.popularity = Objects.requireNonNull(popularity, "popularity");
        this.songs = Objects.requireNonNull(songs, "songs");
        this.picker = Objects.requireNonNull(picker, "picker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers {@code userId} and returns their document.
     *
     * @throws NoSuggestionsException when suggestions are needed and no catalog artist has
     *     listeners; nothing is written then
     */
    public Result register(String userId) {
        Optional<String> stored = cache.getJson(userId);
        RecommendationDocument suggestions = stored.isPresent() ? null : suggestions();
        boolean created = users.register(userId);
        if (stored.isPresent()) {
            return new Result(created, stored.get());
        }
        if (cache.putIfAbsent(userId, suggestions)) {
            return new Result(created, CacheJson.write(suggestions));
        }
        // Someone else stored a document first (a concurrent registration, or the worker): theirs stands.
        return new Result(created, cache.getJson(userId).orElseGet(() -> CacheJson.write(suggestions)));
    }

    private RecommendationDocument suggestions() {
        List<Artist> artists = popularity.artists();
        if (artists.isEmpty()) {
            throw new NoSuggestionsException();
        }
        // Every artist drawn is in the catalog (that is where they come from), so exactly SUGGESTIONS are drawn.
        int[] drawn = picker.pick(artists.size(), index -> artists.get(index).listeners(), SUGGESTIONS);
        Map<Integer, String> chosen = new LinkedHashMap<>();
        for (int index : drawn) {
            chosen.put(artists.get(index).id(), artists.get(index).name());
        }
        Map<Integer, SongAnswer> answers = songs.songsFor(chosen);
        // Most listened-to first, so the first is the most listened-to.
        double most = artists.get(0).listeners();
        List<Item> items = new ArrayList<>(drawn.length);
        for (int index : drawn) {
            Artist artist = artists.get(index);
            Song song = answers.getOrDefault(artist.id(), SongAnswer.unknown()).song().orElse(null);
            items.add(new Item(artist.id(), artist.name(), song == null ? null : song.name(), song == null ? null : song.image(),
                    song == null ? null : song.url(), artist.listeners() / most, List.of()));
        }
        return new RecommendationDocument(RecommendationDocument.Status.SUGGESTIONS, null, clock.instant(), 0, items);
    }
}
