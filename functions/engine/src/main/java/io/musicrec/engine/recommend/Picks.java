package io.musicrec.engine.recommend;

import io.musicrec.engine.internal.IntIntMap;
import io.musicrec.engine.model.ArtistIndex;
import java.util.ArrayList;
import java.util.List;

/** The list being built: each artist at most once, with its score and the seeds it came from. */
final class Picks {
    private final IntIntMap position;
    private final List<Integer> artists;
    private final List<Double> scores;
    private final List<List<Integer>> because;

    Picks(int capacity) {
        position = new IntIntMap(Math.max(capacity, 4));
        artists = new ArrayList<>(capacity);
        scores = new ArrayList<>(capacity);
        because = new ArrayList<>(capacity);
    }

    boolean claimed(int artist) {
        return position.get(artist) >= 0;
    }

    int size() {
        return artists.size();
    }

    void claim(int artist, double score, List<Integer> seeds) {
        int at = position.putIfAbsent(artist, artists.size());
        if (at != artists.size()) {
            throw new IllegalStateException("artist index " + artist + " picked twice");
        }
        artists.add(artist);
        scores.add(score);
        because.add(new ArrayList<>(seeds));
    }

    /** Adds {@code seedId} to the reasons of an artist already picked, once. */
    void addBecause(int artist, int seedId) {
        List<Integer> reasons = because.get(position.get(artist));
        if (!reasons.contains(seedId)) {
            reasons.add(seedId);
        }
    }

    double score(int slot) {
        return scores.get(slot);
    }

    List<Recommendation> toList(ArtistIndex index) {
        List<Recommendation> out = new ArrayList<>(artists.size());
        for (int i = 0; i < artists.size(); i++) {
            out.add(new Recommendation(index.id(artists.get(i)), scores.get(i), because.get(i)));
        }
        return out;
    }
}
