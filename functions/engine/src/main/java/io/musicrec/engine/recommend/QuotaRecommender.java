package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.List;

/**
 * The founding design, made sound. Each played artist (a seed) gets a share of the N slots in
 * proportion to its plays ({@link Apportionment}); seeds in order of plays fill their slots with
 * their most similar artists ({@link io.musicrec.engine.model.Model#similarity}: cosine on the item
 * factors, shrunk for artists with few listeners). An artist the user played, or one
 * already picked, is passed over for the next most similar; a seed that passes over an artist
 * another seed picked joins that artist's {@code because}. The list is the seeds' picks
 * concatenated, as the design has it; the score is the similarity to the seed that picked it.
 */
final class QuotaRecommender extends AbstractRecommender {
    QuotaRecommender(Model model) {
        super(model, Mode.QUOTA);
    }

    @Override
    List<Recommendation> recommendFor(UserHistory history, int n) {
        int[] slots = Apportionment.largestRemainder(history.seedPlays, history.seedId, n);
        Picks picks = new Picks(n);
        for (int s = 0; s < history.seeds(); s++) {
            int need = slots[s];
            if (need == 0) {
                continue;
            }
            int seedId = history.seedId[s];
            NeighbourWalk walk = new NeighbourWalk(model, history.seedIndex[s]);
            while (need > 0 && walk.next()) {
                int candidate = walk.artist();
                if (history.played(candidate)) {
                    continue;
                }
                if (picks.claimed(candidate)) {
                    picks.addBecause(candidate, seedId);
                    continue;
                }
                picks.claim(candidate, walk.similarity(), List.of(seedId));
                need--;
            }
        }
        return picks.toList(model.artists());
    }
}
