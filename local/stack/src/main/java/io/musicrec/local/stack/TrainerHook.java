package io.musicrec.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.local.stack.gateway.RetrainHook;
import io.musicrec.platform.config.Environment;
import io.musicrec.trainer.retrain.TrainerComponents;
import io.musicrec.trainer.retrain.TrainerConfiguration;
import io.musicrec.trainer.retrain.RetrainingReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Run the trainer now": one run of {@code Retraining} (what the scheduled trainer
 * function runs) against the stack's PostgreSQL and S3, configured by the same variables ({@code
 * RETRAIN_*}, {@code MODEL_KEEP_VERSIONS}...) through {@link TrainerComponents#forRetraining}, whose
 * clients are built for the run and closed after it, as a scheduled invocation would. A published
 * model reaches the worker and the API within a minute (their model providers re-check the
 * pointer at most that often).
 */
final class TrainerHook implements RetrainHook {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerHook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where JavaCPP unpacks OpenBLAS for Smile, unless told otherwise on the command line. */
    private static final String JAVACPP_CACHE = "org.bytedeco.javacpp.cachedir";

    private final Environment environment;
    private final Clock clock;
    private final Path nativeCache;

    /**
     * @param environment the functions' environment
     * @param clock       the run's clock
     * @param nativeCache where the native libraries are unpacked (kept across runs and restarts)
     */
    TrainerHook(Environment environment, Clock clock, Path nativeCache) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nativeCache = Objects.requireNonNull(nativeCache, "nativeCache");
    }

    @Override
    public Outcome retrain() {
        if (System.getProperty(JAVACPP_CACHE) == null) {
            System.setProperty(JAVACPP_CACHE, nativeCache.toString());
        }
        LOG.atInfo().log("retraining started");
        try (TrainerComponents context = TrainerComponents.forRetraining(TrainerConfiguration.from(environment), clock,
                summary -> { })) {
            RetrainingReport report = context.retraining().run();
            LOG.atInfo().addKeyValue("decision", report.decision().label()).addKeyValue("reason", report.reason())
                    .addKeyValue("served_model", report.servedModel().orElse(null))
                    .log(report.decision() == RetrainingReport.Decision.PUBLISHED
                            ? "retraining done; the worker and the API switch to the served model within a minute" : "retraining done");
            return new Outcome(report.decision() == RetrainingReport.Decision.FAILED, report.toJson());
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("retraining could not start");
            try {
                return new Outcome(true, JSON.writeValueAsString(Map.of("event", "retraining", "decision", "failed",
                        "reason", "could not start: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName()))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException json) {
                throw new IllegalStateException(json);
            }
        }
    }
}
