package io.musicrec.trainer.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPlaysTest {
    @TempDir
    Path dir;

    @Test
    void writesExactlyTheRequestedRowsHeavyTailedAndReproducibly() throws IOException {
        Path a = dir.resolve("a.tsv");
        Path b = dir.resolve("b.tsv");
        SyntheticPlays.write(new SyntheticPlays.Spec(2000, 3000, 90_000, 7), a);
        SyntheticPlays.write(new SyntheticPlays.Spec(2000, 3000, 90_000, 7), b);
        assertEquals(-1, Files.mismatch(a, b), "same seed, same bytes");
        PlayMatrix m = PlaysTsv.read(a);
        assertEquals(90_000, m.nonZeros(), "no duplicate pairs, exact count");
        assertEquals(2000, m.rows());
        int[] listeners = m.columnCounts();
        Arrays.sort(listeners);
        int median = listeners[listeners.length / 2];
        int max = listeners[listeners.length - 1];
        assertTrue(max > 20 * median, "popularity is heavy-tailed: max " + max + ", median " + median);
        int maxActivity = 0;
        for (int u = 0; u < m.rows(); u++) {
            maxActivity = Math.max(maxActivity, m.rowLength(u));
        }
        assertTrue(maxActivity > 3 * 45, "activity is heavy-tailed: max " + maxActivity + " vs mean 45");
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticPlays.Spec(10, 5, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticPlays.Spec(10, 3, 31, 1));
    }
}
