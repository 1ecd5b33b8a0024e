package io.musicrec.engine.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.model.ArtistIndex;
import io.musicrec.engine.model.Model;
import io.musicrec.engine.model.ModelInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of a {@link Model}: a directory holding {@code manifest.json} and little-endian
 * binary files whose sizes follow from the manifest's counts and whose SHA-256 the manifest lists.
 *
 * <pre>
 * manifest.json                  format, format_version, model_id, created_at, hyperparameters,
 *                                training_data, evaluation, artists, factors, neighbours, files
 * item-factors.f32               artists x factors float32, row-major (Y)
 * gramian.f64                    factors x factors float64, row-major (YᵀY)
 * neighbours.i32                 artists x neighbours int32: dense indexes of the most similar artists, -1 padded
 * neighbour-similarities.f32     artists x neighbours float32: their cosine similarities
 * artists.bin                    per artist: int32 id, int32 listeners, int64 plays, int32 n, n bytes UTF-8 name
 * </pre>
 *
 * Writing builds the directory beside the target and renames it into place when complete; reading
 * checks the format and version, every size and every checksum before building the model.
 */
public final class ModelArtifact {
    public static final String FORMAT = "musicrec-als-model";
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String ITEM_FACTORS = "item-factors.f32";
    public static final String GRAMIAN = "gramian.f64";
    public static final String NEIGHBOURS = "neighbours.i32";
    public static final String NEIGHBOUR_SIMILARITIES = "neighbour-similarities.f32";
    public static final String ARTISTS = "artists.bin";
    /** Every file of an artifact, the manifest last: the order a copy (to S3, say) should follow. */
    public static final List<String> FILES = List.of(ITEM_FACTORS, GRAMIAN, NEIGHBOURS, NEIGHBOUR_SIMILARITIES, ARTISTS, MANIFEST);

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArtifact() {
    }

    /** Writes {@code model} to directory {@code dir}, replacing what is there only once complete. */
    public static void write(Model model, Path dir) throws IOException {
        write(model, dir, Map.of());
    }

    /**
     * Writes {@code model} and, beside it, human-readable text files (a README saying how the model
     * was made, say). They travel with the directory but are not part of the format: not listed in
     * the manifest, not read back, not copied to model storage.
     */
    public static void write(Model model, Path dir, Map<String, String> notes) throws IOException {
        for (String name : notes.keySet()) {
            if (FILES.contains(name) || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("note file name '" + name + "' is reserved or not a plain file name");
            }
        }
        AtomicFiles.writeDirectory(dir, tmp -> {
            writeInto(model, tmp);
            for (Map.Entry<String, String> note : notes.entrySet()) {
                Files.writeString(tmp.resolve(note.getKey()), note.getValue(), StandardCharsets.UTF_8);
            }
        });
    }

