package io.musicrec.trainer.retrain;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.eval.Evaluator;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Hyperparameters;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.platform.catalog.ArtistCatalog;
import io.musicrec.platform.models.ModelStore;
import io.musicrec.platform.models.PointerMovedException;
import io.musicrec.trainer.eval.ModelEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One scheduled retraining: under the lock, read the plays, hold out the stable validation share,
 * train a candidate, and publish it if the {@link QualityGate} prefers it to the current model. Must
 * not miss: what is published is the candidate the gate measured, not a retrain on all data, so what
 * ships is what was measured, one training fits Lambda's 15 minutes, and with the per-pair {@link
 * StableHoldout} the next run can still score it fairly. The catalog's listener counts then follow the
 * model. Failures never escape {@link #run()}: they are a logged {@code FAILED} report, pointer unmoved.
 */
public final class Retraining {

    /** The protocol's {@code model} entry for models this class publishes: what makes them comparable. */
    public static final String TRAINED_ON = "this model, trained on the training side of this split";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final TrainingSource source;
    private final CandidateTrainer trainer;
    private final ModelStore store;
    private final ArtistCatalog catalog;
    private final RetrainingLock lock;
    private final RetrainingSettings settings;
    private final Path workDirectory;
    private final int threads;
    private final Clock clock;
    private final Consumer<String> log;

    /**
     * @param workDirectory where the candidate's artifact is written before upload (removed after)
     * @param clock         the model id's time, the created_at, and the age of abandoned uploads
     * @param log           receives the one-line JSON summary of each run
     */
    public Retraining(TrainingSource source, CandidateTrainer trainer, ModelStore store, ArtistCatalog catalog, RetrainingLock lock,
                      RetrainingSettings settings, Path workDirectory, int threads, Clock clock, Consumer<String> log) {
        this.source = Objects.requireNonNull(source, "source");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Runs once; never throws for a failure of the database, the store or training (see the report). */
    public RetrainingReport run() {
        Run run = new Run(clock.instant());
        Optional<RetrainingLock.Lease> lease;
        try {
            lease = lock.tryAcquire();
        } catch (RuntimeException e) {
            return run.finish(RetrainingReport.Decision.FAILED, "cannot take the retraining lock: " + message(e));
        }
        if (lease.isEmpty()) {
            return run.finish(RetrainingReport.Decision.SKIPPED, "another retraining is running");
        }
        try (RetrainingLock.Lease _ = lease.get()) {
            return run.execute();
        } catch (RuntimeException e) {
            return run.finish(RetrainingReport.Decision.FAILED, run.phase + " failed: " + message(e));
        }
    }

    private static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    /** The state of one run, filled in as it goes, so that even a failure reports what was done. */
    private final class Run {
        private final Instant startedAt;
        private final long startNanos = System.nanoTime();
        private final Map<String, Object> data = new LinkedHashMap<>();
        private final Map<String, Object> seconds = new LinkedHashMap<>();
        private final Map<String, Object> gate = new LinkedHashMap<>();
        private final List<String> pruned = new ArrayList<>();
        private String phase = "read";
        private String candidateId;
        private String currentId;
        private String servedId;
        private String pruneError;
        private Integer listenersUpdated;
        private String catalogError;

        Run(Instant startedAt) {
            this.startedAt = startedAt;
            PeakMemory.reset();
        }

        RetrainingReport execute() {
            long t = System.nanoTime();
            TrainingData training = source.read();
            seconds.put("read", since(t));
            TrainingData.Counts counts = training.counts();
            data.put("users", training.plays().rows());
            data.put("base_users", counts.baseUsers());
            data.put("live_users", counts.liveUsers());
            data.put("artists", training.plays().columns());
            data.put("plays", training.plays().nonZeros());
            data.put("base_plays", counts.basePlays());
            data.put("live_plays", counts.livePlays());
            if (training.plays().nonZeros() == 0) {
                return finish(RetrainingReport.Decision.REFUSED, "no training plays: nothing to train on");
            }

            phase = "split";
            StableHoldout.Split split = StableHoldout.split(training, settings.holdoutShare(), settings.splitSeed());
            int heldOutUsers = split.test().rows();
            data.put("train_plays", split.train().nonZeros());
            data.put("test_plays", split.test().nonZeros());
            data.put("test_users", split.test().rows());
            split = StableHoldout.limitTestUsers(split, training, settings.maxTestUsers(), settings.splitSeed());
            data.put("scored_users", split.test().rows());
            String fingerprint = recipe(training.fingerprint(), trainer.hyperparameters());
            if (heldOutUsers < settings.minTestUsers()) {
                return finish(RetrainingReport.Decision.REFUSED, "only " + heldOutUsers + " users in the hold-out, at least "
                        + settings.minTestUsers() + " are needed to judge a candidate");
            }

            phase = "load the current model";
            Optional<ModelStore.Current> pointer = store.current();
            Optional<Model> current = Optional.empty();
            QualityGate.CurrentModel standing = QualityGate.CurrentModel.NONE;
            String currentError = null;
            if (pointer.isPresent()) {
                currentId = pointer.get().modelId();
                servedId = currentId;
                try {
                    current = Optional.of(store.load(currentId));
                    standing = comparable(current.get()) ? QualityGate.CurrentModel.COMPARABLE : QualityGate.CurrentModel.OTHER_SETTINGS;
                } catch (RuntimeException e) {
                    standing = QualityGate.CurrentModel.UNREADABLE;
                    currentError = message(e);
                    gate.put("current_error", currentError);
                }
            }
            boolean comparable = standing == QualityGate.CurrentModel.COMPARABLE;
            gate.put("current", standing.label());
            gate.put("current_comparable", comparable);
            Optional<QualityGate.Verdict> refusal = QualityGate.refusalBeforeTraining(standing, currentId, currentError);
            if (refusal.isPresent()) {
                return finish(RetrainingReport.Decision.REFUSED, refusal.get().reason());
            }
            if (comparable && fingerprint.equals(protocol(current.get()).get("fingerprint"))) {
                return finish(RetrainingReport.Decision.SKIPPED, "training data and settings are unchanged since " + currentId);
            }

            phase = "train";
            candidateId = "als-" + ID_TIME.format(clock.instant()) + "-" + fingerprint.substring(0, 8);
            t = System.nanoTime();
            Model candidate = trainer.train(split.train(), training.artistNames(), candidateId);
            seconds.put("train", since(t));

            phase = "evaluate";
            t = System.nanoTime();
            Evaluator evaluator = new Evaluator(RetrainingSettings.K, threads);
            Mode mode = settings.gateMode();
            Metrics candidateMetrics = evaluator.evaluate(Recommender.of(mode, candidate), split.train(), split.test(), candidate.size());
            Metrics popularMetrics = evaluator.evaluate(Recommender.of(Mode.POPULAR, candidate), split.train(), split.test(), candidate.size());
            OptionalDouble currentNdcg = OptionalDouble.empty();
            if (current.isPresent()) {
                Model served = current.get();
                currentNdcg = OptionalDouble.of(evaluator.evaluate(Recommender.of(mode, served), split.train(), split.test(), served.size()).ndcg());
            }
            seconds.put("evaluate", since(t));
            gate.put("mode", mode.label());
            gate.put("k", RetrainingSettings.K);
            gate.put("tolerance", settings.tolerance());
            gate.put("candidate_ndcg", round(candidateMetrics.ndcg()));
            gate.put("current_ndcg", currentNdcg.isPresent() ? round(currentNdcg.getAsDouble()) : null);
            gate.put("popular_ndcg", round(popularMetrics.ndcg()));
            QualityGate.Verdict verdict = QualityGate.judge(candidateMetrics.ndcg(), popularMetrics.ndcg(), standing, currentNdcg,
                    settings.tolerance());
            String reason = verdict.reason();
            if (standing == QualityGate.CurrentModel.OTHER_SETTINGS) {
                reason += "; current model " + currentId + " was not trained on this split's training side, so its ndcg@10 "
                        + String.format(Locale.ROOT, "%.4f", currentNdcg.getAsDouble()) + " (scored on pairs it may have learnt from) is not compared";
            }
            if (!verdict.publish()) {
                return finish(RetrainingReport.Decision.REFUSED, reason);
            }

            phase = "publish";
            t = System.nanoTime();
            Model published = candidate.withInfo(candidate.info().withEvaluation(
                    evaluation(split, fingerprint, List.of(candidateMetrics, popularMetrics), reason)));
            Path directory = workDirectory.resolve(candidateId);
            try {
                ModelArtifact.write(published, directory);
                store.publish(directory, pointer);
                servedId = candidateId;
            } catch (PointerMovedException e) {
                servedId = null;
                return finish(RetrainingReport.Decision.REFUSED, "the model pointer moved while this run trained (a rollback or "
                        + "another publish); not overwriting it: " + message(e));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the candidate to " + directory, e);
            } finally {
                AtomicFiles.deleteRecursively(directory);
            }
            try {
                listenersUpdated = catalog.updateListeners(listenersOf(published));
            } catch (RuntimeException e) {
                catalogError = message(e);
            }
            try {
                pruned.addAll(store.prune(settings.keepVersions(), clock.instant().minus(settings.abandonAfter())));
            } catch (RuntimeException e) {
                pruneError = message(e);
            }
            seconds.put("publish", since(t));
            return finish(RetrainingReport.Decision.PUBLISHED, reason);
        }

        RetrainingReport finish(RetrainingReport.Decision decision, String reason) {
            seconds.put("total", since(startNanos));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("event", "retraining");
            summary.put("started_at", startedAt.toString());
            summary.put("decision", decision.label());
            summary.put("reason", reason);
            summary.put("candidate_model", candidateId);
            summary.put("current_model", currentId);
            summary.put("served_model", servedId);
            summary.put("data", data);
            summary.put("seconds", seconds);
            Map<String, Object> memory = new LinkedHashMap<>();
            memory.put("heap_peak_mb", megabytes(PeakMemory.heapPeak()));
            memory.put("heap_max_mb", megabytes(PeakMemory.heapMax()));
            OptionalLong rss = PeakMemory.residentPeak();
            memory.put("rss_peak_mb", rss.isPresent() ? megabytes(rss.getAsLong()) : null);
            summary.put("memory", memory);
            summary.put("gate", gate);
            if (decision == RetrainingReport.Decision.PUBLISHED) {
                summary.put("pruned", pruned);
                if (pruneError != null) {
                    summary.put("prune_error", pruneError);
                }
                summary.put("catalog_listeners_updated", listenersUpdated);
                if (catalogError != null) {
                    summary.put("catalog_error", catalogError);
                }
            }
            RetrainingReport report = new RetrainingReport(decision, reason, Optional.ofNullable(candidateId),
                    Optional.ofNullable(servedId), summary);
            log.accept(report.toJson());
            return report;
        }
    }

    /** Each artist of {@code model}'s index with its listeners: the training users who played it. */
    private static Map<Integer, Integer> listenersOf(Model model) {
        Map<Integer, Integer> listeners = new HashMap<>(model.size() * 2);
        for (int i = 0; i < model.size(); i++) {
            listeners.put(model.artists().id(i), model.listeners(i));
        }
        return listeners;
    }

    /** The manifest's evaluation section: what makes the next run treat this model as comparable. */
    private Map<String, Object> evaluation(StableHoldout.Split split, String fingerprint, List<Metrics> metrics, String reason) {
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("split", StableHoldout.NAME);
        protocol.put("test_share", settings.holdoutShare());
        protocol.put("split_seed", settings.splitSeed());
        protocol.put("k", RetrainingSettings.K);
        protocol.put("ranking", "full catalog, each user's training artists excluded");
        protocol.put("model", TRAINED_ON);
        protocol.put("fingerprint", fingerprint);
        protocol.put("test_users", metrics.get(0).users());
        protocol.put("train_plays", split.train().nonZeros());
        protocol.put("test_plays", split.test().nonZeros());
        Map<String, Object> evaluation = new LinkedHashMap<>(ModelEvaluation.toMap(protocol, metrics));
        evaluation.put("gate", reason);
        return evaluation;
    }

    /** Whether {@code model} was published by a run with this split, so it never saw this hold-out. */
    private boolean comparable(Model model) {
        Map<String, Object> protocol = protocol(model);
        return StableHoldout.NAME.equals(protocol.get("split"))
                && TRAINED_ON.equals(protocol.get("model"))
                && protocol.get("test_share") instanceof Number share && Math.abs(share.doubleValue() - settings.holdoutShare()) < 1e-12
                && protocol.get("split_seed") instanceof Number seed && seed.longValue() == settings.splitSeed();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> protocol(Model model) {
        Object protocol = model.info().evaluation().get("protocol");
        return protocol instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Data and every setting that shapes the model, hashed: equal fingerprints, equal candidates. */
    private String recipe(String dataFingerprint, Hyperparameters h) {
        String text = String.join("|", dataFingerprint, Double.toString(settings.holdoutShare()), Long.toString(settings.splitSeed()),
                Integer.toString(h.factors()), Double.toString(h.regularization()), Double.toString(h.alpha()), h.weighting(),
                Double.toString(h.bm25K1()), Double.toString(h.bm25B()), Integer.toString(h.iterations()), Long.toString(h.seed()),
                h.solver(), Integer.toString(h.cgSteps()), Double.toString(h.neighbourShrinkage()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }

    private static long megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
