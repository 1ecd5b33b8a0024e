package io.musicrec.trainer.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The trainer's two steps around a Spark job run, which the training state machine calls when Spark
 * trains: {@link #export} writes the plays for run R and answers where the job reads and writes;
 * {@link #gate} gates and publishes what the job wrote. Every place is under
 * {@code s3://MODEL_BUCKET/SPARK_PREFIX/}, the only prefix the job's role may touch, and a step
 * refuses a place outside it.
 */
public record SparkSteps(Environment environment, Clock clock, String root) {

    /** The Spark path's prefix in the model bucket (exports/, candidates/, jars/, logs/); default {@value #DEFAULT_PREFIX}. */
    public static final String SPARK_PREFIX = "SPARK_PREFIX";
    public static final String DEFAULT_PREFIX = "spark";

    /** A run's name: the execution's name, which Step Functions keeps to 80 such characters. */
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** @param root {@code s3://bucket/prefix/}, under which every step's places are */
    public SparkSteps {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(root, "root");
    }

    /** @throws ConfigurationException naming a missing or malformed variable */
    public static SparkSteps from(Environment environment, Clock clock) {
        String bucket = ModelStoreSettings.from(environment).bucket();
        String prefix = environment.optional(SPARK_PREFIX).orElse(DEFAULT_PREFIX);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigurationException(SPARK_PREFIX, "must be lower-case letters, digits and dashes, got '" + prefix + "'");
        }
        return new SparkSteps(environment, clock, "s3://" + bucket + "/" + prefix + "/");
    }

    /** Where run {@code run} exports and where its job writes. {@code train} is what the job reads. */
    public record Locations(String run, String export, String train, String candidate) {
    }

    public Locations locations(String run) {
        if (run == null || !RUN.matcher(run).matches()) {
            throw new IllegalArgumentException("a run is 1 to 80 letters, digits, '-' and '_', got '" + run + "'");
        }
        String export = root + "exports/" + run;
        return new Locations(run, export, export + "/" + PlaysExport.TRAIN, root + "candidates/" + run);
    }

    /** What {@link #export} answers: the state machine passes it on to the job run and then to {@link #gate}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Exported(String run, String export, String train, String candidate, long plays, long trainPlays) {

        /** One line of JSON, the function's answer. */
        public String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("strings and numbers always serialise", e);
            }
        }
    }

    /**
     * Exports the retraining's plays (one snapshot, split by its hold-out) to the run's export
     * directory, as {@code export-plays} does.
     */
    public Exported export(String run) {
        Locations at = locations(run);
        RetrainingSettings settings = RetrainingSettings.from(environment);
        try (TrainerComponents context = TrainerComponents.forExport(environment, clock)) {
            TrainingData data = new PostgresTrainingSource(context.database().orElseThrow()).read();
            PlaysExport.Manifest manifest = PlaysExport.write(data, settings.holdoutShare(), settings.splitSeed(),
                    UriDirectory.of(at.export(), context.s3()), PlaysExport.DEFAULT_PART_ROWS, clock.instant());
            return new Exported(at.run(), at.export(), at.train(), at.candidate(), manifest.plays(), manifest.trainPlays());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plays export " + at.export() + ": " + e.getMessage(), e);
        }
    }

    /** The retraining's gate and publish of the model at {@code candidate}, scored on {@code export}'s hold-out. */
    public RetrainingReport gate(String export, String candidate, Consumer<String> log) {
        within("export", export);
        within("candidate", candidate);
        try (TrainerComponents context = TrainerComponents.forGate(TrainerConfiguration.from(environment), clock, log, export, candidate)) {
            return context.retraining().run();
        }
    }

    private void within(String what, String uri) {
        if (uri == null || !uri.startsWith(root) || uri.contains("/../") || uri.endsWith("/..")) {
            throw new IllegalArgumentException("the " + what + " must be under " + root + ", got '" + uri + "'");
        }
    }
}