    private static void writeInto(Model model, Path dir) throws IOException {
        int n = model.size();
        int k = model.factors();
        int m = model.neighbourCount();
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();

        float[] factors = model.itemFactors();
        files.put(ITEM_FACTORS, writeBinary(dir.resolve(ITEM_FACTORS), (long) factors.length * 4,
                buf -> buf.asFloatBuffer().put(factors)));
        double[] gramian = model.gramian();
        files.put(GRAMIAN, writeBinary(dir.resolve(GRAMIAN), (long) gramian.length * 8,
                buf -> buf.asDoubleBuffer().put(gramian)));
        int[] neighbours = model.neighbourIndexes();
        files.put(NEIGHBOURS, writeBinary(dir.resolve(NEIGHBOURS), (long) neighbours.length * 4,
                buf -> buf.asIntBuffer().put(neighbours)));
        float[] similarities = model.neighbourSimilarities();
        files.put(NEIGHBOUR_SIMILARITIES, writeBinary(dir.resolve(NEIGHBOUR_SIMILARITIES), (long) similarities.length * 4,
                buf -> buf.asFloatBuffer().put(similarities)));

        ArtistIndex artists = model.artists();
        byte[][] names = new byte[n][];
        long artistBytes = 0;
        for (int i = 0; i < n; i++) {
            names[i] = artists.name(i).getBytes(StandardCharsets.UTF_8);
            artistBytes += 20 + names[i].length;
        }
        files.put(ARTISTS, writeBinary(dir.resolve(ARTISTS), artistBytes, buf -> {
            for (int i = 0; i < n; i++) {
                buf.putInt(artists.id(i)).putInt(model.listeners(i)).putLong(model.artistPlays(i)).putInt(names[i].length).put(names[i]);
            }
        }));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("format_version", FORMAT_VERSION);
        ObjectNode info = JSON.valueToTree(model.info());
        manifest.setAll(info);
        manifest.put("artists", n);
        manifest.put("factors", k);
        manifest.put("neighbours", m);
        manifest.set("files", JSON.valueToTree(files));
        Files.write(dir.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    }

    @FunctionalInterface
    private interface Filler {
        void fill(ByteBuffer buf);
    }

    private static Map<String, Object> writeBinary(Path file, long bytes, Filler filler) throws IOException {
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IOException(file.getFileName() + " would be " + bytes + " bytes; the format keeps each file under 2 GiB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        filler.fill(buf);
        byte[] data = buf.array();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(data);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("bytes", bytes);
        entry.put("sha256", sha256(data));
        return entry;
    }

    /** Reads only the manifest's identity and metadata, without loading or checking the binaries. */
    public static ModelInfo readInfo(Path dir) {
        return parseInfo(readManifest(dir), dir);
    }

    /**
     * Loads and verifies the artifact in {@code dir}.
     *
     * @throws ArtifactException naming the directory and file when anything does not match
     */
    public static Model read(Path dir) {
        JsonNode manifest = readManifest(dir);
        ModelInfo info = parseInfo(manifest, dir);
        int n = intField(manifest, "artists", dir);
        int k = intField(manifest, "factors", dir);
        int m = intField(manifest, "neighbours", dir);
        if (k != info.hyperparameters().factors()) {
            throw corrupt(dir, MANIFEST, "factors " + k + " differs from hyperparameters.factors " + info.hyperparameters().factors());
        }
        JsonNode files = manifest.get("files");
        if (files == null || !files.isObject()) {
            throw corrupt(dir, MANIFEST, "has no files section");
        }

        ByteBuffer factorBytes = readVerified(dir, ITEM_FACTORS, files, (long) n * k * 4);
        float[] factors = new float[n * k];
        factorBytes.asFloatBuffer().get(factors);
        ByteBuffer gramianBytes = readVerified(dir, GRAMIAN, files, (long) k * k * 8);
        double[] gramian = new double[k * k];
        gramianBytes.asDoubleBuffer().get(gramian);
        ByteBuffer neighbourBytes = readVerified(dir, NEIGHBOURS, files, (long) n * m * 4);
        int[] neighbours = new int[n * m];
        neighbourBytes.asIntBuffer().get(neighbours);
        for (int v : neighbours) {
            if (v < -1 || v >= n) {
                throw corrupt(dir, NEIGHBOURS, "holds artist index " + v + " outside 0.." + (n - 1));
            }
        }
        ByteBuffer similarityBytes = readVerified(dir, NEIGHBOUR_SIMILARITIES, files, (long) n * m * 4);
        float[] similarities = new float[n * m];
        similarityBytes.asFloatBuffer().get(similarities);

        ByteBuffer artistBytes = readVerified(dir, ARTISTS, files, -1);
        int[] ids = new int[n];
        String[] names = new String[n];
        int[] listeners = new int[n];
        long[] plays = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                ids[i] = artistBytes.getInt();
                listeners[i] = artistBytes.getInt();
                plays[i] = artistBytes.getLong();
                int len = artistBytes.getInt();
                if (len < 0 || len > artistBytes.remaining()) {
                    throw corrupt(dir, ARTISTS, "artist " + i + " has a name length of " + len);
                }
                names[i] = new String(artistBytes.array(), artistBytes.position(), len, StandardCharsets.UTF_8);
                artistBytes.position(artistBytes.position() + len);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw corrupt(dir, ARTISTS, "ends before its " + n + " artists");
        }
        if (artistBytes.hasRemaining()) {
            throw corrupt(dir, ARTISTS, "has " + artistBytes.remaining() + " bytes after its " + n + " artists");
        }
        try {
            return new Model(info, new ArtistIndex(ids, names), factors, gramian, m, neighbours, similarities, listeners, plays);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(dir + ": inconsistent artifact: " + e.getMessage(), e);
        }
    }

    private static JsonNode readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(file + ": no manifest; is " + dir + " a model directory?");
        } catch (IOException e) {
            throw new ArtifactException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw corrupt(dir, MANIFEST, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw corrupt(dir, MANIFEST, "cannot be parsed: " + e.getMessage());
        }
        if (manifest == null || !manifest.isObject()) {
            throw corrupt(dir, MANIFEST, "is not a JSON object");
        }
        JsonNode format = manifest.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new ArtifactException(file + ": not a musicrec model (format " + (format == null ? "missing" : "'" + format.asText() + "'")
                    + ", expected '" + FORMAT + "')");
        }
        JsonNode version = manifest.get("format_version");
        if (version == null || !version.canConvertToInt() || version.asInt() != FORMAT_VERSION) {
            throw new ArtifactException(file + ": unsupported format_version " + version + "; this build reads version " + FORMAT_VERSION);
        }
        return manifest;
    }

    /**
     * Builds what reading a manifest needs (the mapper and its deserialisers for {@link ModelInfo})
     * by reading a minimal one from memory. A function that will load a model calls it on a thread
     * of its own at a cold start, while its main thread builds its S3 client.
     *
     * @return the minimal manifest's metadata (model id {@code prepare})
     */
    public static ModelInfo prepare() {
        String manifest = "{\"model_id\":\"prepare\",\"created_at\":\"2026-01-01T00:00:00Z\",\"hyperparameters\":{\"factors\":1,"
                + "\"regularization\":0.0,\"alpha\":1.0,\"weighting\":\"raw\",\"bm25_k1\":1.0,\"bm25_b\":0.5,\"iterations\":0,\"seed\":1,"
                + "\"threads\":1,\"solver\":\"cg\",\"cg_steps\":1,\"neighbour_shrinkage\":0.0},\"training_data\":{\"digest\":\"d\","
                + "\"users\":1,\"artists\":1,\"non_zeros\":1},\"evaluation\":{\"k\":10,\"x\":0.5}}";
        try {
            return parseInfo(JSON.readTree(manifest), Path.of("."));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the built-in manifest is JSON", e);
        }
    }

    private static ModelInfo parseInfo(JsonNode manifest, Path dir) {
        try {
            ModelInfo info = JSON.treeToValue(manifest, ModelInfo.class);
            if (info.modelId() == null) {
                throw corrupt(dir, MANIFEST, "has no model_id");
            }
            return info;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw corrupt(dir, MANIFEST, "has invalid metadata: " + reason);
        }
    }

    private static int intField(JsonNode manifest, String name, Path dir) {
        JsonNode v = manifest.get(name);
        if (v == null || !v.canConvertToInt() || v.asInt() < 0) {
            throw corrupt(dir, MANIFEST, "field '" + name + "' must be a non-negative integer");
        }
        return v.asInt();
    }

    private static ByteBuffer readVerified(Path dir, String name, JsonNode files, long expectedBytes) {
        JsonNode entry = files.get(name);
        if (entry == null || !entry.has("sha256") || !entry.has("bytes")) {
            throw corrupt(dir, MANIFEST, "does not list " + name + " with bytes and sha256");
        }
        long listedBytes = entry.get("bytes").asLong();
        if (expectedBytes >= 0 && listedBytes != expectedBytes) {
            throw corrupt(dir, MANIFEST, "lists " + name + " as " + listedBytes + " bytes; its counts need " + expectedBytes);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw corrupt(dir, name, "is missing");
        } catch (IOException e) {
            throw new ArtifactException(dir.resolve(name) + ": cannot read: " + e.getMessage(), e);
        }
        if (data.length != listedBytes) {
            throw corrupt(dir, name, "is " + data.length + " bytes, the manifest says " + listedBytes + (data.length < listedBytes ? " (truncated)" : ""));
        }
        String actual = sha256(data);
        if (!actual.equals(entry.get("sha256").asText())) {
            throw corrupt(dir, name, "checksum mismatch (sha256 " + actual + ", manifest " + entry.get("sha256").asText() + ")");
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ArtifactException corrupt(Path dir, String file, String reason) {
        return new ArtifactException(dir.resolve(file) + ": " + reason);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
