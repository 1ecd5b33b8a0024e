package io.musicrec.local.stack;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.musicrec.api.ApiHandler;
import io.musicrec.api.OutboxSweepHandler;
import io.musicrec.http.RouteTable;
import io.musicrec.local.services.LocalServices;
import io.musicrec.local.stack.auth.Hs256Jwt;
import io.musicrec.local.stack.auth.JwtAuthorizer;
import io.musicrec.local.stack.auth.TrustedIssuer;
import io.musicrec.local.stack.gateway.HttpGateway;
import io.musicrec.local.stack.gateway.LocalRoutes;
import io.musicrec.local.stack.gateway.WebApp;
import io.musicrec.local.stack.gateway.Routes;
import io.musicrec.local.stack.lambda.FunctionInstance;
import io.musicrec.local.stack.lambda.FunctionPool;
import io.musicrec.ml.ModelHandler;
import io.musicrec.local.stack.queue.QueueSetup;
import io.musicrec.local.stack.queue.SqsEventSource;
import io.musicrec.local.stack.queue.SweepSchedule;
import io.musicrec.platform.config.AwsSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.config.EnvironmentVariables;
import io.musicrec.platform.songs.SpotifySettings;
import io.musicrec.reader.ReaderHandler;
import io.musicrec.users.UsersHandler;
import io.musicrec.worker.WorkerHandler;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The running local stack. {@link #start} brings up the data directory's lock, the services (embedded
 * or external), the queues, the {@link Bootstrap}, the functions, the outbox sweep, the SQS poller and
 * last the gateway, then prints what started where. {@link #close()} stops them in reverse order,
 * the gateway first, so requests and the batch in flight finish.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** The outbox sweep function's timeout, as in the template. */
    private static final Duration OUTBOX_SWEEP_TIMEOUT = Duration.ofSeconds(60);

    private final Deque<AutoCloseable> started;
    private final StackSettings settings;
    private final Map<String, String> functionEnvironment;
    private final QueueSetup.Queues queues;
    private final Bootstrap.Report bootstrap;
    private final HttpGateway gateway;
    private final PrintStream out;
    private boolean closed;

    private LocalStack(Deque<AutoCloseable> started, StackSettings settings, Map<String, String> functionEnvironment,
                       QueueSetup.Queues queues, Bootstrap.Report bootstrap, HttpGateway gateway, PrintStream out) {
        this.started = started;
        this.settings = settings;
        this.functionEnvironment = Map.copyOf(functionEnvironment);
        this.queues = queues;
        this.bootstrap = bootstrap;
        this.gateway = gateway;
        this.out = out;
    }

    /**
     * Starts everything; on a failure, stops what had started and rethrows. {@code process} is the
     * process environment (external services, the functions' own variables).
     *
     * @throws io.musicrec.platform.config.ConfigurationException naming a malformed variable
     * @throws IllegalStateException when another stack holds the data directory
     */
    public static LocalStack start(StackSettings settings, Map<String, String> process, Clock clock, PrintStream out) {
        long begin = System.nanoTime();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            DataDirectory data = DataDirectory.open(settings.dataDirectory());
            started.push(data);
            LOG.atInfo().addKeyValue("data", data.path()).log("starting PostgreSQL, Redis, ElasticMQ and s3proxy (unless the environment names them)");
            LocalServices services = LocalServices.start(new LocalServices.Options(
                    EnumSet.of(LocalServices.Service.POSTGRES, LocalServices.Service.REDIS, LocalServices.Service.SQS,
                            LocalServices.Service.S3), Map.of(), Optional.of(data.path())), process::get);
            started.push(services);

            Map<String, String> environment = FunctionEnvironment.of(process, services, settings);
            AwsSettings aws = AwsSettings.from(Environment.of(environment::get));
            String region = aws.region();
            SqsClient sqs = pollingClient(services, aws, settings.pollWait());
            started.push(sqs);
            QueueSetup.Queues queues = QueueSetup.ensure(sqs, settings.queueName(), settings.visibilityTimeout());
            environment.put(EnvironmentVariables.QUEUE_URL, queues.queueUrl());

            Environment functions = Environment.of(environment::get);
            LOG.atInfo().log("preparing the database and the model bucket");
            Bootstrap.Report bootstrap = Bootstrap.run(functions, settings, clock);

            SpotifySettings spotify = SpotifySettings.fromEnvironment(functions);
            if (!spotify.hasCredentials()) {
                quietAboutMissingSpotify();
            }

            FunctionPool<SQSEvent, SQSBatchResponse> worker = new FunctionPool<>(
                    new FunctionPool.Settings("musicrec-worker", 1, settings.workerTimeout(), 1024, region),
                    () -> FunctionInstance.of(WorkerHandler.create(functions, clock)), clock);
            started.push(worker);
            FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> reader = new FunctionPool<>(
                    new FunctionPool.Settings("musicrec-reader", settings.concurrency(), settings.httpTimeout(), 256, region),
                    () -> FunctionInstance.http(ReaderHandler.create(functions, clock)), clock);
            started.push(reader);
            FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api = new FunctionPool<>(
                    new FunctionPool.Settings("musicrec-api", settings.concurrency(), settings.httpTimeout(), 512, region),
                    () -> FunctionInstance.http(ApiHandler.create(functions, clock)), clock);
            started.push(api);
            FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> users = new FunctionPool<>(
                    new FunctionPool.Settings("musicrec-users", settings.concurrency(), settings.httpTimeout(), 512, region),
                    () -> FunctionInstance.http(UsersHandler.create(functions, clock)), clock);
            started.push(users);
            FunctionPool<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> model = new FunctionPool<>(
                    new FunctionPool.Settings("musicrec-ml", settings.concurrency(), settings.httpTimeout(), 1024, region),
                    () -> FunctionInstance.http(ModelHandler.create(functions, clock)), clock);
            started.push(model);
            worker.warm();
            reader.warm();
            api.warm();
            users.warm();
            model.warm();

            FunctionPool<ScheduledEvent, String> outboxSweep = new FunctionPool<>(
                    new FunctionPool.Settings("musicrec-outbox-sweep", 1, OUTBOX_SWEEP_TIMEOUT, 512, region),
                    () -> FunctionInstance.of(OutboxSweepHandler.create(functions, clock)), clock);
            started.push(outboxSweep);
            SweepSchedule sweep = new SweepSchedule(outboxSweep, settings.outboxSweep(), clock);
            sweep.start();
            started.push(sweep);

            SqsEventSource poller = new SqsEventSource(sqs, queues, region, worker,
                    new SqsEventSource.Settings(settings.batchSize(), settings.pollWait()));
            poller.start();
            started.push(poller);

            Optional<TrustedIssuer> trusted = settings.trustedIssuer().map(TrustedIssuer::new);
            JwtAuthorizer authorizer = new JwtAuthorizer(new Hs256Jwt(data.jwtSecret(settings.jwtSecret())),
                    new JwtAuthorizer.Settings(settings.jwtIssuer(), settings.jwtAudience(), settings.tokenLifetime()), trusted, clock);
            LocalRoutes local = new LocalRoutes(authorizer, new TrainerHook(functions, clock, data.path().resolve("javacpp-cache")));
            HttpGateway gateway = HttpGateway.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()),
                    settings.httpThreads(), Routes.of(Map.of(RouteTable.API_FUNCTION, api,
                    RouteTable.USERS_FUNCTION, users, RouteTable.MODEL_FUNCTION, model, RouteTable.READER_FUNCTION, reader)), authorizer, local,
                    webApp(settings), clock);
            started.push(gateway);

            data.writeFunctionEnvironment(environment);
            LocalStack stack = new LocalStack(started, settings, environment, queues, bootstrap, gateway, out);
            out.print(stack.report(services, spotify, Duration.ofNanos(System.nanoTime() - begin)));
            out.flush();
            return stack;
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** The web app, signing in with a name here, or through the trusted issuer's hosted UI when there is one. */
    private static WebApp webApp(StackSettings settings) {
        Path files = settings.root().resolve("web");
        return settings.trustedIssuer()
                .map(issuer -> new WebApp(files, WebApp.hostedConfig(issuer.signInDomain(), issuer.audience()), List.of(issuer.signInDomain())))
                .orElseGet(() -> new WebApp(files, WebApp.localConfig(), List.of()));
    }

    /**
     * The poller's client: the functions' credentials (s3proxy's keys when S3 is embedded, the
     * user's keys, or the SDK's default chain, as {@link AwsSettings} decides for the functions) and
     * timeouts above the long poll's wait.
     */
    private static SqsClient pollingClient(LocalServices services, AwsSettings aws, Duration wait) {
        AwsCredentialsProvider credentials = aws.keys()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(wait.plusSeconds(10)).build())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials)
                .endpointOverride(URI.create(services.sqsEndpoint().orElseThrow()))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(wait.plusSeconds(20)).build())
                .build();
    }

    /**
     * Without Spotify credentials every recalculation would warn that songs are missing; the
     * startup report says it once instead. Set before the loggers exist (slf4j-simple reads a
     * logger's level when it creates it); a level given on the command line wins.
     */
    private static void quietAboutMissingSpotify() {
        for (String logger : new String[] {"io.musicrec.platform.songs.SongEnricher", "io.musicrec.worker.WorkerComponents"}) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }
    }

    private String report(LocalServices services, SpotifySettings spotify, Duration took) {
        StringBuilder text = new StringBuilder();
        String port = Integer.toString(port());
        text.append(String.format(Locale.ROOT, "%nmusicrec local stack: ready in %.1f s%n", took.toMillis() / 1000.0));
        line(text, "data", settings.dataDirectory() + " (kept across restarts; delete it to start over)");
        for (String service : services.report().split("\n")) {
            if (!service.isBlank()) {
                int space = service.indexOf(' ');
                line(text, service.substring(0, space), service.substring(space).strip());
            }
        }
        line(text, "queue", queues.name() + ", to " + queues.name() + QueueSetup.DEAD_LETTER_SUFFIX + " after "
                + QueueSetup.MAX_RECEIVE_COUNT + " receives; visibility " + queues.visibilityTimeout().toSeconds() + " s");
        line(text, "bucket", settings.bucket());
        line(text, "schema", bootstrap.schema());
        line(text, "catalog", bootstrap.catalog());
        line(text, "model", bootstrap.modelId() + " (" + bootstrap.model() + ")");
        line(text, "spotify", spotify.hasCredentials()
                ? "the Web API at " + spotify.apiUrl() + " with client " + spotify.clientId()
                : "not configured (SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET unset): recommendations come without songs");
        line(text, "functions", "musicrec-api (up to " + settings.concurrency() + " instances): "
                + String.join(", ", RouteTable.servedBy(RouteTable.API_FUNCTION)));
        line(text, "", "musicrec-users (up to " + settings.concurrency() + " instances): "
                + String.join(", ", RouteTable.servedBy(RouteTable.USERS_FUNCTION)));
        line(text, "", "musicrec-ml (up to " + settings.concurrency() + " instances): "
                + String.join(", ", RouteTable.servedBy(RouteTable.MODEL_FUNCTION)));
        line(text, "", "musicrec-reader (up to " + settings.concurrency() + " instances): "
                + String.join(", ", RouteTable.servedBy(RouteTable.READER_FUNCTION)));
        line(text, "", "musicrec-worker: SQS " + queues.name() + ", batches of " + settings.batchSize()
                + ", partial batch failures, timeout " + settings.workerTimeout().toSeconds() + " s");
        line(text, "", "musicrec-outbox-sweep: every " + settings.outboxSweep().toSeconds() + " s (production: once a minute)");
        line(text, "", "trainer: POST /local/retrain (runs the retraining now)");
        line(text, "auth", "JWT HS256, iss " + settings.jwtIssuer() + ", aud " + settings.jwtAudience() + "; secret "
                + (settings.jwtSecret().isPresent() ? "from LOCAL_JWT_SECRET" : "in " + settings.dataDirectory().resolve(DataDirectory.JWT_SECRET)));
        settings.trustedIssuer().ifPresent(issuer -> line(text, "", "and RS256 from " + issuer.issuer() + " (its JWKS), aud "
                + issuer.audience() + "; the web app signs in at " + issuer.signInDomain()));
        line(text, "http", "http://127.0.0.1:" + port + "  (a token: curl -s -X POST http://127.0.0.1:" + port
                + "/local/token -d '{\"sub\":\"alice\"}')");
        line(text, "web app", "http://127.0.0.1:" + port + "/  (web/, sign in with any name)");
        text.append("Ctrl-C stops the stack.").append(System.lineSeparator());
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-10s %s%n", label, value));
    }

    /** The gateway's port. */
    public int port() {
        return gateway.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The environment the functions were given. */
    public Map<String, String> functionEnvironment() {
        return functionEnvironment;
    }

    /** The recalculation queue and its dead-letter queue. */
    public QueueSetup.Queues queues() {
        return queues;
    }

    /** The model that was current when the stack started. */
    public String startModelId() {
        return bootstrap.modelId();
    }

    /** How the catalog was found or imported at start. */
    public String catalogReport() {
        return bootstrap.catalog();
    }

    /** How the model came to be current at start. */
    public String modelReport() {
        return bootstrap.model();
    }

    /** The data directory. */
    public Path dataDirectory() {
        return settings.dataDirectory();
    }

    /** Stops everything, newest first; a second call does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long begin = System.nanoTime();
        out.println("stopping the local stack: HTTP, SQS poller, outbox sweep, functions, servers");
        out.flush();
        closeAll(started);
        out.printf(Locale.ROOT, "stopped in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        out.flush();
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.atWarn().addKeyValue("part", next.getClass().getSimpleName()).addKeyValue("error", e.toString()).log("did not stop cleanly");
            }
        }
    }
}
