package io.musicrec.local.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Cognito user pool's hosted UI for tests, issuer and sign-in domain at once: authorization code
 * with PKCE {@code S256} only, a sign-in form, a token endpoint that trades the code for RS256 tokens
 * only with the matching verifier, client and redirect URI, a JWKS and a logout redirect. Must not
 * miss: no password is checked, any name signs in. The token endpoint answers CORS for the redirect
 * URIs' origins, as Cognito's does.
 */
public final class OidcStandIn implements AutoCloseable {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Pending(String clientId, String redirectUri, String challenge, String user, Instant expires) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final RSAKey key;
    private final Map<String, Set<String>> clients = new ConcurrentHashMap<>();
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger tokenRefusals = new AtomicInteger();

    private OidcStandIn(HttpServer server, ExecutorService executor, RSAKey key) {
        this.server = server;
        this.executor = executor;
        this.key = key;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Starts the stand-in with a new RSA key and no clients.
     *
     * @param port the port on 127.0.0.1, 0 for a free one
     */
    public static OidcStandIn start(int port) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "oidc-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            OidcStandIn standIn = new OidcStandIn(server, executor, key);
            server.createContext("/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OIDC stand-in on port " + port, e);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not make an RSA key", e);
        }
    }

    /**
     * Registers an app client (public: no secret) and the redirect URIs it may use.
     *
     * @return this stand-in
     */
    public OidcStandIn addClient(String clientId, Set<String> redirectUris) {
        clients.put(clientId, Set.copyOf(redirectUris));
        return this;
    }

    /** The issuer ({@code iss}) and sign-in domain: {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** ID tokens issued so far. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Token requests refused (a wrong verifier, code, client or redirect URI). */
    public int tokenRefusals() {
        return tokenRefusals.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            switch (method + " " + path) {
                case "GET /oauth2/authorize" -> authorize(exchange, query);
                case "POST /login" -> login(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                case "POST /oauth2/token" -> token(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                case "GET /.well-known/jwks.json" -> send(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
                case "GET /logout" -> logout(exchange, query);
                default -> send(exchange, 404, "application/json", "{\"error\":\"not_found\"}");
            }
        }
    }

    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        String problem = authorizeProblem(query);
        if (problem != null) {
            send(exchange, 400, "text/plain; charset=utf-8", problem);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : new String[] {"client_id", "redirect_uri", "state", "code_challenge"}) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(query.getOrDefault(name, ""))).append("\">");
        }
        send(exchange, 200, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><title>Sign in</title></head><body>"
                + "<h1>Sign in (OIDC stand-in)</h1><form method=\"post\" action=\"/login\">" + hidden
                + "<label for=\"username\">Username</label> <input id=\"username\" name=\"username\" required>"
                + " <button type=\"submit\" id=\"signin\">Sign in</button></form></body></html>");
    }

    private String authorizeProblem(Map<String, String> query) {
        if (!"code".equals(query.get("response_type"))) {
            return "response_type must be code (no implicit flow)";
        }
        Set<String> redirects = clients.get(query.getOrDefault("client_id", ""));
        if (redirects == null) {
            return "unknown client_id";
        }
        if (!redirects.contains(query.getOrDefault("redirect_uri", ""))) {
            return "redirect_uri is not registered for this client";
        }
        if (!"S256".equals(query.get("code_challenge_method")) || query.getOrDefault("code_challenge", "").length() < 43) {
            return "a PKCE code_challenge with code_challenge_method S256 is required";
        }
        return null;
    }

    private void login(HttpExchange exchange, Map<String, String> form) throws IOException {
        Map<String, String> query = new LinkedHashMap<>(form);
        query.put("response_type", "code");
        query.put("code_challenge_method", "S256");
        String problem = authorizeProblem(query);
        String user = form.getOrDefault("username", "").strip();
        if (problem != null || user.isEmpty()) {
            send(exchange, 400, "text/plain; charset=utf-8", problem != null ? problem : "username is required");
            return;
        }
        String code = random();
        codes.put(code, new Pending(form.get("client_id"), form.get("redirect_uri"), form.get("code_challenge"), user,
                Instant.now().plus(CODE_LIFETIME)));
        String location = form.get("redirect_uri") + "?code=" + code
                + (form.containsKey("state") ? "&state=" + URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8) : "");
        exchange.getResponseHeaders().set("location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("origin");
        if (origin != null && clients.values().stream().flatMap(Set::stream).anyMatch(uri -> origin.equals(origin(uri)))) {
            exchange.getResponseHeaders().set("access-control-allow-origin", origin);
        }
        // A code is used once, whatever the outcome.
        Pending pending = codes.remove(form.getOrDefault("code", ""));
        String error = null;
        if (!"authorization_code".equals(form.get("grant_type"))) {
            error = "unsupported_grant_type";
        } else if (pending == null || pending.expires().isBefore(Instant.now())) {
            error = "invalid_grant";
        } else if (!pending.clientId().equals(form.get("client_id"))) {
            error = "invalid_client";
        } else if (!pending.redirectUri().equals(form.get("redirect_uri")) || !pending.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            error = "invalid_grant";
        }
        if (error != null) {
            tokenRefusals.incrementAndGet();
            send(exchange, 400, "application/json", JSON.writeValueAsString(Map.of("error", error)));
            return;
        }
        Instant now = Instant.now();
        String idToken = sign(new JWTClaimsSet.Builder().issuer(baseUrl).subject(UUID.nameUUIDFromBytes(pending.user().getBytes(StandardCharsets.UTF_8)).toString())
                .audience(pending.clientId()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .claim("token_use", "id").claim("cognito:username", pending.user()).build());
        String accessToken = sign(new JWTClaimsSet.Builder().issuer(baseUrl).subject(UUID.nameUUIDFromBytes(pending.user().getBytes(StandardCharsets.UTF_8)).toString())
                .claim("client_id", pending.clientId()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .claim("token_use", "access").claim("scope", "openid").build());
        tokensIssued.incrementAndGet();
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("id_token", idToken);
        tokens.put("access_token", accessToken);
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", TOKEN_LIFETIME.toSeconds());
        send(exchange, 200, "application/json", JSON.writeValueAsString(tokens));
    }

    private void logout(HttpExchange exchange, Map<String, String> query) throws IOException {
        Set<String> redirects = clients.get(query.getOrDefault("client_id", ""));
        String target = query.get("logout_uri");
        if (redirects == null || target == null || !redirects.contains(target)) {
            send(exchange, 400, "text/plain; charset=utf-8", "unknown client_id or logout_uri");
            return;
        }
        exchange.getResponseHeaders().set("location", target);
        exchange.sendResponseHeaders(302, -1);
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign", e);
        }
        return jwt.serialize();
    }

    /** The PKCE S256 transform: base64url(SHA-256(verifier)), unpadded. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getAuthority();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
