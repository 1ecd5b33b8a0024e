package io.musicrec.platform.models;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ModelStore} on S3: each version's artifact under {@code PREFIX/MODEL_ID/}, its manifest
 * uploaded last (marking it complete), and the pointer {@code PREFIX/current.json}. Must not miss: the
 * pointer is written conditionally (on the ETag read before), so a writer with a stale view gets
 * {@link PointerMovedException} instead of overwriting a newer decision; {@link #prune} and {@link
 * #rollback} each recheck the other's object after writing, so a race cannot leave the pointer on a
 * deleted version. {@link #load} verifies before renaming into its cache, and reuses a cached copy that verifies.
 */
public final class S3ModelStore implements ModelStore {

    /** The pointer object's name under the prefix. */
    public static final String POINTER = "current.json";


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
        try {
            return ModelPointer.parse(body);
        } catch (ModelPointer.InvalidPointer e) {
            throw new ModelStoreException("the model pointer " + url(pointerKey()) + " " + e.getMessage()
                    + " (expected {\"model_id\": \"...\", \"published_at\": \"...\"})");
        }
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
        return download(modelId);
    }

    /** Downloads and verifies {@code modelId} from S3 whatever the cache holds, then caches it. */
    private Model download(String modelId) {
        Path cached = cacheDirectory.resolve(modelId);
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
        return publishUnder(modelDirectory, null);
    }

    @Override
    public Current publish(Path modelDirectory, Optional<Current> expected) {
        Objects.requireNonNull(expected, "expected");
        return publishUnder(modelDirectory, new Condition(expected));
    }

    /** What the pointer must be for a conditional write: {@code expected} empty means "no pointer". */
    private record Condition(Optional<Current> expected) {
    }

    /** Uploads the version unless already there, then writes the pointer: unconditionally when {@code condition} is null. */
    private Current publishUnder(Path modelDirectory, Condition condition) {
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
        return writePointer(modelId, condition);
    }

    private Current writePointer(String modelId, Condition condition) {
        String key = pointerKey();
        RequestBody body = RequestBody.fromString(ModelPointer.write(modelId, clock.instant()));
        if (condition == null) {
            return new Current(modelId, put(key, body, "application/json").eTag());
        }
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json");
        if (condition.expected().isPresent()) {
            request.ifMatch(condition.expected().get().etag());
        } else {
            request.ifNoneMatch("*");
        }
        try {
            return new Current(modelId, s3.putObject(request.build(), body).eTag());
        } catch (S3Exception e) {
            // 412: the tag no longer matches (or a pointer appeared); 409: a concurrent conditional
            // write won; 404: If-Match on a pointer that was deleted.
            if (e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404) {
                // The SDK retries an attempt that timed out or lost its connection; if the first
                // attempt was applied, the retry is refused by our own write. The pointer then
                // already names what we wanted: that is success, not a conflict.
                Optional<Current> now = pointerIfReadable();
                if (now.isPresent() && now.get().modelId().equals(modelId)) {
                    return now.get();
                }
                throw new PointerMovedException("the model pointer " + url(key) + " is no longer "
                        + condition.expected().map(c -> "the one naming " + c.modelId() + " (" + c.etag() + ")").orElse("absent")
                        + " (it names " + now.map(Current::modelId).orElse("nothing readable") + "); not moving it to " + modelId
                        + " (HTTP " + e.statusCode() + ")", e);
            }
            throw new ModelStoreException("cannot upload " + url(key) + " (HTTP " + e.statusCode() + "): " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ModelStoreException("cannot upload " + url(key) + ": " + e.getMessage(), e);
        }
    }

    private Optional<Current> pointerIfReadable() {
        try {
            return current();
        } catch (ModelStoreException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Version> versions() {
        Map<String, List<S3Object>> objects = new LinkedHashMap<>();
        String root = prefix + "/";
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(root)).contents()) {
                String rest = object.key().substring(root.length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    objects.computeIfAbsent(rest.substring(0, slash), id -> new ArrayList<>()).add(object);
                }
            }
        } catch (SdkException e) {
            throw new ModelStoreException("cannot list the models under " + url(root) + ": " + e.getMessage(), e);
        }
        List<Version> versions = new ArrayList<>();
        for (Map.Entry<String, List<S3Object>> entry : objects.entrySet()) {
            if (!ModelPointer.MODEL_ID.matcher(entry.getKey()).matches()) {
                continue;
            }
            Set<String> files = new HashSet<>();
            long bytes = 0;
            Instant newest = Instant.EPOCH;
            Instant manifestAt = null;
            for (S3Object object : entry.getValue()) {
                String file = object.key().substring(root.length() + entry.getKey().length() + 1);
                files.add(file);
                bytes += object.size() == null ? 0 : object.size();
                Instant modified = object.lastModified() == null ? Instant.EPOCH : object.lastModified();
                newest = modified.isAfter(newest) ? modified : newest;
                if (file.equals(ModelArtifact.MANIFEST)) {
                    manifestAt = modified;
                }
            }
            boolean complete = files.containsAll(ModelArtifact.FILES);
            versions.add(new Version(entry.getKey(), complete ? manifestAt : newest, complete, bytes));
        }
        versions.sort(Comparator.comparing(Version::storedAt).thenComparing(Version::modelId).reversed());
        return versions;
    }

    @Override
    public Current rollback(String modelId) {
        requireModelId(modelId);
        Optional<Current> before = current();
        try {
            // From S3, not from the local cache: what is checked is what the readers will fetch.
            download(modelId);
        } catch (ModelStoreException e) {
            throw new ModelStoreException("refusing to roll back to " + modelId + ": " + e.getMessage(), e);
        }
        Current moved = writePointer(modelId, new Condition(before));
        if (remoteManifest(modelId).isEmpty()) {
            // A prune deleted the version between the check and the pointer write: put the pointer back.
            before.ifPresent(previous -> writePointer(previous.modelId(), new Condition(Optional.of(moved))));
            throw new ModelStoreException("refusing to roll back to " + modelId + ": it was deleted while the pointer moved"
                    + before.map(previous -> "; the pointer is back on " + previous.modelId()).orElse(""));
        }
        return moved;
    }

    @Override
    public List<String> prune(int keep, Instant abandonedBefore) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        Objects.requireNonNull(abandonedBefore, "abandonedBefore");
        Optional<String> current = current().map(Current::modelId);
        List<String> deleted = new ArrayList<>();
        int completeSeen = 0;
        for (Version version : versions()) {
            boolean isCurrent = current.isPresent() && current.get().equals(version.modelId());
            if (version.complete()) {
                completeSeen++;
                if (isCurrent || completeSeen <= keep) {
                    continue;
                }
            } else if (isCurrent || !version.storedAt().isBefore(abandonedBefore)) {
                continue;
            }
            if (deleteVersion(version)) {
                deleted.add(version.modelId());
            }
        }
        return deleted;
    }

    /** Deletes one version, manifest first; false when it turned out to be current and was left alone. */
    private boolean deleteVersion(Version version) {
        String id = version.modelId();
        Optional<byte[]> manifest = remoteManifest(id);
        if (manifest.isPresent()) {
            delete(List.of(key(id, ModelArtifact.MANIFEST)));
            // Without its manifest the version can no longer be rolled back to; one that became
            // current in the meantime gets its manifest back and stays.
            if (current().map(Current::modelId).filter(id::equals).isPresent()) {
                put(key(id, ModelArtifact.MANIFEST), RequestBody.fromBytes(manifest.get()), "application/json");
                return false;
            }
        }
        List<String> keys = new ArrayList<>();
        String versionPrefix = prefix + "/" + id + "/";
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(versionPrefix)).contents()) {
                keys.add(object.key());
            }
        } catch (SdkException e) {
            throw new ModelStoreException("cannot list " + url(versionPrefix) + ": " + e.getMessage(), e);
        }
        delete(keys);
        return true;
    }

    private void delete(List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            try {
                var response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    var error = response.errors().get(0);
                    throw new ModelStoreException("cannot delete " + url(error.key()) + ": " + error.code() + " " + error.message());
                }
            } catch (SdkException e) {
                throw new ModelStoreException("cannot delete " + batch.size() + " object(s) under " + url(prefix + "/") + ": "
                        + e.getMessage(), e);
            }
        }
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
        if (!ModelPointer.MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("model id must be 1-128 of [A-Za-z0-9._-], got '" + modelId + "'");
        }
        if (modelId.equals(".") || modelId.equals("..")) {
            throw new IllegalArgumentException("model id must not be '" + modelId + "'");
        }
        return modelId;
    }
}
