package io.musicrec.ml;

import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.platform.models.ModelProvider;
import java.util.List;
import java.util.Objects;

/** The stateless ML service: recommendations for a listening history, over the current model. */
public final class ModelRecommendations {

    /**
     * What the service answered.
     *
     * @param modelId         the model that computed it
     * @param mode            the mode used
     * @param recommendations best first
     */
    public record Answer(String modelId, Mode mode, List<Recommendation> recommendations) {
        /** Copies the list. */
        public Answer {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(mode, "mode");
            recommendations = List.copyOf(recommendations);
        }
    }

    private final ModelProvider models;
    private final Mode defaultMode;

    /**
     * @param models      the container's current model
     * @param defaultMode the mode when a request names none ({@code RECOMMENDER_MODE})
     */
    public ModelRecommendations(ModelProvider models, Mode defaultMode) {
        this.models = Objects.requireNonNull(models, "models");
        this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    }

    /**
     * Up to {@code request.n()} artists not in the request's plays, best first.
     *
     * @throws io.musicrec.platform.models.ModelStoreException when no model can be loaded
     */
    public Answer recommend(ModelRecommendationRequest request) {
        Model model = models.current();
        Mode mode = request.mode().orElse(defaultMode);
        return new Answer(model.id(), mode, Recommender.of(mode, model).recommend(request.plays(), request.n()));
    }
}
