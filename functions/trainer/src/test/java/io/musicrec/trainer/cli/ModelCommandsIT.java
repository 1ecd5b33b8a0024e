package io.musicrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.platform.aws.AwsClients;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.models.S3ModelStore;
import io.musicrec.trainer.als.AlsOptions;
import io.musicrec.trainer.als.AlsTrainer;
import io.musicrec.trainer.testing.Plays;
import io.musicrec.trainer.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code publish}, {@code versions} and {@code rollback} against s3proxy, configured from an environment. */
class ModelCommandsIT {

    @TempDir
    Path temp;
    private ModelStoreSettings bucket;
    private Map<String, String> env;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Environment.of(env::get));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String current() {
        try (S3Client s3 = AwsClients.s3(bucket)) {
            return S3ModelStore.of(s3, bucket, Clock.systemUTC()).current().orElseThrow().modelId();
        }
    }

    /** A second, small model: ALS on a few synthetic listeners. */
    private Path smallModel(String id) throws Exception {
        PlayMatrix plays = Plays.synthetic(60, 40, 600, 9, temp);
        Path dir = temp.resolve(id);
        ModelArtifact.write(new AlsTrainer(AlsOptions.defaults().withFactors(8).withIterations(3).withThreads(1), Clock.systemUTC())
                .train(plays, Map.of(), id, null).model(), dir);
        return dir;
    }

    @BeforeEach
    void bucket() {
        bucket = TestStack.freshBucket();
        env = TestStack.environment(null, bucket);
    }

    @Test
    void publishVersionsAndRollbackWalkThrough() throws Exception {
        Run published = run("publish", "--model", Plays.SHIPPED_MODEL.toString());
        assertEquals(0, published.code(), published.err());
        assertEquals("published lastfm-2k-v1 (17632 artists); current model: lastfm-2k-v1\n", published.out());
        Thread.sleep(1100); // versions are ordered by S3's LastModified, which has whole seconds

        Run second = run("publish", "--model", smallModel("als-small").toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().endsWith("current model: als-small (was lastfm-2k-v1)\n"), second.out());

        Run versions = run("versions");
        assertEquals(0, versions.code(), versions.err());
        String[] lines = versions.out().split("\n");
        assertEquals(2, lines.length, versions.out());
        assertTrue(lines[0].startsWith("* als-small ") && lines[0].endsWith("complete"), lines[0]);
        assertTrue(lines[1].startsWith("  lastfm-2k-v1 ") && lines[1].contains("12.2 MB"), lines[1]);

        Run rollback = run("rollback", "--model-id", "lastfm-2k-v1");
        assertEquals(0, rollback.code(), rollback.err());
        assertEquals("current model: lastfm-2k-v1 (was als-small)\n", rollback.out());
        assertEquals("lastfm-2k-v1", current());
        assertTrue(run("versions").out().startsWith("  als-small "));
    }

    @Test
    void rollbackRefusesAnUnknownAnIncompleteAndACorruptVersionAndThePointerStays() throws Exception {
        Path small = smallModel("als-small");
        run("publish", "--model", small.toString());
        run("publish", "--model", Plays.SHIPPED_MODEL.toString());
        run("publish", "--model", smallModel("als-other").toString());
        try (S3Client s3 = AwsClients.s3(bucket)) {
            s3.deleteObject(b -> b.bucket(bucket.bucket()).key("models/lastfm-2k-v1/" + ModelArtifact.GRAMIAN));
            byte[] flipped = Files.readAllBytes(small.resolve(ModelArtifact.ITEM_FACTORS));
            flipped[0] ^= 0x40;
            s3.putObject(b -> b.bucket(bucket.bucket()).key("models/als-small/" + ModelArtifact.ITEM_FACTORS), RequestBody.fromBytes(flipped));
        }

        Run unknown = run("rollback", "--model-id", "als-nope");
        Run incomplete = run("rollback", "--model-id", "lastfm-2k-v1");
        Run corrupt = run("rollback", "--model-id", "als-small");

        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("musicrec-trainer: rollback: no version als-nope is stored; stored: "), unknown.err());
        assertEquals(2, incomplete.code());
        assertEquals("musicrec-trainer: rollback: version lastfm-2k-v1 is incomplete (a publish that failed half way); refusing\n",
                incomplete.err());
        assertEquals(1, corrupt.code());
        assertTrue(corrupt.err().startsWith("musicrec-trainer: refusing to roll back to als-small: model als-small in s3://")
                && corrupt.err().contains("checksum mismatch"), corrupt.err());
        assertEquals("als-other", current());
        assertTrue(run("versions").out().contains("lastfm-2k-v1") && run("versions").out().contains("incomplete"));
    }

    @Test
    void missingConfigurationAndBadInputAreExitTwoWithOneLine() {
        env.remove("MODEL_BUCKET");
        Run noBucket = run("versions");
        assertEquals(2, noBucket.code());
        assertEquals("musicrec-trainer: MODEL_BUCKET is missing\n", noBucket.err());

        Run noDatabase = run("retrain");
        assertEquals(2, noDatabase.code());
        assertEquals("musicrec-trainer: the trainer's configuration has 2 problems: DATABASE_URL is missing; MODEL_BUCKET is missing\n",
                noDatabase.err());

        env.put("MODEL_BUCKET", bucket.bucket());
        Run noModel = run("publish", "--model", temp.resolve("absent").toString());
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("absent") && noModel.err().lines().count() == 1, noModel.err());
        assertEquals(2, run("rollback").code());
        assertEquals(2, run("versions", "--all", "yes").code());
    }
}
