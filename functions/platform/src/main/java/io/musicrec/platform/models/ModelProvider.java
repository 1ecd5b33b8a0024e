package io.musicrec.platform.models;

import io.musicrec.engine.model.Model;
import io.musicrec.platform.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a warm Lambda container serves: loaded on first use, kept across invocations, and
 * swapped when the store's "current" pointer moves. The pointer is read at most once per
 * {@code recheck} (a minute in production), so a new model is picked up without a redeploy and
 * without an S3 request per invocation. If the check or the new model fails, the model already in
 * memory keeps serving and the failure is logged; only the very first load can fail a request.
 * Each pointer read that leaves a model serving emits {@value #MODEL_IN_USE} with the model's id as
 * the {@value #MODEL_ID} dimension, so the metric shows which model served, minute by minute.
 */
public final class ModelProvider {
    /** How often the pointer is read, at most. */
    public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(1);
    /** The metric: 1 per pointer read while a model serves. */
    public static final String MODEL_IN_USE = "ModelInUse";
    /** Its dimension besides the service: the model's id (a handful of values: one per publish). */
    public static final String MODEL_ID = "ModelId";

    private static final Logger LOG = LoggerFactory.getLogger(ModelProvider.class);

    private final ModelStore store;
    private final Clock clock;
    private final Duration recheck;
    private final Metrics metrics;
    private Model model;
    private String etag;
    private Instant checkedAt;

    /**
     * @param store   where the pointer and the models are
     * @param clock   decides when the pointer is read again
     * @param recheck how long a pointer read holds
     * @param metrics where {@value #MODEL_IN_USE} goes
     */
    public ModelProvider(ModelStore store, Clock clock, Duration recheck, Metrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheck = Objects.requireNonNull(recheck, "recheck");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A provider that emits no metrics (tests, the command line). */
    public ModelProvider(ModelStore store, Clock clock, Duration recheck) {
        this(store, clock, recheck, Metrics.discard("models"));
    }

    /** A provider that reads the pointer at most once a minute and emits no metrics. */
    public ModelProvider(ModelStore store, Clock clock) {
        this(store, clock, DEFAULT_RECHECK);
    }

    /**
     * The model to serve now.
     *
     * @throws ModelStoreException when no model has been loaded yet and none can be: nothing
     *     published, or the store unreachable
     */
    public synchronized Model current() {
        Instant now = clock.instant();
        if (model != null && checkedAt != null && now.isBefore(checkedAt.plus(recheck))) {
            return model;
        }
        checkedAt = now;
        try {
            Optional<ModelStore.Current> pointer = store.current();
            if (pointer.isEmpty()) {
                if (model == null) {
                    throw new ModelStoreException("no model has been published yet");
                }
                return model;
            }
            if (model == null || !pointer.get().etag().equals(etag)) {
                String id = pointer.get().modelId();
                if (model == null || !id.equals(model.id())) {
                    Model loaded = store.load(id);
                    LOG.info("serving model {} (was {})", id, model == null ? "none" : model.id());
                    model = loaded;
                }
                etag = pointer.get().etag();
            }
        } catch (RuntimeException e) {
            if (model == null) {
                throw e;
            }
            LOG.warn("model check failed, still serving {}: {}", model.id(), e.toString());
        }
        metrics.line().dimension(MODEL_ID, model.id()).count(MODEL_IN_USE, 1).emit();
        return model;
    }
}
