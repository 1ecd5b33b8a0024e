package io.musicrec.bench.jmh;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.engine.recommend.Recommendation;
import io.musicrec.engine.recommend.Recommender;
import io.musicrec.engine.recommend.UserPlay;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one recommendation: a user with 50 artists, N = 100, over the model in
 * {@code -p model=DIR} (the 160,112-artist x 64 synthetic model for the published figure). Sample
 * time mode, so JMH reports percentiles; 256 different users cycle so no one user's answer is cached.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-modules", "jdk.incubator.vector"})
public class RecommendBenchmark {
    @Param({"model-artifacts/lastfm-2k"})
    public String model;

    @Param({"quota", "fold-in", "hybrid"})
    public String mode;

    @Param({"100"})
    public int n;

    private Recommender recommender;
    private List<List<UserPlay>> users;
    private int next;

    @Setup
    public void setUp() {
        Model loaded = ModelArtifact.read(Path.of(model));
        recommender = Recommender.of(Mode.parse(mode), loaded);
        users = BenchUsers.sample(loaded, 256, 50, 1);
    }

    @Benchmark
    public List<Recommendation> recommend() {
        List<UserPlay> user = users.get(next);
        next = (next + 1) & 255;
        return recommender.recommend(user, n);
    }
}
