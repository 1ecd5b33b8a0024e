package io.musicrec.local.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server: s3proxy inside this JVM, path-style ({@link #endpoint()} with {@code
 * forcePathStyle(true)}), refusing requests not signed with {@link #ACCESS_KEY} and {@link
 * #SECRET_KEY} as S3 would. Buckets live in memory, or as plain files under a data directory (one
 * directory per bucket), which survive a restart and can be inspected.
 */
public final class S3Server implements AutoCloseable {

    /** The access key id clients must sign with. */
    public static final String ACCESS_KEY = "local-access-key";
    /** The secret access key clients must sign with. */
    public static final String SECRET_KEY = "local-secret-key";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final int port;

    private S3Server(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
        // Read once: Jetty reports -2 once the connector is stopped.
        this.port = proxy.getPort();
    }

    /**
     * Starts a server; returns once it accepts connections.
     *
     * @param options port (0 for a free one, bound by Jetty itself) and optional data directory
     */
    public static S3Server start(ServerOptions options) {
        BlobStore store;
        if (options.dataDirectory().isPresent()) {
            try {
                Files.createDirectories(options.dataDirectory().get());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the S3 data directory " + options, e);
            }
            store = new FilesystemNio2BlobStore(options.dataDirectory().get().toString());
        } else {
            store = new TransientNio2BlobStore();
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + options.port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // No graceful stop: Jetty would wait for clients' idle keep-alive connections (the
                // JDK keeps them in a JVM-wide cache) and then fail the stop with a TimeoutException.
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            store.close();
            throw new IllegalStateException("could not start s3proxy with " + options, e);
        }
        return new S3Server(proxy, store);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        // Jetty reports the lifecycle state as a string; "STARTED" once the connector is bound.
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline || "FAILED".equals(proxy.getState())) {
                throw new IllegalStateException("s3proxy is " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the SDK's endpoint override and {@code S3_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Creates a bucket unless it exists.
     *
     * @param name a valid S3 bucket name
     */
    public void createBucket(String name) {
        if (!store.containerExists(name)) {
            store.createContainer(name);
        }
    }

    /** Stops the server; the in-memory store, if any, is dropped. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop s3proxy on port " + port(), e);
        } finally {
            store.close();
        }
    }
}
