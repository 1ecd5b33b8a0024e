package io.musicrec.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PlayMatrixTest {

    @Test
    void transposeSwapsRowsAndColumnsKeepingEveryEntry() {
        PlayMatrix m = PlayMatrix.builder().add(10, 3, 5).add(10, 1, 2).add(20, 3, 7).build();
        PlayMatrix t = m.transpose();
        assertEquals(2, t.rows());
        assertEquals(1, t.rowId(0));
        assertEquals(3, t.rowId(1));
        int a3 = t.rowOf(3);
        assertEquals(2, t.rowLength(a3));
        assertEquals(10, t.columnId(t.column(t.rowStart(a3))));
        assertEquals(5, t.plays(t.rowStart(a3)));
        assertEquals(7, t.plays(t.rowStart(a3) + 1));
        assertEquals(m.nonZeros(), t.nonZeros());
    }

    @Test
    void digestDependsOnContentNotInsertionOrder() {
        PlayMatrix a = PlayMatrix.builder().add(1, 2, 3).add(4, 5, 6).build();
        PlayMatrix b = PlayMatrix.builder().add(4, 5, 6).add(1, 2, 3).build();
        PlayMatrix c = PlayMatrix.builder().add(4, 5, 6).add(1, 2, 4).build();
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
    }

    @Test
    void columnCountsAndSumsAreListenersAndPlays() {
        PlayMatrix m = PlayMatrix.builder().add(1, 7, 3).add(2, 7, 4).add(2, 8, 1).build();
        assertEquals(2, m.columnCounts()[m.columnOf(7)]);
        assertEquals(7L, m.columnSums()[m.columnOf(7)]);
    }
}
