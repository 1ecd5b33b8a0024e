package io.musicrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.model.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), "stderr was: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("usage:"));
        assertRefused(run("fly"), "unknown command 'fly'");
    }

    @Test
    void theSparkPathsCommandsNameWhatTheyMiss() {
        assertRefused(run("export-plays"), "missing required option --out");
        assertRefused(run("gate", "--candidate", "s3://bucket/spark/candidates/1"), "missing required option --export");
        assertRefused(run("gate", "--candidate", "x", "--export", "y", "--model", "z"), "unknown option --model");
    }

    @Test
    void aMissingPlaysFileIsNamed() {
        Path missing = dir.resolve("missing.tsv");
        assertRefused(run("train", "--plays", missing.toString(), "--out", dir.resolve("m").toString()), missing + ": no such file");
        assertFalse(Files.exists(dir.resolve("m")), "nothing written");
    }

    @Test
    void aBadRowIsNamedByFileAndLineAndNothingIsWritten() throws IOException {
        Path plays = dir.resolve("plays.tsv");
        Files.writeString(plays, "userID\tartistID\tweight\n1\t2\t3\n1\t3\tlots\n");
        assertRefused(run("train", "--plays", plays.toString(), "--out", dir.resolve("m").toString()),
                plays + ":3: plays 'lots' is not an integer");
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void badOptionsAreRefused() throws IOException {
        Path plays = dir.resolve("plays.tsv");
        Files.writeString(plays, "userID\tartistID\tweight\n1\t2\t3\n");
        String out = dir.resolve("m").toString();
        assertRefused(run("train", "--plays", plays.toString(), "--out", out, "--factors", "many"), "--factors must be an integer, got 'many'");
        assertRefused(run("train", "--plays", plays.toString(), "--out", out, "--factors", "0"), "--factors must be between 1 and 1024");
        assertRefused(run("train", "--plays", plays.toString(), "--out", out, "--weighting", "tfidf"), "unknown weighting 'tfidf'");
        assertRefused(run("train", "--plays", plays.toString(), "--out", out, "--colour", "red"), "unknown option --colour");
        assertRefused(run("train", "--plays", plays.toString()), "missing required option --out");
        assertRefused(run("train", "--plays"), "option --plays needs a value");
        assertRefused(run("recommend", "--model", out, "--plays", plays.toString(), "--out", dir.resolve("r.tsv").toString()),
                "no manifest");
    }

    @Test
    void generateSplitTrainRecommendEvaluateEndToEnd() throws IOException {
        Path plays = dir.resolve("plays.tsv");
        assertEquals(0, run("generate", "--out", plays.toString(), "--users", "300", "--artists", "400", "--nnz", "9000", "--seed", "3").code());
        Path train = dir.resolve("train.tsv");
        Path test = dir.resolve("test.tsv");
        assertEquals(0, run("split", "--plays", plays.toString(), "--train", train.toString(), "--test", test.toString()).code());
        Path model = dir.resolve("model");
        Run trained = run("train", "--plays", train.toString(), "--out", model.toString(), "--factors", "8", "--iterations", "3",
                "--holdout", "0.2", "--model-id", "cli-test", "--neighbours", "10");
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.err().contains("train iteration 3"), trained.err());
        Model loaded = ModelArtifact.read(model);
        assertEquals("cli-test", loaded.id());
        assertTrue(loaded.info().evaluation().containsKey("modes"), "hold-out metrics are in the manifest");

        Path recs = dir.resolve("recs.tsv");
        Run recommended = run("recommend", "--model", model.toString(), "--plays", train.toString(), "--n", "5", "--mode", "hybrid",
                "--out", recs.toString());
        assertEquals(0, recommended.code(), recommended.err());
        List<String> lines = Files.readAllLines(recs);
        assertEquals("user_id\trank\tartist_id\tscore\tbecause", lines.get(0));
        String[] first = lines.get(1).split("\t", -1);
        assertEquals("1", first[1]);
        assertFalse(first[4].isEmpty(), "hybrid items say which artists they came from");
        assertEquals(1 + 300 * 5, lines.size(), "five rows per user");

        Path json = dir.resolve("metrics.json");
        Run evaluated = run("evaluate", "--model", model.toString(), "--train", train.toString(), "--test", test.toString(), "--json",
                json.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        assertTrue(evaluated.out().contains("fold-in"));
        assertTrue(Files.readString(json).contains("\"ndcg\""));
    }
}
