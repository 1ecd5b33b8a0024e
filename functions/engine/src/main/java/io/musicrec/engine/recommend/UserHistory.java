package io.musicrec.engine.recommend;

import io.musicrec.engine.internal.IntIntMap;
import io.musicrec.engine.model.Model;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's plays as the recommenders need them: repeats summed, zero counts dropped, artists the
 * model does not know set aside, the rest (the seeds) sorted by plays descending, then artist id.
 */
final class UserHistory {
    final int[] seedIndex;
    final int[] seedId;
    final long[] seedPlays;
    private final IntIntMap played;

    private UserHistory(int[] seedIndex, int[] seedId, long[] seedPlays) {
        this.seedIndex = seedIndex;
        this.seedId = seedId;
        this.seedPlays = seedPlays;
        this.played = new IntIntMap(Math.max(seedIndex.length, 4));
        for (int i = 0; i < seedIndex.length; i++) {
            played.putIfAbsent(seedIndex[i], i);
        }
    }

    static UserHistory of(List<UserPlay> plays, Model model) {
        Map<Integer, Long> merged = new LinkedHashMap<>();
        for (UserPlay p : plays) {
            if (p.plays() > 0) {
                merged.merge(p.artistId(), p.plays(), (a, b) -> {
                    long s = a + b;
                    return s < 0 ? Long.MAX_VALUE : s;
                });
            }
        }
        int[] ids = new int[merged.size()];
        int[] indexes = new int[merged.size()];
        long[] counts = new long[merged.size()];
        int n = 0;
        for (Map.Entry<Integer, Long> e : merged.entrySet()) {
            int index = model.artists().indexOf(e.getKey());
            if (index >= 0) {
                ids[n] = e.getKey();
                indexes[n] = index;
                counts[n] = e.getValue();
                n++;
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(ids[a], ids[b]));
        int[] seedIndex = new int[n];
        int[] seedId = new int[n];
        long[] seedPlays = new long[n];
        for (int i = 0; i < n; i++) {
            seedIndex[i] = indexes[order[i]];
            seedId[i] = ids[order[i]];
            seedPlays[i] = counts[order[i]];
        }
        return new UserHistory(seedIndex, seedId, seedPlays);
    }

    int seeds() {
        return seedIndex.length;
    }

    /** Whether the user played the artist at dense index {@code index}. */
    boolean played(int index) {
        return played.get(index) >= 0;
    }
}
