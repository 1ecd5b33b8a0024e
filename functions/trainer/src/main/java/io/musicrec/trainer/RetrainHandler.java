package io.musicrec.trainer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.platform.config.Environment;
import io.musicrec.trainer.retrain.Retraining;
import io.musicrec.trainer.retrain.RetrainingContext;
import io.musicrec.trainer.retrain.RetrainingReport;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The scheduled retraining (an EventBridge schedule): one {@link Retraining} run per event. Returns
 * the run's one-line JSON summary (also logged); a failed run throws, so Lambda records an error
 * and the asynchronous invocation is retried, which is safe (the lock, the conditional pointer).
 * Refused and skipped runs are not failures.
 *
 * <p>Configured from the environment ({@link RetrainingContext}); the database connection and the
 * S3 client are built once per container.
 */
public final class RetrainHandler implements RequestHandler<ScheduledEvent, String> {

    static {
        NativeLibraries.cacheInTmp();
    }

    private final Retraining retraining;

    /** What Lambda calls: configuration from the environment, the summary to stdout (CloudWatch). */
    public RetrainHandler() {
        this(Environment.system(), Clock.systemUTC(), System.out::println);
    }

    RetrainHandler(Environment environment, Clock clock, Consumer<String> log) {
        this(RetrainingContext.forRetraining(environment, clock, log).retraining());
    }

    RetrainHandler(Retraining retraining) {
        this.retraining = Objects.requireNonNull(retraining, "retraining");
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        RetrainingReport report = retraining.run();
        if (report.decision() == RetrainingReport.Decision.FAILED) {
            throw new IllegalStateException("retraining failed: " + report.reason());
        }
        return report.toJson();
    }
}
