package io.musicrec.bench.jmh;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to load and verify a model artifact (read every file, check every SHA-256, build the model
 * with its derived tables), from the page cache, as a warm Lambda container re-reading /tmp would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xmx3g", "--add-modules", "jdk.incubator.vector"})
public class ArtifactLoadBenchmark {
    @Param({"model-artifacts/lastfm-2k"})
    public String model;

    @Benchmark
    public Model load() {
        return ModelArtifact.read(Path.of(model));
    }
}
