package io.musicrec.platform.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.engine.artifact.ArtifactException;
import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.AtomicFiles;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.config.ModelStoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link ModelStore} on S3. The layout under the bucket:
 *
 * <pre>
 * PREFIX/current.json                 {"model_id": "...", "published_at": "2026-...Z"}: the pointer, written last
 * PREFIX/MODEL_ID/item-factors.f32    one directory per model version: every file of the engine's
 * PREFIX/MODEL_ID/gramian.f64         ModelArtifact, uploaded in ModelArtifact.FILES order, so the
 * PREFIX/MODEL_ID/...                 manifest (which lists every other file's size and SHA-256)
 * PREFIX/MODEL_ID/manifest.json       arrives last and marks the version complete
 * </pre>
 *
 * Versions sit side by side, so keeping several, rolling the pointer back to one, or listing them
 * ({@code ListObjectsV2} with delimiter {@code /} under {@code PREFIX/}) needs no change of layout.
 *
 * <p>{@link #load} downloads into a local cache ({@code java.io.tmpdir/musicrec-models/MODEL_ID}
 * by default): each version into a temporary sibling, verified with {@link ModelArtifact#read}
 * (sizes and checksums against the manifest), then renamed into place. A cached copy that still
 * verifies is reused without touching S3; one that does not is fetched again.
 */
public final class S3ModelStore implements ModelStore {

    /** The pointer object's name under the prefix. */
    public static final String POINTER = "current.json";

    /** Model ids as the engine allows them; they become key and directory names, so nothing else is accepted. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path cacheDirectory;
    private final Clock clock;

    /**
     * @param s3             the client (see {@link io.musicrec.platform.aws.AwsClients#s3})
     * @param bucket         the bucket
     * @param prefix         the key prefix, without leading or trailing slash
     * @param cacheDirectory where downloaded versions are kept, one subdirectory each
     * @param clock          the time written as the pointer's {@code published_at}
     */
    public S3ModelStore(S3Client s3, String bucket, String prefix, Path cacheDirectory, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must be non-empty without leading or trailing slash, got '" + prefix + "'");
        }
    }

    /** A store for the configured bucket and prefix, caching under {@code java.io.tmpdir/musicrec-models}. */
    public static S3ModelStore of(S3Client s3, ModelStoreSettings settings, Clock clock) {
        return new S3ModelStore(s3, settings.bucket(), settings.prefix(), defaultCacheDirectory(), clock);
    }

    /** {@code java.io.tmpdir/musicrec-models}: on Lambda, the function's {@code /tmp}. */
    public static Path defaultCacheDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "musicrec-models");
    }

    /** The key of {@code file} of version {@code modelId}: {@code PREFIX/MODEL_ID/FILE}. */
    public String key(String modelId, String file) {
        return prefix + "/" + requireModelId(modelId) + "/" + file;
    }

    /** The key of the pointer: {@code PREFIX/current.json}. */
    public String pointerKey() {
        return prefix + "/" + POINTER;
    }

    @Override
    public Optional<Current> current() {
        ResponseBytes<GetObjectResponse> pointer;
        try {
            pointer = s3.getObjectAsBytes(b -> b.bucket(bucket).key(pointerKey()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ModelStoreException("cannot read the model pointer " + url(pointerKey()) + ": " + e.getMessage(), e);
        }
        String modelId = parsePointer(pointer.asByteArray());
        return Optional.of(new Current(modelId, pointer.response().eTag()));
    }

    private String parsePointer(byte[] body) {
        String problem;
        try {
            JsonNode pointer = JSON.readTree(body);
            JsonNode id = pointer == null ? null : pointer.get("model_id");
            JsonNode publishedAt = pointer == null ? null : pointer.get("published_at");
            if (id == null || !id.isTextual() || !MODEL_ID.matcher(id.asText()).matches()) {
                problem = "has no valid model_id";
            } else if (publishedAt == null || !publishedAt.isTextual()) {
                problem = "has no published_at";
            } else {
                Instant.parse(publishedAt.asText());
                return id.asText();
            }
        } catch (IOException e) {
            problem = "is not JSON";
        } catch (DateTimeParseException e) {
            problem = "has a published_at that is not an ISO-8601 instant";
        }
        throw new ModelStoreException("the model pointer " + url(pointerKey()) + " " + problem
                + " (expected {\"model_id\": \"...\", \"published_at\": \"...\"})");
    }

    @Override
    public Model load(String modelId) {
        requireModelId(modelId);
        Path cached = cacheDirectory.resolve(modelId);
        if (Files.isRegularFile(cached.resolve(ModelArtifact.MANIFEST))) {
            try {
                Model model = ModelArtifact.read(cached);
                if (model.id().equals(modelId)) {
                    return model;
                }
            } catch (ArtifactException e) {
                // A damaged or partial copy (a full /tmp, a killed container): fetch it again.
            }
            AtomicFiles.deleteRecursively(cached);
        }
        Path download = createDownloadDirectory(modelId);
        try {
            for (String file : ModelArtifact.FILES) {
                fetch(modelId, file, download.resolve(file));
            }
            Model model;
            try {
                model = ModelArtifact.read(download);
            } catch (ArtifactException e) {
                throw new ModelStoreException("model " + modelId + " in " + url(prefix + "/" + modelId + "/")
                        + " is corrupt: " + e.getMessage().replace(download.toString(), modelId), e);
            }
            if (!model.id().equals(modelId)) {
                throw new ModelStoreException("model " + modelId + " in " + url(prefix + "/" + modelId + "/")
                        + " is corrupt: its manifest says model_id " + model.id());
            }
            moveIntoCache(download, cached);
            return model;
        } finally {
            AtomicFiles.deleteRecursively(download);
        }
    }

    private Path createDownloadDirectory(String modelId) {
        try {
            Files.createDirectories(cacheDirectory);
            return Files.createTempDirectory(cacheDirectory, "." + modelId + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a download directory in " + cacheDirectory, e);
        }
    }

    private void fetch(String modelId, String file, Path target) {
        String key = key(modelId, file);
        try {
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (NoSuchKeyException e) {
            throw new ModelStoreException(url(key) + " does not exist: model " + modelId
                    + " is incomplete or was never published", e);
        } catch (SdkException e) {
            throw new ModelStoreException("cannot download " + url(key) + ": " + e.getMessage(), e);
        }
    }

    private static void moveIntoCache(Path download, Path cached) {
        try {
            Files.move(download, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another thread cached the same version first; the copies are identical.
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("the model cache must be on one file system: " + download + " -> " + cached, e);
        } catch (IOException e) {
            // The model is already in memory and verified; only the cache entry is missing.
        }
    }

    @Override
    public Current publish(Path modelDirectory) {
        Model model;
        try {
            model = ModelArtifact.read(modelDirectory);
        } catch (ArtifactException e) {
            throw new ModelStoreException("refusing to publish " + modelDirectory + ": " + e.getMessage(), e);
        }
        String modelId = requireModelId(model.id());
        byte[] manifest = readFile(modelDirectory.resolve(ModelArtifact.MANIFEST));
        Optional<byte[]> published = remoteManifest(modelId);
        if (published.isPresent() && !Arrays.equals(published.get(), manifest)) {
            throw new ModelStoreException("model " + modelId + " is already published in " + url(prefix + "/" + modelId + "/")
                    + " with a different manifest; versions are immutable, give the new model a new id");
        }
        if (published.isEmpty()) {
            for (String file : ModelArtifact.FILES) {
                String contentType = file.equals(ModelArtifact.MANIFEST) ? "application/json" : "application/octet-stream";
                put(key(modelId, file), RequestBody.fromFile(modelDirectory.resolve(file)), contentType);
            }
        }
        ObjectNode pointer = JSON.createObjectNode();
        pointer.put("model_id", modelId);
        pointer.put("published_at", clock.instant().toString());
        PutObjectResponse written = put(pointerKey(), RequestBody.fromString(pointer.toString()), "application/json");
        return new Current(modelId, written.eTag());
    }

    private Optional<byte[]> remoteManifest(String modelId) {
        String key = key(modelId, ModelArtifact.MANIFEST);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ModelStoreException("cannot check whether " + url(key) + " exists: " + e.getMessage(), e);
        }
    }

    private PutObjectResponse put(String key, RequestBody body, String contentType) {
        try {
            return s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body);
        } catch (S3Exception e) {
            throw new ModelStoreException("cannot upload " + url(key) + " (HTTP " + e.statusCode() + "): " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ModelStoreException("cannot upload " + url(key) + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private String url(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static String requireModelId(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        if (!MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("model id must be 1-128 of [A-Za-z0-9._-], got '" + modelId + "'");
        }
        if (modelId.equals(".") || modelId.equals("..")) {
            throw new IllegalArgumentException("model id must not be '" + modelId + "'");
        }
        return modelId;
    }
}
