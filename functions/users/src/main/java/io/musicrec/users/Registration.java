package io.musicrec.api.users;

import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RecommendationCache;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.cache.RecommendationDocument.Item;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.catalog.ArtistCatalog;
import io.musicrec.platform.models.ModelProvider;
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
 * Registers users and gives each a first recommendation document: {@value #SUGGESTIONS} artists of
 * the current model drawn at random, weighted by their listeners, each with its most popular song,
 * with status {@code suggestions}.
 *
 * <ul>
 *   <li><b>Idempotent.</b> The first call creates the user ({@link Result#created()} true), later
 *       ones find them. Each returns the document the cache holds: on a repeat, the same
 *       suggestions, or the computed recommendations once the worker has written them.
 *   <li><b>Never overwrites.</b> Suggestions are stored with {@code putIfAbsent}, so a repeated or
 *       concurrent registration cannot replace a computed ({@code ready}) document or another
 *       registration's suggestions; the loser returns the winner's document.
 *   <li><b>Nothing written before it can succeed.</b> When the user has no document yet, the
 *       suggestions are computed (which needs the model) before the user row is written; without a
 *       model the call fails and leaves nothing behind. A user registered earlier whose document is
 *       gone (Redis flushed) gets new suggestions.
 *   <li>Suggestions carry {@code total_plays} 0 (they were computed from no plays), so any computed
 *       document replaces them; {@code score} is the artist's share of the model's training users
 *       who listened to it; {@code because} is empty. Artists missing from the catalog are skipped
 *       (twice as many are drawn as needed), so every suggestion can be played.
 * </ul>
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
    private final ModelProvider models;
    private final ArtistCatalog catalog;
    private final SongEnricher songs;
    private final SuggestionPicker picker;
    private final Clock clock;

    /**
     * @param users   where users are registered
     * @param cache   where recommendation documents live
     * @param models  the current model, for the artists and their popularity
     * @param catalog the artists users can play, for names
     * @param songs   each artist's most popular song
     * @param picker  the weighted draw
     * @param clock   the suggestions' {@code generated_at}
     */
    public Registration(PlayStore users, RecommendationCache cache, ModelProvider models, ArtistCatalog catalog,
                        SongEnricher songs, SuggestionPicker picker, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.models = Objects.requireNonNull(models, "models");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.songs = Objects.requireNonNull(songs, "songs");
        this.picker = Objects.requireNonNull(picker, "picker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers {@code userId} and returns their document.
     *
     * @throws io.musicrec.platform.models.ModelStoreException when suggestions are needed and no
     *     model can be loaded; nothing is written then
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
        Model model = models.current();
        int[] drawn = picker.pick(model.size(), model::listeners, 2 * SUGGESTIONS);
        Map<Integer, Integer> indexById = new LinkedHashMap<>();
        for (int index : drawn) {
            indexById.put(model.artists().id(index), index);
        }
        Map<Integer, String> names = catalog.names(indexById.keySet());
        Map<Integer, String> chosen = new LinkedHashMap<>();
        for (Integer id : indexById.keySet()) {
            String name = names.get(id);
            if (name != null && chosen.size() < SUGGESTIONS) {
                chosen.put(id, name);
            }
        }
        Map<Integer, SongAnswer> answers = songs.songsFor(chosen);
        double users = Math.max(1, model.trainingUsers());
        List<Item> items = new ArrayList<>(chosen.size());
        chosen.forEach((id, name) -> {
            Song song = answers.getOrDefault(id, SongAnswer.unknown()).song().orElse(null);
            items.add(new Item(id, name, song == null ? null : song.name(), song == null ? null : song.image(),
                    song == null ? null : song.url(), model.listeners(indexById.get(id)) / users, List.of()));
        });
        return new RecommendationDocument(RecommendationDocument.Status.SUGGESTIONS, model.id(), clock.instant(), 0, items);
    }
}
