package io.musicrec.engine.recommend;

import io.musicrec.engine.model.Model;
import java.util.ArrayList;
import java.util.List;

/** Most listeners first; score is the share of training users who played the artist. */
final class PopularRecommender extends AbstractRecommender {
    PopularRecommender(Model model) {
        super(model, Mode.POPULAR);
    }

    @Override
    List<Recommendation> recommendFor(UserHistory history, int n) {
        return top(model, history, n);
    }

    static List<Recommendation> top(Model model, UserHistory history, int n) {
        List<Recommendation> out = new ArrayList<>(Math.min(n, model.size()));
        double users = Math.max(1, model.trainingUsers());
        for (int rank = 0; rank < model.size() && out.size() < n; rank++) {
            int a = model.popular(rank);
            if (!history.played(a)) {
                out.add(new Recommendation(model.artists().id(a), model.listeners(a) / users, List.of()));
            }
        }
        return out;
    }
}
