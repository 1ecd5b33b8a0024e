package io.musicrec.worker.recalculation;

import io.musicrec.cache.RecommendationCache;
import io.musicrec.cache.RecommendationDocument;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.platform.catalog.ArtistCatalog;
import io.musicrec.platform.config.RecommenderSettings;
import io.musicrec.platform.models.ModelProvider;
import io.musicrec.platform.plays.PlayHistory;
import io.musicrec.platform.plays.PlayStore;
import io.musicrec.platform.queue.RecalculationRequest;
import io.musicrec.platform.songs.Song;
import io.musicrec.platform.songs.SongAnswer;
import io.musicrec.platform.songs.SongEnricher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One user's recalculation: plays → model → recommendations → names → songs → one cached document.
 * Must not miss: the document records the total of the plays it read, not the message's, and is
 * written through {@link RecommendationCache#putIfNotOlder}, so redeliveries and stale containers cannot
 * overwrite newer work. A user with no plays is skipped; artists the catalog lacks are left out.
 * Store failures are thrown so SQS delivers the message again. One invocation at a time.
 */
public final class Recalculation {

    private final PlayStore plays;
    private final ModelProvider models;
    private final RecommenderSettings settings;
    private final ArtistCatalog catalog;
    private final SongEnricher songs;
    private final RecommendationCache cache;
    private final Clock clock;
    private Model recommenderModel;
    private Recommender recommender;

    /**
     * @param plays    the users' play counts
     * @param models   the model to recommend with
     * @param settings how many artists, in which mode
     * @param catalog  the artists' names
     * @param songs    the artists' most popular songs
     * @param cache    where the document goes
     * @param clock    stamps {@code generated_at}
     */
    public Recalculation(PlayStore plays, ModelProvider models, RecommenderSettings settings, ArtistCatalog catalog,
                         SongEnricher songs, RecommendationCache cache, Clock clock) {
        this.plays = Objects.requireNonNull(plays, "plays");
        this.models = Objects.requireNonNull(models, "models");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.songs = Objects.requireNonNull(songs, "songs");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Recomputes the user's recommendations and stores them unless a newer document is stored.
     *
     * @throws RuntimeException when the database, Redis or the model store fails (the message is
     *     then to be delivered again)
     */
    public RecalculationResult recalculate(RecalculationRequest request) {
        Objects.requireNonNull(request, "request");
        PlayHistory history = plays.history(request.userId());
        if (history.totalPlays() == 0) {
            return RecalculationResult.unknownUser();
        }
        Model model = models.current();
        List<Recommendation> recommendations = recommenderFor(model).recommend(history.plays(), settings.numberOfArtists());

        List<Integer> ids = recommendations.stream().map(Recommendation::artistId).toList();
        Map<Integer, String> catalogNames = catalog.names(ids);
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Integer id : ids) {
            String name = catalogNames.get(id);
            if (name != null) {
                names.put(id, name);
            }
        }
        Map<Integer, SongAnswer> answers = songs.songsFor(names);

        List<RecommendationDocument.Item> items = new ArrayList<>(names.size());
        int found = 0;
        int notFound = 0;
        for (Recommendation recommendation : recommendations) {
            String name = names.get(recommendation.artistId());
            if (name == null) {
                continue;
            }
            SongAnswer answer = answers.getOrDefault(recommendation.artistId(), SongAnswer.unknown());
            Song song = answer.song().orElse(null);
            if (song != null) {
                found++;
            } else if (answer.definite()) {
                notFound++;
            }
            items.add(new RecommendationDocument.Item(recommendation.artistId(), name,
                    song == null ? null : song.name(), song == null ? null : song.image(), song == null ? null : song.url(),
                    recommendation.score(), recommendation.because()));
        }
        RecommendationDocument document = new RecommendationDocument(RecommendationDocument.Status.READY, model.id(),
                clock.instant(), history.totalPlays(), items);
        boolean written = cache.putIfNotOlder(request.userId(), document, model.info().createdAt());
        RecalculationResult.SongCounts songCounts = new RecalculationResult.SongCounts(found, notFound, items.size() - found - notFound);
        return written
                ? RecalculationResult.written(history.totalPlays(), model.id(), items.size(), recommendations.size() - items.size(), songCounts)
                : RecalculationResult.newerKept(history.totalPlays(), model.id(), items.size(), recommendations.size() - items.size(), songCounts);
    }

    /** The configured mode, built once per model (a new model replaces it). */
    private Recommender recommenderFor(Model model) {
        if (recommender == null || recommenderModel != model) {
            recommender = Recommender.of(settings.mode(), model);
            recommenderModel = model;
        }
        return recommender;
    }
}
