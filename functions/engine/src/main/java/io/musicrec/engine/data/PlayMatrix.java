package io.musicrec.engine.data;

import io.musicrec.engine.internal.IntIntMap;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sparse matrix of play counts in compressed-row form: rows are users (or, after
 * {@link #transpose()}, artists), columns the other side. Row and column ids are the external ids
 * (Last.fm user and artist ids), kept sorted ascending; entries in a row are sorted by column.
 */
public final class PlayMatrix {
    private final int[] rowIds;
    private final int[] colIds;
    private final int[] rowStart;
    private final int[] cols;
    private final int[] plays;
    private final IntIntMap rowIndex;
    private final IntIntMap colIndex;

    PlayMatrix(int[] rowIds, int[] colIds, int[] rowStart, int[] cols, int[] plays) {
        this.rowIds = rowIds;
        this.colIds = colIds;
        this.rowStart = rowStart;
        this.cols = cols;
        this.plays = plays;
        this.rowIndex = indexOf(rowIds);
        this.colIndex = indexOf(colIds);
    }

    private static IntIntMap indexOf(int[] ids) {
        IntIntMap map = new IntIntMap(ids.length);
        for (int i = 0; i < ids.length; i++) {
            map.putIfAbsent(ids[i], i);
        }
        return map;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int rows() {
        return rowIds.length;
    }

    public int columns() {
        return colIds.length;
    }

    public int nonZeros() {
        return cols.length;
    }

    public int rowId(int row) {
        return rowIds[row];
    }

    public int columnId(int col) {
        return colIds[col];
    }

    /** The dense row index of an external row id, or -1. */
    public int rowOf(int rowId) {
        return rowIndex.get(rowId);
    }

    /** The dense column index of an external column id, or -1. */
    public int columnOf(int colId) {
        return colIndex.get(colId);
    }

    /** First entry of {@code row}; the row's entries are {@code [rowStart(row), rowStart(row + 1))}. */
    public int rowStart(int row) {
        return rowStart[row];
    }

    public int rowLength(int row) {
        return rowStart[row + 1] - rowStart[row];
    }

    public int column(int entry) {
        return cols[entry];
    }

    public int plays(int entry) {
        return plays[entry];
    }

    /** Sum of the plays in each column. */
    public long[] columnSums() {
        long[] sums = new long[colIds.length];
        for (int e = 0; e < cols.length; e++) {
            sums[cols[e]] += plays[e];
        }
        return sums;
    }

    /** Number of entries in each column (for a user x artist matrix: an artist's listeners). */
    public int[] columnCounts() {
        int[] counts = new int[colIds.length];
        for (int c : cols) {
            counts[c]++;
        }
        return counts;
    }

    /** The same entries with rows and columns swapped (a counting sort, so rows stay sorted). */
    public PlayMatrix transpose() {
        int[] start = new int[colIds.length + 1];
        for (int c : cols) {
            start[c + 1]++;
        }
        for (int c = 0; c < colIds.length; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, colIds.length);
        int[] tCols = new int[cols.length];
        int[] tPlays = new int[cols.length];
        for (int r = 0; r < rowIds.length; r++) {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                int slot = next[cols[e]]++;
                tCols[slot] = r;
                tPlays[slot] = plays[e];
            }
        }
        return new PlayMatrix(colIds, rowIds, start, tCols, tPlays);
    }

    /**
     * SHA-256 over the entries in canonical order (row id, then per entry column id and plays), so
     * the same data gives the same digest whatever file layout it came from.
     */
    public String digest() {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (int r = 0; r < rowIds.length; r++) {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                if (buf.remaining() < 12) {
                    sha.update(buf.flip());
                    buf.clear();
                }
                buf.putInt(rowIds[r]).putInt(colIds[cols[e]]).putInt(plays[e]);
            }
        }
        sha.update(buf.flip());
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Collects (row id, column id, plays) triples in any order. Repeated pairs are summed, rows
     * with zero plays are dropped (they carry no preference).
     */
    public static final class Builder {
        private int[] rowIds = new int[1024];
        private int[] colIds = new int[1024];
        private int[] values = new int[1024];
        private int size;

        private Builder() {
        }

        public Builder add(int rowId, int colId, int playCount) {
            if (rowId <= 0 || colId <= 0) {
                throw new IllegalArgumentException("ids must be >= 1, got " + rowId + " and " + colId);
            }
            if (playCount < 0) {
                throw new IllegalArgumentException("plays must be >= 0, got " + playCount);
            }
            if (playCount == 0) {
                return this;
            }
            if (size == rowIds.length) {
                int capacity = size + (size >> 1);
                rowIds = Arrays.copyOf(rowIds, capacity);
                colIds = Arrays.copyOf(colIds, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            rowIds[size] = rowId;
            colIds[size] = colId;
            values[size] = playCount;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public PlayMatrix build() {
            int[] sortedRows = distinctSorted(rowIds, size);
            int[] sortedCols = distinctSorted(colIds, size);
            IntIntMap rowIdx = indexOf(sortedRows);
            IntIntMap colIdx = indexOf(sortedCols);

            int[] start = new int[sortedRows.length + 1];
            int[] rowOfEntry = new int[size];
            for (int i = 0; i < size; i++) {
                int r = rowIdx.get(rowIds[i]);
                rowOfEntry[i] = r;
                start[r + 1]++;
            }
            for (int r = 0; r < sortedRows.length; r++) {
                start[r + 1] += start[r];
            }
            // Pack (column index, plays) into longs so each row sorts by column with one call.
            long[] packed = new long[size];
            int[] next = Arrays.copyOf(start, sortedRows.length);
            for (int i = 0; i < size; i++) {
                packed[next[rowOfEntry[i]]++] = ((long) colIdx.get(colIds[i]) << 32) | values[i];
            }
            int[] outCols = new int[size];
            int[] outPlays = new int[size];
            int[] outStart = new int[sortedRows.length + 1];
            int n = 0;
            for (int r = 0; r < sortedRows.length; r++) {
                Arrays.sort(packed, start[r], start[r + 1]);
                outStart[r] = n;
                for (int e = start[r]; e < start[r + 1]; e++) {
                    int col = (int) (packed[e] >>> 32);
                    int value = (int) packed[e];
                    if (n > outStart[r] && outCols[n - 1] == col) {
                        outPlays[n - 1] = saturatedAdd(outPlays[n - 1], value);
                    } else {
                        outCols[n] = col;
                        outPlays[n] = value;
                        n++;
                    }
                }
            }
            outStart[sortedRows.length] = n;
            return new PlayMatrix(sortedRows, sortedCols, outStart,
                    n == size ? outCols : Arrays.copyOf(outCols, n),
                    n == size ? outPlays : Arrays.copyOf(outPlays, n));
        }

        private static int saturatedAdd(int a, int b) {
            long s = (long) a + b;
            return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
        }

        private static int[] distinctSorted(int[] ids, int count) {
            IntIntMap seen = new IntIntMap(Math.min(count, 1 << 20));
            int[] distinct = new int[16];
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (seen.putIfAbsent(ids[i], n) == n) {
                    if (n == distinct.length) {
                        distinct = Arrays.copyOf(distinct, n * 2);
                    }
                    distinct[n++] = ids[i];
                }
            }
            int[] out = Arrays.copyOf(distinct, n);
            Arrays.sort(out);
            return out;
        }
    }
}
