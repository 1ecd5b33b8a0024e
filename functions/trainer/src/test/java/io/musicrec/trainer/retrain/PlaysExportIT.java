package io.musicrec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.testing.Plays;
import io.musicrec.trainer.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * export-plays' files through s3proxy: what the gate reads back is the data the export was drawn
 * from, split the same way; a candidate trained on anything but the export's training side is
 * refused before it is scored.
 */
class PlaysExportIT {

    @TempDir
    Path temp;

    @Test
    void anExportReadsBackAsTheSamePlaysAndTheSameSplit() throws Exception {
        PlayMatrix plays = Plays.synthetic(120, 80, 3_000, 3, temp);
        TrainingData data = data(plays);
        ModelStoreSettings bucket = TestStack.freshBucket();
        try (S3Client s3 = AwsClients.s3(bucket)) {
            UriDirectory dir = UriDirectory.of("s3a://" + bucket.bucket() + "/exports/a", s3);
            PlaysExport.Manifest written = PlaysExport.write(data, 0.1, 7, dir, 500, Instant.parse("2026-12-03T00:00:00Z"));

            assertTrue(dir.list(PlaysExport.TRAIN).size() >= 5, "parts of at most 500 rows: " + dir.list(PlaysExport.TRAIN));
            TrainingData back = new ExportedTrainingSource(UriDirectory.of("s3://" + bucket.bucket() + "/exports/a", s3), 0.1, 7).read();
            assertEquals(plays.digest(), back.plays().digest());
            assertEquals(data.fingerprint(), back.fingerprint());
            assertEquals(written.trainDigest(), StableHoldout.split(back, 0.1, 7).train().digest());
            assertEquals(StableHoldout.split(data, 0.1, 7).test().digest(), StableHoldout.split(back, 0.1, 7).test().digest());

            IllegalArgumentException otherSeed = assertThrows(IllegalArgumentException.class,
                    () -> new ExportedTrainingSource(dir, 0.1, 8).read());
            assertTrue(otherSeed.getMessage().contains("seed 7"), otherSeed.getMessage());
        }
    }

    @Test
    void aCandidateTrainedOnOtherDataIsRefusedNamingBothDigests() throws Exception {
        PlayMatrix plays = Plays.synthetic(120, 80, 3_000, 3, temp);
        StableHoldout.Split split = StableHoldout.split(data(plays), 0.1, 7);
        Model all = new AlsCandidateTrainer(AlsOptions.defaults().withThreads(1).withIterations(2), Clock.systemUTC())
                .train(plays, Map.of(), "on-everything");
        ModelArtifact.write(all, temp.resolve("candidate"));

        StoredCandidate candidate = new StoredCandidate(UriDirectory.of(temp.resolve("candidate").toString(), null), temp);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> candidate.train(split.train(), Map.of(), "gated"));
        assertTrue(refused.getMessage().contains(plays.digest()) && refused.getMessage().contains(split.train().digest()),
                refused.getMessage());
        assertEquals("gated", new StoredCandidate(UriDirectory.of(temp.resolve("candidate").toString(), null), temp)
                .train(plays, Map.of(), "gated").id());
    }

    private static TrainingData data(PlayMatrix plays) {
        long[] keys = new long[plays.rows()];
        for (int r = 0; r < plays.rows(); r++) {
            keys[plays.rowId(r) - 1] = Keys.of("base:" + plays.rowId(r));
        }
        return new TrainingData(plays, keys, Map.of(1, "one\tname"), new TrainingData.Counts(plays.rows(), 0, plays.nonZeros(), 0),
                "fingerprint-" + plays.nonZeros());
    }
}
