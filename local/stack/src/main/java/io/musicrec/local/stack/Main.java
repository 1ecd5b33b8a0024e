package io.musicrec.local.stack;

import io.musicrec.local.stack.invoke.Invoke;
import io.musicrec.platform.config.ConfigurationException;
import io.musicrec.platform.config.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.exception.SdkException;
import sun.misc.Signal;

/**
 * The command line, run from the repository root by {@code local/start}: {@code start} (the
 * default: serve until Ctrl-C), {@code retrain} (ask the running stack to retrain now) and
 * {@code invoke FUNCTION [EVENT.json]} ({@link Invoke}).
 */
public final class Main {

    private Main() {
    }

    /** @param args the command and its options */
    public static void main(String[] args) {
        String command = args.length == 0 ? "start" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "start" -> start();
                case "retrain" -> System.exit(retrain());
                case "invoke" -> System.exit(Invoke.run(rest, Environment.system(), Path.of(""), System.out, System.err));
                case "help", "-h", "--help" -> usage();
                default -> {
                    System.err.println("musicrec-local: unknown command " + command);
                    usage();
                    System.exit(2);
                }
            }
        } catch (ConfigurationException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            System.err.println("musicrec-local: " + message + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(1);
        } catch (SdkException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            System.err.println("musicrec-local: SQS or S3 failed: " + message + (message.contains("credentials")
                    ? "\n  (an external SQS_ENDPOINT or S3_ENDPOINT takes AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or credentials"
                    + " the AWS SDK finds by itself)" : ""));
            System.exit(1);
        }
    }

    private static void usage() {
        System.out.println("""
                usage: java -jar local/stack/target/musicrec-local.jar [start | retrain | invoke FUNCTION [EVENT.json]]
                  start    start the local stack on http://127.0.0.1:$PORT (3000) and serve until Ctrl-C (default)
                  retrain  ask the running stack to retrain the model now (POST /local/retrain)
                  invoke   run a function of template.yaml (ReaderFunction, ApiFunction...) once on an event, as sam local invoke,
                           in a fresh JVM with the running stack's configuration""");
    }

    private static void start() {
        StackSettings settings = StackSettings.from(Environment.system(), Path.of(""));
        LocalStack stack = LocalStack.start(settings, System.getenv(), Clock.systemUTC(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C and kill: stop in order first, then exit. The embedded servers' libraries have JVM
        // shutdown hooks of their own, which all run at once, so a stop left to the hooks alone would
        // stop PostgreSQL and Redis under the functions' feet.
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                stack.close();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int retrain() {
        int port = Environment.system().integer(StackSettings.PORT, StackSettings.DEFAULT_PORT, 1, 65_535);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/local/retrain"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(30))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("musicrec-local: no stack answers on port " + port + " (start it with local/start): " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
