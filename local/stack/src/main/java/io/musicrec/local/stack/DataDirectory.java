package io.musicrec.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory whose contents survive a restart: the embedded servers' data ({@code postgres/},
 * {@code redis/}, {@code sqs/}, {@code s3/}), the generated JWT secret ({@code jwt-secret}), and,
 * while a stack runs, its lock ({@code stack.lock}: one stack per directory) and the functions'
 * environment ({@code functions.env}, for tools such as the bench that start a function in a JVM
 * of their own). Delete the directory to start from nothing.
 */
public final class DataDirectory implements AutoCloseable {

    /** The file holding the functions' environment while the stack runs. */
    public static final String FUNCTIONS_ENV = "functions.env";
    static final String JWT_SECRET = "jwt-secret";
    static final String LOCK = "stack.lock";
    /** The directories whose lock this process holds. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory when missing and takes its lock.
     *
     * @throws IllegalStateException when another running stack holds the lock
     */
    public static DataDirectory open(Path path) {
        try {
            Files.createDirectories(path);
            FileChannel channel = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another local stack is running with the data directory " + path
                        + "; stop it first, or set MUSICREC_DATA_DIR to use another directory");
            }
            OPEN.add(path.toAbsolutePath().normalize());
            return new DataDirectory(path, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + path, e);
        }
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Whether a previous start left a file or directory by this name. */
    public boolean has(String name) {
        return Files.exists(path.resolve(name));
    }

    /**
     * The HS256 secret: {@code configured} when given, else the one kept in {@code jwt-secret}
     * (32 random bytes, created on the first start, readable by the owner only), so that tokens
     * stay valid across restarts.
     */
    public byte[] jwtSecret(Optional<String> configured) {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = path.resolve(JWT_SECRET);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Path temporary = Files.createTempFile(path, JWT_SECRET, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Base64.getUrlDecoder().decode(Files.readString(file).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read or create the JWT secret " + file + " (delete it to get a new one)", e);
        }
    }

    /**
     * Writes the functions' environment ({@code NAME=value} lines, sorted) to {@value #FUNCTIONS_ENV},
     * readable by the owner only; removed when the stack stops.
     */
    public void writeFunctionEnvironment(Map<String, String> environment) {
        StringBuilder text = new StringBuilder("# The environment of the running local stack's functions; removed when it stops.\n");
        new TreeMap<>(environment).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Path file = path.resolve(FUNCTIONS_ENV);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads the {@value #FUNCTIONS_ENV} file of the stack running with {@code directory}.
     *
     * @throws IllegalStateException when no stack runs with that directory (none holds its lock, or
     *                               one that was killed left a stale file)
     */
    public static Map<String, String> readFunctionEnvironment(Path directory) {
        Path file = directory.resolve(FUNCTIONS_ENV);
        if (!Files.isRegularFile(file) || !locked(directory)) {
            throw new IllegalStateException("start the stack first: local/start (no local stack is running with the data directory "
                    + directory + ")");
        }
        Map<String, String> environment = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    environment.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return environment;
    }

    /**
     * Whether a running stack, in this process or another, holds the directory's lock. A stack in
     * this process is known without touching the file: closing a channel on it would release the
     * stack's lock too (POSIX drops a process's locks on a file when it closes any descriptor of it).
     */
    private static boolean locked(Path directory) {
        if (OPEN.contains(directory.toAbsolutePath().normalize())) {
            return true;
        }
        Path file = directory.resolve(LOCK);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock " + file, e);
        }
    }

    /** Removes the functions' environment and releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path.resolve(FUNCTIONS_ENV));
        } catch (IOException e) {
            // A stale file is harmless: the next start overwrites it.
        }
        OPEN.remove(path.toAbsolutePath().normalize());
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        }
    }
}
