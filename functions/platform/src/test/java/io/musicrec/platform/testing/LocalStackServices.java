package io.musicrec.platform.testing;

import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.config.QueueSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in a container (Testcontainers): a second SQS and S3 for the contract tests, started
 * once per test JVM where a Docker engine answers; the embedded ElasticMQ and s3proxy stay the
 * first ({@link TestServices}).
 *
 * <p>Not to miss: {@link #assumeDocker()} probes the engine's socket itself, in well under a second,
 * before Testcontainers is touched (its own probe tries several strategies, retries and logs stack
 * traces), and without an engine skips with one line, printed once per JVM.
 */
public final class LocalStackServices {

    /** Pinned: a contract run should not change with the image's latest tag. */
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");
    static final String NO_DOCKER = "no Docker engine: the SQS and S3 contracts ran against ElasticMQ and s3proxy only";

    private static Boolean docker;
    private static LocalStackContainer container;

    private LocalStackServices() {
    }

    /** Skips the calling test class unless a Docker engine accepts a connection. */
    public static synchronized void assumeDocker() {
        if (docker == null) {
            docker = engineAnswers();
            if (!docker) {
                System.out.println(NO_DOCKER);
            }
        }
        Assumptions.assumeTrue(docker, NO_DOCKER);
    }

    /** The settings of a new, empty standard queue on LocalStack's SQS. */
    public static QueueSettings freshQueue(String name) {
        return TestServices.freshQueue(get().getEndpoint(), aws(), name);
    }

    /** The settings of a new, empty bucket with prefix {@code models} on LocalStack's S3. */
    public static ModelStoreSettings freshBucket() {
        return TestServices.freshBucket(get().getEndpoint(), aws());
    }

    private static AwsSettings aws() {
        LocalStackContainer localStack = get();
        return new AwsSettings(localStack.getRegion(),
                Optional.of(new AwsSettings.Keys(localStack.getAccessKey(), localStack.getSecretKey())));
    }

    private static synchronized LocalStackContainer get() {
        if (container == null) {
            LocalStackContainer started = new LocalStackContainer(IMAGE).withServices("sqs", "s3");
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "localstack-stop"));
            container = started;
        }
        return container;
    }

    /** Whether the engine Testcontainers would use ({@code DOCKER_HOST}, else the usual sockets) accepts a connection. */
    private static boolean engineAnswers() {
        for (SocketAddress address : engineAddresses()) {
            try {
                if (address instanceof InetSocketAddress tcp) {
                    try (Socket socket = new Socket()) {
                        socket.connect(tcp, 1000);
                    }
                } else {
                    // A socket file nobody listens on refuses at once.
                    SocketChannel.open(address).close();
                }
                return true;
            } catch (IOException e) {
                // Not this one.
            }
        }
        return false;
    }

    private static List<SocketAddress> engineAddresses() {
        List<SocketAddress> addresses = new ArrayList<>();
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            URI uri = URI.create(host);
            if ("unix".equals(uri.getScheme())) {
                addresses.add(UnixDomainSocketAddress.of(uri.getPath()));
            } else if (uri.getHost() != null) {
                addresses.add(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
            }
            return addresses;
        }
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        for (Path socket : new Path[] {Path.of("/var/run/docker.sock"), Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".docker/desktop/docker.sock"), runtime == null ? null : Path.of(runtime, "docker.sock")}) {
            if (socket != null && Files.exists(socket)) {
                addresses.add(UnixDomainSocketAddress.of(socket));
            }
        }
        return addresses;
    }
}
