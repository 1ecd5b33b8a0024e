package io.musicrec.local.stack.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The listener's web app ({@code web/}) at {@code /} on the API's own origin, as CloudFront serves
 * it on AWS: {@code GET}/{@code HEAD} of a file under the directory ({@code /} is {@code
 * index.html}), gzipped when the client takes it, with the same security headers, and {@code
 * /config.json} written by the stack rather than read from disk. Anything else is not a file here
 * and goes on to the API's routes: no path escapes the directory, and none shadows a route.
 */
public final class WebApp {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "json", "application/json", "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final byte[] config;
    private final String contentSecurityPolicy;

    /**
     * @param directory   the app's files ({@code web/} of the repository); may be absent, then only the config is served
     * @param configJson  the body of {@code /config.json}
     * @param connectTo   origins besides our own the app may call (a sign-in server's token endpoint), none for local sign-in
     */
    public WebApp(Path directory, String configJson, List<String> connectTo) {
        this.directory = directory.toAbsolutePath().normalize();
        this.config = Objects.requireNonNull(configJson, "configJson").getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = contentSecurityPolicy(connectTo);
    }

    /** The app's config for local sign-in (a name traded for a token at {@code /local/token}). */
    public static String localConfig() {
        return "{\"apiUrl\":\"\",\"auth\":{\"type\":\"local\"}}";
    }

    /**
     * The app's config for a hosted-UI sign-in (authorization code with PKCE).
     *
     * @param signInDomain where {@code /oauth2/authorize} and {@code /oauth2/token} are
     * @param clientId     the app's client id there
     */
    public static String hostedConfig(String signInDomain, String clientId) {
        return JSON.createObjectNode().put("apiUrl", "").set("auth", JSON.createObjectNode()
                .put("type", "hosted").put("domain", signInDomain).put("clientId", clientId).put("scope", "openid")).toString();
    }

    /**
     * The template's CloudFront policy with the API on our own origin: our files, Spotify's cover
     * images and embedded player, and calls to ourselves and {@code connectTo} only.
     */
    static String contentSecurityPolicy(List<String> connectTo) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https://i.scdn.co data:; "
                + "connect-src 'self'" + connectTo.stream().map(origin -> " " + origin).reduce("", String::concat) + "; "
                + "frame-src https://open.spotify.com; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** The file {@code request} asks for, or empty when it is not a file of the app. */
    public Optional<GatewayReply> reply(GatewayRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Optional.empty();
        }
        String path = request.rawPath().equals("/") ? "/index.html" : request.rawPath();
        byte[] body;
        if (path.equals("/config.json")) {
            body = config;
        } else {
            Optional<Path> file = file(path);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            try {
                body = Files.readAllBytes(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.get(), e);
            }
        }
        String type = TYPES.getOrDefault(path.substring(path.lastIndexOf('.') + 1), "application/octet-stream");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of(type));
        headers.put("cache-control", List.of("no-cache"));
        headers.put("content-security-policy", List.of(contentSecurityPolicy));
        headers.put("x-content-type-options", List.of("nosniff"));
        headers.put("referrer-policy", List.of("no-referrer"));
        headers.put("vary", List.of("accept-encoding"));
        String accepted = request.header("accept-encoding");
        if (accepted != null && accepted.contains("gzip") && !type.startsWith("image/png")) {
            body = gzip(body);
            headers.put("content-encoding", List.of("gzip"));
        }
        return Optional.of(new GatewayReply(200, headers, body));
    }

    /** A regular file under the directory for a path of plain segments (no {@code ..}, escapes or dot-files). */
    private Optional<Path> file(String path) {
        if (!path.matches("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+")) {
            return Optional.empty();
        }
        Path file = directory.resolve(path.substring(1)).normalize();
        return file.startsWith(directory) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
