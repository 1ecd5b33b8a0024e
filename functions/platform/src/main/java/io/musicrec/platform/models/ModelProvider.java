package io.musicrec.platform.models;

import io.musicrec.engine.model.Model;
import io.musicrec.platform.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a warm Lambda container serves: loaded on first use, kept across invocations, swapped
 * when the store's pointer moves (read at most once per {@code recheck}), so a new model needs no redeploy.
 *
 * <p>Must not miss: <b>a request never waits for the store once a model is in memory.</b> Checks and
 * loads run on the provider's own thread and a failed check leaves the current model serving; only
 * the very first load is waited for, at most {@code firstLoadWait}. Each check emits {@value
 * #MODEL_IN_USE} with the serving model's {@value #MODEL_ID}.
 */
public final class ModelProvider implements AutoCloseable {
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
    private final Duration firstLoadWait;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "model-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Metrics metrics;
    private volatile Model model;
    /** The pointer's ETag the model was loaded for; the loader thread's alone. */
    private String etag;
    /** When the running or last check started; guarded by this. */
    private Instant checkedAt;
    /** The running or last check; guarded by this. */
    private Future<?> check;

    /**
     * @param store         where models are published
     * @param clock         decides when the pointer is due for a check
     * @param recheck       how often the pointer is read, at most
     * @param firstLoadWait how long a caller waits while no model has loaded yet
     * @param metrics       where {@value #MODEL_IN_USE} goes
     */
    public ModelProvider(ModelStore store, Clock clock, Duration recheck, Duration firstLoadWait, Metrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheck = Objects.requireNonNull(recheck, "recheck");
        this.firstLoadWait = Objects.requireNonNull(firstLoadWait, "firstLoadWait");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A provider that emits no metrics (tests, the command line). */
    public ModelProvider(ModelStore store, Clock clock, Duration recheck, Duration firstLoadWait) {
        this(store, clock, recheck, firstLoadWait, Metrics.discard("models"));
    }

    /** Checks every {@link #DEFAULT_RECHECK}, waiting up to {@code firstLoadWait} for the first model; no metrics. */
    public ModelProvider(ModelStore store, Clock clock, Duration firstLoadWait) {
        this(store, clock, DEFAULT_RECHECK, firstLoadWait);
    }

    /**
     * The model to serve now: the one in memory at once (starting a check in the background when one
     * is due), or, before any has loaded, the first one, waiting at most {@code firstLoadWait}.
     *
     * @throws ModelStoreException when no model has been loaded yet and none loads in time: nothing
     *     published, or the store failing or not answering
     */
    public Model current() {
        Future<?> first;
        synchronized (this) {
            Instant now = clock.instant();
            boolean due = checkedAt == null || !now.isBefore(checkedAt.plus(recheck)) || model == null;
            if (due && (check == null || check.isDone())) {
                checkedAt = now;
                check = loader.submit(this::refresh);
            }
            Model loaded = model;
            if (loaded != null) {
                return loaded;
            }
            first = check;
        }
        try {
            first.get(firstLoadWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ModelStoreException("no model loaded yet: the model store has not answered within " + firstLoadWait
                    + " (still trying)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ModelStoreException("loading the first model failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelStoreException("interrupted while waiting for the first model");
        }
        Model loaded = model;
        if (loaded == null) {
            throw new ModelStoreException("no model has been published yet");
        }
        return loaded;
    }

    /** One check of the pointer, on the loader thread: loads the model it names when that changed. */
    private void refresh() {
        Model serving = model;
        try {
            Optional<ModelStore.Current> pointer = store.current();
            if (pointer.isEmpty()) {
                if (serving == null) {
                    throw new ModelStoreException("no model has been published yet");
                }
                return;
            }
            if (serving == null || !pointer.get().etag().equals(etag)) {
                String id = pointer.get().modelId();
                if (serving == null || !id.equals(serving.id())) {
                    Model loaded = store.load(id);
                    LOG.atInfo().addKeyValue("model_id", id).addKeyValue("previous_model_id", serving == null ? null : serving.id())
                            .log("serving a model");
                    model = loaded;
                }
                etag = pointer.get().etag();
            }
        } catch (RuntimeException e) {
            if (serving == null) {
                throw e;
            }
            LOG.atWarn().addKeyValue("model_id", serving.id()).addKeyValue("error", e.toString()).log("model check failed, still serving the model");
        }
        Model now = model;
        if (now != null) {
            metrics.line().dimension(MODEL_ID, now.id()).count(MODEL_IN_USE, 1).emit();
        }
    }

    /** Stops the loader thread (tests; a Lambda container just ends). */
    @Override
    public void close() {
        loader.shutdownNow();
    }
}
