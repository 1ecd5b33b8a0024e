package io.musicrec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.ArtistsTsv;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.eval.HoldoutSplit;
import io.musicrec.engine.eval.Metrics;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.recommend.Mode;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.als.AlsTrainer;
import io.musicrec.trainer.eval.ModelEvaluation;
import io.musicrec.trainer.quality.Lastfm2k;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on Last.fm 2K with the README's split (per-user 80/20, seed 1) and the trainer's
 * default settings: its artifact is read by the engine unchanged, describes the same training data,
 * ranks as well as the trainer's own model, and its distributed neighbour lists are the exact ones.
 */
class SparkTrainingIT {

    @Test
    void sparkArtifactLoadsAndRanksLikeTheTrainersOnLastfm2k(@TempDir Path tmp) throws Exception {
        Optional<Path> dir = Lastfm2k.locate();
        assumeTrue(dir.isPresent(), "Last.fm 2K not found (set MUSICREC_LASTFM_DIR); skipping the Spark job's quality check");
        PlayMatrix plays = PlaysTsv.read(dir.get().resolve("user_artists.dat"));
        HoldoutSplit split = HoldoutSplit.of(plays, 0.2, 1);
        Path train = tmp.resolve("train.tsv");
        PlaysTsv.write(train, split.train());

        // Three neighbour blocks of uneven size: every list is merged from partial lists.
        TrainingJob.Result result = TrainingJob.run(LocalSpark.get(), TrainingJobOptions.parse(List.of(
                "--plays", train.toString(), "--artists", dir.get().resolve("artists.dat").toString(),
                "--out", tmp.resolve("model").toString(), "--als-blocks", "2", "--neighbour-blocks", "3")), Clock.systemUTC());
        Model spark = ModelArtifact.read(tmp.resolve("model"));

        assertEquals(split.train().digest(), spark.info().trainingData().digest());
        assertEquals(split.train().rows(), spark.trainingUsers());
        assertEquals(split.train().columns(), spark.size());
        assertEquals(TrainingJob.SOLVER, spark.info().hyperparameters().solver());

        Model exact = AlsTrainer.withNeighbours(spark, spark.neighbourCount(), spark.info().hyperparameters().neighbourShrinkage(), 2);
        long found = 0;
        long total = 0;
        for (int a = 0; a < spark.size(); a++) {
            Set<Integer> truth = new HashSet<>();
            for (int r = 0; r < exact.neighbourCount() && exact.neighbour(a, r) >= 0; r++) {
                truth.add(exact.neighbour(a, r));
            }
            for (int r = 0; r < spark.neighbourCount() && spark.neighbour(a, r) >= 0; r++) {
                found += truth.contains(spark.neighbour(a, r)) ? 1 : 0;
            }
            total += truth.size();
        }
        double recall = (double) found / total;

        Model ours = new AlsTrainer(AlsOptions.defaults(), Clock.systemUTC())
                .train(split.train(), ArtistsTsv.read(dir.get().resolve("artists.dat")), "trainer", null).model();
        List<Mode> modes = List.of(Mode.FOLD_IN, Mode.HYBRID);
        List<Metrics> sparkMetrics = ModelEvaluation.evaluate(spark, split, 10, 2, modes);
        List<Metrics> ourMetrics = ModelEvaluation.evaluate(ours, split, 10, 2, modes);
        System.out.printf(Locale.ROOT, "spark job on Last.fm 2K: fold-in ndcg@10 %.4f (trainer %.4f), hybrid %.4f (trainer %.4f), "
                        + "neighbour recall@%d %.6f, %s%n", sparkMetrics.get(0).ndcg(), ourMetrics.get(0).ndcg(), sparkMetrics.get(1).ndcg(),
                ourMetrics.get(1).ndcg(), spark.neighbourCount(), recall, TrainingJob.describe(result));

        assertEquals(1.0, recall, 1e-4, "distributed neighbours against the exact search");
        for (int i = 0; i < modes.size(); i++) {
            double gap = Math.abs(sparkMetrics.get(i).ndcg() - ourMetrics.get(i).ndcg());
            assertTrue(gap <= 0.01, modes.get(i).label() + " ndcg@10: spark " + sparkMetrics.get(i).ndcg() + ", trainer "
                    + ourMetrics.get(i).ndcg());
        }
    }
}
