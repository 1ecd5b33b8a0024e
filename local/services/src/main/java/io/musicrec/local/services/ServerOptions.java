package io.musicrec.local.services;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an embedded server listens on 127.0.0.1 (port 0: a free one, read back from the server) and
 * where it keeps its data across restarts, if anywhere (else in memory or a temporary directory).
 */
public record ServerOptions(int port, Optional<Path> dataDirectory) {

    /** Validates the port range and normalises the directory to an absolute path. */
    public ServerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        dataDirectory = dataDirectory.map(directory -> directory.toAbsolutePath().normalize());
    }

    /** A free port and no data kept: what integration tests want. */
    public static ServerOptions ephemeral() {
        return new ServerOptions(0, Optional.empty());
    }

    /**
     * A fixed (or, with 0, free) port and no data kept.
     *
     * @param port the port, 0 for any free one
     */
    public static ServerOptions onPort(int port) {
        return new ServerOptions(port, Optional.empty());
    }

    /**
     * The same port, keeping data in {@code directory} (created when missing).
     *
     * @param directory where the server's data lives
     */
    public ServerOptions withDataDirectory(Path directory) {
        return new ServerOptions(port, Optional.of(directory));
    }
}
