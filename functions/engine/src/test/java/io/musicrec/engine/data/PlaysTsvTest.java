package io.musicrec.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaysTsvTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("plays.tsv");
        Files.writeString(f, content, StandardCharsets.US_ASCII);
        return f;
    }

    private InputException refused(String content) throws IOException {
        Path f = file(content);
        return assertThrows(InputException.class, () -> PlaysTsv.read(f));
    }

    @Test
    void readsRowsSortedSummingRepeatsAndDroppingZeros() throws IOException {
        PlayMatrix m = PlaysTsv.read(file("userID\tartistID\tweight\n5\t9\t3\n2\t7\t1\n5\t4\t2\n5\t9\t4\n2\t8\t0\n"));
        assertEquals(2, m.rows());
        assertEquals(3, m.nonZeros());
        assertEquals(2, m.rowId(0));
        assertEquals(5, m.rowId(1));
        int u5 = m.rowOf(5);
        assertEquals(4, m.columnId(m.column(m.rowStart(u5))));
        assertEquals(2, m.plays(m.rowStart(u5)));
        assertEquals(9, m.columnId(m.column(m.rowStart(u5) + 1)));
        assertEquals(7, m.plays(m.rowStart(u5) + 1));
        assertEquals(-1, m.columnOf(8), "a zero-play row is no preference");
    }

    @Test
    void acceptsWindowsLineEndingsAndNoFinalNewline() throws IOException {
        PlayMatrix m = PlaysTsv.read(file("userID\tartistID\tweight\r\n1\t2\t3\r\n1\t3\t4"));
        assertEquals(2, m.nonZeros());
    }

    @Test
    void badRowNamesFileAndLine() throws IOException {
        InputException e = refused("userID\tartistID\tweight\n1\t2\t3\n1\tabc\t3\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(dir.resolve("plays.tsv") + ":3: artist id 'abc' is not an integer"), e.getMessage());
    }

    @Test
    void wrongFieldCountsAreRefused() throws IOException {
        assertTrue(refused("h\th\th\n1\t2\n").getMessage().contains(":2: expected 3 tab-separated fields"));
        assertTrue(refused("h\th\th\n1\t2\t3\t4\n").getMessage().contains(":2: expected 3 tab-separated fields"));
        assertTrue(refused("h\th\th\n1\t2\t3\n\n1\t2\t3\n").getMessage().contains(":3: user id is empty"));
    }

    @Test
    void negativeOrOutOfRangeNumbersAreRefused() throws IOException {
        assertTrue(refused("h\th\th\n1\t2\t-3\n").getMessage().contains(":2: plays -3 must be >= 0"));
        assertTrue(refused("h\th\th\n0\t2\t3\n").getMessage().contains(":2: user id 0 must be >= 1"));
        assertTrue(refused("h\th\th\n1\t2\t99999999999\n").getMessage().contains(":2: plays 99999999999 is out of range"));
    }

    @Test
    void aFileWithoutHeaderOrEmptyIsRefused() throws IOException {
        assertTrue(refused("1\t2\t3\n").getMessage().contains(":1: expected a header line"));
        assertTrue(refused("").getMessage().contains("empty file"));
    }

    @Test
    void aMissingFileIsNamed() {
        InputException e = assertThrows(InputException.class, () -> PlaysTsv.read(dir.resolve("nope.tsv")));
        assertEquals(dir.resolve("nope.tsv") + ": no such file", e.getMessage());
    }

    @Test
    void writeThenReadGivesTheSameMatrix() throws IOException {
        PlayMatrix m = PlaysTsv.read(file("userID\tartistID\tweight\n3\t1\t5\n3\t2\t1\n4\t1\t2\n"));
        Path out = dir.resolve("copy.tsv");
        PlaysTsv.write(out, m);
        assertEquals(m.digest(), PlaysTsv.read(out).digest());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }
}
