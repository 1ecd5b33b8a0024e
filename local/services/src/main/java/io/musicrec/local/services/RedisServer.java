package io.musicrec.local.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real Redis 6.2 server from codemonstur's {@code embedded-redis}, run as a child process ({@link
 * #url()}). Without a data directory nothing touches disk; with one it keeps an append-only file there,
 * replayed on the next start, and {@link #close()} stops it with SIGTERM, on which Redis flushes it.
 */
public final class RedisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final int START_ATTEMPTS = 3;

    private final redis.embedded.RedisServer process;
    private final int port;

    private RedisServer(redis.embedded.RedisServer process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server; returns once it logs that it accepts connections.
     *
     * @param options port (0 for a free one) and optional data directory
     * @throws UncheckedIOException when the server does not start
     */
    public static RedisServer start(ServerOptions options) {
        IOException last = null;
        // Redis cannot bind port 0 and report it back, so a free port is picked first; another
        // process may take it in between, hence a few attempts when the caller did not fix the port.
        int attempts = options.port() == 0 ? START_ATTEMPTS : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int port = FreePorts.resolve(options.port());
            try {
                redis.embedded.RedisServer process = build(options, port).build();
                process.start();
                return new RedisServer(process, port);
            } catch (IOException e) {
                last = e;
                LOG.atDebug().addKeyValue("port", port).addKeyValue("attempt", attempt).setCause(e).log("Redis did not start");
            }
        }
        throw new UncheckedIOException("could not start embedded Redis with " + options, last);
    }

    private static RedisServerBuilder build(ServerOptions options, int port) throws IOException {
        RedisServerBuilder builder = new RedisServerBuilder()
                .port(port)
                .bind("127.0.0.1")
                .onShutdownForceStop(false)
                .soutListener(line -> LOG.atDebug().addKeyValue("line", line).log("redis output"))
                .serrListener(line -> LOG.atWarn().addKeyValue("line", line).log("redis error output"));
        if (options.dataDirectory().isPresent()) {
            Files.createDirectories(options.dataDirectory().get());
            // Quoted, so that a path with spaces stays one argument in redis.conf.
            builder.setting("dir \"" + options.dataDirectory().get() + "\"")
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"");
        } else {
            // Redis snapshots by default when a config file names no save points.
            builder.setting("save \"\"").setting("appendonly no");
        }
        return builder;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server with SIGTERM and waits for it to exit. */
    @Override
    public void close() {
        try {
            process.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded Redis on port " + port, e);
        }
    }
}
