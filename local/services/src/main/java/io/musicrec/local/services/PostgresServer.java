package io.musicrec.local.services;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 14 server from zonky's embedded binaries, run as a child process; it trusts local
 * connections (the reported password {@code postgres} is for clients that insist on one). As root,
 * zonky runs {@code initdb} and {@code pg_ctl} under {@code unshare -U}, since PostgreSQL refuses root;
 * that needs util-linux and user namespaces. New clusters are copies of one {@code initdb} per JVM
 * (initdb spends seconds syncing to disk); a data directory's cluster is created once and reused.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    /** The superuser that {@code initdb} creates. */
    public static final String USER = "postgres";
    /** Any password works (trust authentication); this one is reported to clients. */
    public static final String PASSWORD = "postgres";
    /** The database that exists in every fresh cluster. */
    public static final String DATABASE = "postgres";

    private static final Object TEMPLATE_LOCK = new Object();
    private static Path template;

    private final EmbeddedPostgres postgres;
    private final Optional<Path> temporaryDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Optional<Path> temporaryDirectory) {
        this.postgres = postgres;
        this.temporaryDirectory = temporaryDirectory;
    }

    /**
     * Starts a server; returns once it accepts connections.
     *
     * @param options port (0 for a free one) and optional data directory, which must be the caller's
     *                alone (the local stack holds its lock): a postmaster still running on it was left
     *                by a process that was killed, and is stopped first
     * @throws UncheckedIOException when the binaries cannot be unpacked or the server does not start
     */
    public static PostgresServer start(ServerOptions options) {
        Optional<Path> temporary = Optional.empty();
        try {
            Path dataDirectory;
            if (options.dataDirectory().isPresent()) {
                dataDirectory = options.dataDirectory().get();
            } else {
                temporary = Optional.of(Files.createTempDirectory("musicrec-pg-"));
                dataDirectory = temporary.get();
            }
            if (!Files.exists(dataDirectory.resolve("postgresql.conf"))) {
                copyCluster(template(), dataDirectory);
            } else {
                stopLeftover(dataDirectory);
            }
            return new PostgresServer(startPostmaster(dataDirectory, options.port()), temporary);
        } catch (IOException | RuntimeException e) {
            temporary.ifPresent(PostgresServer::deleteQuietly);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not start embedded PostgreSQL with " + options, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Starts a postmaster on {@code dataDirectory} (running initdb first when it is empty). A free
     * port is only free until someone binds it: when another server in this JVM or on the machine
     * takes it first, the postmaster cannot listen and zonky waits for it in vain, talking to the
     * other server. So with port 0 a failed start is retried on a new port.
     */
    private static EmbeddedPostgres startPostmaster(Path dataDirectory, int requestedPort) throws IOException {
        int attempts = requestedPort == 0 ? 3 : 1;
        IOException first = null;
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.resolve(requestedPort);
            try {
                return builder(port)
                        .setDataDirectory(dataDirectory)
                        // The directory is ours to delete (temporary) or to keep (given).
                        .setCleanDataDirectory(false)
                        .start();
            } catch (IOException | RuntimeException e) {
                // A failed start keeps zonky's lock on the directory, so a retry in this JVM fails on
                // the lock (OverlappingFileLockException, no message): the first failure is the one to tell.
                IOException failure = e instanceof IOException io ? io : new IOException(e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
                if (attempt == attempts || e instanceof RuntimeException) {
                    throw first;
                }
            }
        }
    }

    /**
     * Stops the postmaster named in {@code dataDirectory}'s {@code postmaster.pid} when it still runs:
     * the directory is the caller's alone, so it was left by a stack that was killed (its clients died
     * with it, so a smart shutdown ends at once). A stale file with no such process is left to pg_ctl.
     */
    private static void stopLeftover(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream().findFirst()
                .filter(line -> line.strip().matches("[0-9]{1,10}"))
                .flatMap(line -> ProcessHandle.of(Long.parseLong(line.strip())))
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        LOG.atWarn().addKeyValue("pid", postmaster.get().pid()).addKeyValue("data", dataDirectory)
                .log("stopping the PostgreSQL a killed stack left running on its data directory");
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            postmaster.get().destroyForcibly();
        } catch (ExecutionException e) {
            throw new IOException("could not stop the PostgreSQL left running on " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL left running on " + dataDirectory, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(int port) {
        return EmbeddedPostgres.builder()
                .setPort(port)
                // Unpacking the binaries and initdb happen before this wait starts; a postmaster
                // on an existing cluster is up in well under a second even on a busy machine.
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("listen_addresses", "localhost")
                // A few connections per test JVM are plenty; zonky's default of 300 costs shared memory.
                .setServerConfig("max_connections", "100")
                // Tests and the local stack want speed over durability: a server killed hard may lose its last
                // transactions, never the cluster's consistency. synchronous_commit off lets a commit return before
                // its WAL is written, which raises local/bench's play rate markedly (bench/README.md).
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
    }

    /** A cleanly shut-down cluster made by initdb, once per JVM, to copy for every new server. */
    private static Path template() throws IOException {
        synchronized (TEMPLATE_LOCK) {
            if (template == null) {
                Path directory = Files.createTempDirectory("musicrec-pg-template-");
                // zonky has no "initdb only": start once on the empty directory and stop again.
                startPostmaster(directory, 0).close();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory), "musicrec-pg-template-cleanup"));
                template = directory;
            }
            return template;
        }
    }

    private static void copyCluster(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        // PostgreSQL refuses a data directory that others can read.
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory is not worth failing a test or a shutdown for.
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
        } finally {
            temporaryDirectory.ifPresent(PostgresServer::deleteQuietly);
        }
    }
}
