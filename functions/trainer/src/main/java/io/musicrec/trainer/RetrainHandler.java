package io.musicrec.trainer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.trainer.retrain.Retraining;
import io.musicrec.trainer.retrain.RetrainingContext;
import io.musicrec.trainer.retrain.RetrainingReport;
import io.musicrec.trainer.retrain.SparkSteps;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The scheduled retraining (an EventBridge schedule): one {@link Retraining} run per event. Returns
 * the run's one-line JSON summary (also logged); a failed run throws, so Lambda records an error
 * and the asynchronous invocation is retried, which is safe (the lock, the conditional pointer).
 * Refused and skipped runs are not failures.
 *
 * <p>When Spark trains, the training state machine sends the same event with a step in its detail
 * instead: {@code {"step":"export","run":R}} or {@code {"step":"gate","export":URI,"candidate":URI}}
 * ({@link SparkSteps}); the gate's run is recorded like a retraining run.
 *
 * <p>Each run emits {@value #RETRAINING_RUNS} with its decision as the {@value #DECISION} dimension
 * and the reason as a property, and {@value #MODELS_PUBLISHED} (1 or 0) by service alone: the
 * template's alarm on a model not published for too long watches that one.
 *
 * <p>Configured from the environment ({@link RetrainingContext}); the database connection and the
 * S3 client are built once per container.
 */
public final class RetrainHandler implements RequestHandler<ScheduledEvent, String> {

    static {
        NativeLibraries.cacheInTmp();
    }

    /** The metrics' {@value Metrics#SERVICE} dimension for this function. */
    static final String SERVICE = "trainer";
    /** Metric: runs, by decision (published, refused, skipped, failed). */
    static final String RETRAINING_RUNS = "RetrainingRuns";
    /** The decision dimension of {@link #RETRAINING_RUNS}. */
    static final String DECISION = "Decision";
    /** Metric: 1 when the run published a model, else 0. */
    static final String MODELS_PUBLISHED = "ModelsPublished";

    /** The detail field that names a Spark step; a scheduled event has none. */
    static final String STEP = "step";

    private final Retraining retraining;
    private final SparkSteps sparkSteps;
    private final Consumer<String> log;
    private final Metrics metrics;

    /** What Lambda calls: configuration from the environment, the summary to stdout (CloudWatch). */
    public RetrainHandler() {
        this(Environment.system(), Clock.systemUTC(), System.out::println, Metrics.toStdout(SERVICE));
    }

    /** Configured as Lambda configures it, with the summaries and metrics going where the caller says. */
    public static RetrainHandler of(Environment environment, Clock clock, Consumer<String> log, Metrics metrics) {
        return new RetrainHandler(environment, clock, log, metrics);
    }

    RetrainHandler(Environment environment, Clock clock, Consumer<String> log, Metrics metrics) {
        this.retraining = RetrainingContext.forRetraining(environment, clock, log).retraining();
        this.sparkSteps = SparkSteps.from(environment, clock);
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> detail = event.getDetail() == null ? Map.of() : event.getDetail();
        Object step = detail.get(STEP);
        if (step == null) {
            return recorded(retraining.run());
        }
        return switch (String.valueOf(step)) {
            case "export" -> sparkSteps.export(text(detail, "run")).toJson();
            case "gate" -> recorded(sparkSteps.gate(text(detail, "export"), text(detail, "candidate"), log));
            default -> throw new IllegalArgumentException("unknown step '" + step + "': export or gate");
        };
    }

    private static String text(Map<String, Object> detail, String name) {
        Object value = detail.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("the " + detail.get(STEP) + " step needs \"" + name + "\" (a string), got " + value);
        }
        return text;
    }

    /** Emits the run's metrics; a failed run throws. */
    private String recorded(RetrainingReport report) {
        metrics.line().dimension(DECISION, report.decision().label()).count(RETRAINING_RUNS, 1).property("reason", report.reason())
                .property("candidate_model", report.candidateModel().orElse(null))
                .property("served_model", report.servedModel().orElse(null)).emit();
        metrics.count(MODELS_PUBLISHED, report.decision() == RetrainingReport.Decision.PUBLISHED ? 1 : 0);
        if (report.decision() == RetrainingReport.Decision.FAILED) {
            throw new IllegalStateException("retraining failed: " + report.reason());
        }
        return report.toJson();
    }
}
