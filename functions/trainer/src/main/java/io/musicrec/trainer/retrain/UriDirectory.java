package io.musicrec.trainer.retrain;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A directory named by a URI, read and written file by file: a local path ({@code /x}, {@code file:/x})
 * or S3 ({@code s3://bucket/key} and Hadoop's {@code s3a://bucket/key}, the same objects), so a
 * Spark job's {@code s3a://} output and the trainer's {@code s3://} input can name one place.
 * An S3 file is uploaded when its stream is closed, from a temporary file.
 */
public final class UriDirectory {
    private final Path local;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String uri;

    private UriDirectory(String uri, Path local, S3Client s3, String bucket, String prefix) {
        this.uri = uri;
        this.local = local;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * @param s3 used for {@code s3://} and {@code s3a://} URIs; may be null when none is given
     * @throws IllegalArgumentException for another scheme, or an S3 URI without a client
     */
    public static UriDirectory of(String uri, S3Client s3) {
        Objects.requireNonNull(uri, "uri");
        URI parsed = URI.create(uri);
        String scheme = parsed.getScheme();
        if (scheme == null) {
            return new UriDirectory(uri, Path.of(uri), null, null, null);
        }
        if (scheme.equals("file")) {
            return new UriDirectory(uri, Path.of(parsed), null, null, null);
        }
        if (scheme.equals("s3") || scheme.equals("s3a")) {
            if (s3 == null) {
                throw new IllegalArgumentException(uri + ": an S3 location needs the S3 settings (MODEL_BUCKET, AWS_REGION, S3_ENDPOINT)");
            }
            String key = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/+", "");
            return new UriDirectory(uri, null, s3, parsed.getHost(), key.isEmpty() || key.endsWith("/") ? key : key + "/");
        }
        throw new IllegalArgumentException(uri + ": unsupported location (a local path, file:, s3:// or s3a://)");
    }

    public boolean isLocal() {
        return local != null;
    }

    /** Reads {@code name} (a relative path such as {@code train/part-00000.tsv.gz}). */
    public InputStream open(String name) throws IOException {
        if (local != null) {
            return Files.newInputStream(local.resolve(name));
        }
        try {
            return s3.getObject(b -> b.bucket(bucket).key(prefix + name));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(uri + "/" + name);
        }
    }

    /** Writes {@code name}, replacing it; in S3 the object appears when the stream is closed. */
    public OutputStream create(String name) throws IOException {
        if (local != null) {
            Path file = local.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file);
        }
        Path tmp = Files.createTempFile("musicrec-upload", ".part");
        return new FilterOutputStream(Files.newOutputStream(tmp)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                    s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromFile(tmp));
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    /** The files directly under {@code folder}, by name, sorted. */
    public List<String> list(String folder) throws IOException {
        List<String> names = new ArrayList<>();
        if (local != null) {
            Path dir = local.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
                }
            }
        } else {
            String under = prefix + folder + "/";
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(under)).contents()) {
                String rest = o.key().substring(under.length());
                if (!rest.isEmpty() && !rest.contains("/")) {
                    names.add(rest);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** Copies {@code names} into the local directory {@code target} (created). */
    public void download(List<String> names, Path target) {
        try {
            Files.createDirectories(target);
            for (String name : names) {
                try (InputStream in = open(name)) {
                    Files.copy(in, target.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + uri + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The local directory, when this is one. */
    public Path localPath() {
        if (local == null) {
            throw new IllegalStateException(uri + " is not local");
        }
        return local;
    }

    @Override
    public String toString() {
        return uri;
    }
}
