package io.musicrec.trainer.retrain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The training plays as files for a trainer elsewhere (the Spark job). The stable hold-out is drawn
 * here, once, and both sides are written ({@code train/}, {@code test/}, {@code users.tsv.gz}, {@code
 * artists.tsv.gz}), so the external trainer learns from exactly the training side and {@link
 * ExportedTrainingSource} gates on exactly the held-out side. The manifest (counts, digests, the
 * hold-out's settings) is written last: a directory without one is an unfinished export.
 */
public final class PlaysExport {
    public static final String FORMAT = "musicrec-plays-export";
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String TRAIN = "train";
    public static final String TEST = "test";
    public static final String USERS = "users.tsv.gz";
    public static final String ARTISTS = "artists.tsv.gz";
    /** Rows per part. A gzip part is not splittable: each is one Spark task. */
    public static final int DEFAULT_PART_ROWS = 1_000_000;

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What an export holds; {@code trainDigest} is the training side's {@code PlayMatrix.digest()}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Manifest(String format, int formatVersion, Instant createdAt, String split, double testShare, long splitSeed,
                           int users, int artists, long plays, long trainPlays, long testPlays, String trainDigest,
                           String fingerprint, TrainingData.Counts counts, int trainParts, int testParts) {
    }

    private PlaysExport() {
    }

    /** Splits {@code data} and writes it to {@code out}. */
    public static Manifest write(TrainingData data, double testShare, long splitSeed, UriDirectory out, int partRows, Instant now)
            throws IOException {
        StableHoldout.Split split = StableHoldout.split(data, testShare, splitSeed);
        int trainParts = writeParts(split.train(), out, TRAIN, partRows);
        int testParts = writeParts(split.test(), out, TEST, partRows);
        try (Writer w = gzipWriter(out.create(USERS))) {
            for (int row = 0; row < data.plays().rows(); row++) {
                int id = data.plays().rowId(row);
                w.write(id + "\t" + data.userKey(id) + "\n");
            }
        }
        try (Writer w = gzipWriter(out.create(ARTISTS))) {
            for (Map.Entry<Integer, String> e : data.artistNames().entrySet()) {
                w.write(e.getKey() + "\t" + e.getValue().replaceAll("[\\t\\r\\n]", " ") + "\n");
            }
        }
        Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, now, StableHoldout.NAME, testShare, splitSeed,
                data.plays().rows(), data.plays().columns(), data.plays().nonZeros(), split.train().nonZeros(), split.test().nonZeros(),
                split.train().digest(), data.fingerprint(), data.counts(), trainParts, testParts);
        try (OutputStream o = out.create(MANIFEST)) {
            o.write(JSON.writeValueAsBytes(manifest));
        }
        return manifest;
    }

    private static int writeParts(PlayMatrix m, UriDirectory out, String folder, int partRows) throws IOException {
        int part = 0;
        int inPart = 0;
        Writer w = null;
        try {
            for (int r = 0; r < m.rows(); r++) {
                for (int e = m.rowStart(r); e < m.rowStart(r + 1); e++) {
                    if (w == null) {
                        w = gzipWriter(out.create(String.format("%s/part-%05d.tsv.gz", folder, part++)));
                        w.write(PlaysTsv.HEADER + "\n");
                    }
                    w.write(m.rowId(r) + "\t" + m.columnId(m.column(e)) + "\t" + m.plays(e) + "\n");
                    if (++inPart == partRows) {
                        w.close();
                        w = null;
                        inPart = 0;
                    }
                }
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
        return part;
    }

    /** Reads the manifest of the export at {@code dir}. */
    public static Manifest manifest(UriDirectory dir) throws IOException {
        try (InputStream in = dir.open(MANIFEST)) {
            Manifest m = JSON.readValue(in, Manifest.class);
            if (!FORMAT.equals(m.format()) || m.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException(dir + ": not a plays export of version " + FORMAT_VERSION + " (format " + m.format() + ")");
            }
            return m;
        }
    }

    /** Reads both sides back into one {@link TrainingData}: the plays the export was drawn from. */
    public static TrainingData read(UriDirectory dir, Manifest manifest) throws IOException {
        PlayMatrix.Builder plays = PlayMatrix.builder();
        for (String folder : List.of(TRAIN, TEST)) {
            for (String part : dir.list(folder)) {
                readRows(dir, folder + "/" + part, fields -> plays.add(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                        Integer.parseInt(fields[2])), true);
            }
        }
        long[] keys = new long[manifest.users()];
        readRows(dir, USERS, fields -> keys[Integer.parseInt(fields[0]) - 1] = Long.parseLong(fields[1]), false);
        Map<Integer, String> names = new HashMap<>();
        readRows(dir, ARTISTS, fields -> names.put(Integer.parseInt(fields[0]), fields.length > 1 ? fields[1] : ""), false);
        PlayMatrix matrix = plays.build();
        if (matrix.nonZeros() != manifest.plays()) {
            throw new IllegalArgumentException(dir + ": the parts hold " + matrix.nonZeros() + " plays, the manifest says " + manifest.plays());
        }
        return new TrainingData(matrix, keys, names, manifest.counts(), manifest.fingerprint());
    }

    private interface RowSink {
        void accept(String[] fields);
    }

    private static void readRows(UriDirectory dir, String name, RowSink sink, boolean header) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(dir.open(name), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            boolean first = header;
            while ((line = in.readLine()) != null) {
                if (first) {
                    first = false;
                    continue;
                }
                if (!line.isEmpty()) {
                    sink.accept(line.split("\t", 3));
                }
            }
        }
    }

    private static Writer gzipWriter(OutputStream out) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }
}
