package io.musicrec.trainer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.lifecycle.Started;
import io.musicrec.platform.metrics.Metrics;
import io.musicrec.trainer.retrain.Retraining;
import io.musicrec.trainer.retrain.RetrainingReport;
import io.musicrec.trainer.retrain.SparkSteps;
import io.musicrec.trainer.retrain.TrainerComponents;
import io.musicrec.trainer.retrain.TrainerConfiguration;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The scheduled retraining: one {@link Retraining} run per EventBridge event, its one-line JSON
 * summary returned and its decision emitted as metrics ({@value #RETRAINING_RUNS}, {@value
 * #MODELS_PUBLISHED}, which the template's alarm watches). A failed run throws, so Lambda records an
 * error and retries, which is safe (the lock, the conditional pointer); refused and skipped are not
 * failures. When Spark trains, the state machine sends the same event with a {@link SparkSteps} step
 * in its detail instead; the gate step is recorded as a run.
 */
public final class TrainerHandler implements RequestHandler<ScheduledEvent, String> {

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
    public TrainerHandler() {
        this(Environment.system(), Clock.systemUTC(), System.out::println, Metrics.toStdout(SERVICE));
    }

    /** The handler as the public constructor builds it, from {@code environment}, with the clients to close. */
    public static Started<TrainerHandler> create(Environment environment, Clock clock) {
        TrainerConfiguration configuration = TrainerConfiguration.from(environment);
        SparkSteps sparkSteps = SparkSteps.from(environment, clock);
        TrainerComponents components = TrainerComponents.forRetraining(configuration, clock, System.out::println);
        return new Started<>(new TrainerHandler(components.retraining(), sparkSteps, System.out::println, Metrics.toStdout(SERVICE)),
                components);
    }

    /** Configured as Lambda configures it, with the summaries and metrics going where the caller says (tests). */
    TrainerHandler(Environment environment, Clock clock, Consumer<String> log, Metrics metrics) {
        this(TrainerComponents.forRetraining(TrainerConfiguration.from(environment), clock, log).retraining(),
                SparkSteps.from(environment, clock), log, metrics);
    }

    private TrainerHandler(Retraining retraining, SparkSteps sparkSteps, Consumer<String> log, Metrics metrics) {
        this.retraining = Objects.requireNonNull(retraining, "retraining");
        this.sparkSteps = Objects.requireNonNull(sparkSteps, "sparkSteps");
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
