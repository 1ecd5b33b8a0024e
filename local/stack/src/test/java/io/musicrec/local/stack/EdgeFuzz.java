package io.musicrec.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.http.RouteTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Random requests at the HTTP edge, the local stack's gateway with the real functions and servers
 * behind it, drawn from a seed so that a failure can be replayed: methods, request targets (double
 * slashes, escapes good and bad, raw bytes, over-long), query strings, headers (the token or not,
 * content types, idempotency keys, malformed ones), bodies (UTF-8, UTF-16 and UTF-32 with and
 * without a byte order mark, invalid and overlong UTF-8, deep nesting, huge and odd numbers, random
 * bytes) and chunked transfer. Each answer must be below 500, JSON, and a 4xx either the API's
 * {@code {"error":{"code","message"}}} (a function answered) or API Gateway's {@code {"message"}}
 * (the gateway did). {@code POST /local/retrain} is left out: it would train a model.
 */
final class EdgeFuzz {

    /**
     * What a run saw.
     *
     * @param requests how many were sent
     * @param statuses how many answers had each status
     * @param failures one line per answer that broke a rule, with the request's index and bytes
     */
    record Outcome(int requests, Map<Integer, Integer> statuses, List<String> failures) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "get", "P@ST"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "application/json; charset=utf-16",
            "text/plain", "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "*/*"};
    private static final String[] NUMBERS = {"1", "289", "0", "-0", "-1", "2147483647", "2147483648", "-2147483649", "1e2", "1E400",
            "1e999999999", "1e-2147483648", "-1e-999999999", "9.0", "9.5", "0.0000000000000000000000000000001", "123456789012345678901234567890",
            "9".repeat(1_200), "NaN", "Infinity", "-Infinity", "0x10", "1_000", "01", "+1", ".5", "1.", "\"289\"", "true", "null", "[]", "{}"};
    private static final Charset[] OTHER_CHARSETS = {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16,
            Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"), Charset.forName("UTF-32")};

    private final int port;
    private final Random random;
    private final String token;
    private final List<Integer> artists;

    /**
     * @param port    the gateway's port
     * @param seed    the run's seed
     * @param token   a valid bearer token for the fuzzing user
     * @param artists catalog artist ids, for bodies that pass
     */
    EdgeFuzz(int port, long seed, String token, List<Integer> artists) {
        this.port = port;
        this.random = new Random(seed);
        this.token = token;
        this.artists = List.copyOf(artists);
    }

    /** Sends {@code requests} requests, one connection each, and checks every answer. */
    Outcome run(int requests) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            byte[] request = next();
            String problem;
            try {
                RawHttp.Answer answer = RawHttp.send(port, request);
                statuses.merge(answer.status(), 1, Integer::sum);
                problem = check(answer, request);
            } catch (IOException e) {
                problem = "no readable answer: " + e;
            }
            if (problem != null) {
                failures.add("#" + i + " " + problem + "; request: " + shown(request));
            }
        }
        return new Outcome(requests, statuses, failures);
    }

    private static String check(RawHttp.Answer answer, byte[] request) {
        if (answer.status() >= 500) {
            return "answered " + answer.status() + " " + answer.text();
        }
        boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
        if (head || answer.status() == 204) {
            return null;
        }
        boolean get = new String(request, 0, Math.min(4, request.length), StandardCharsets.ISO_8859_1).equals("GET ");
        if (get && answer.status() == 200 && answer.header("content-security-policy") != null) {
            return null; // one of the web app's files at / (only WebApp's answers carry its policy)
        }
        if (!"application/json".equals(answer.header("content-type"))) {
            return "answered " + answer.status() + " with content-type " + answer.header("content-type") + ": " + answer.text();
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "answered " + answer.status() + " with a body that is not JSON: " + answer.text();
        }
        if (answer.status() >= 400 && !isApiError(body) && !isGatewayMessage(body)) {
            return "answered " + answer.status() + " with neither error shape: " + answer.text();
        }
        return null;
    }

    private static boolean isApiError(JsonNode body) {
        JsonNode error = body.get("error");
        return body.isObject() && body.size() == 1 && error != null && error.isObject() && error.size() == 2
                && error.path("code").isTextual() && error.path("message").isTextual() && !error.get("message").asText().isBlank();
    }

    private static boolean isGatewayMessage(JsonNode body) {
        return body.isObject() && body.size() == 1 && body.path("message").isTextual() && !body.get("message").asText().isBlank();
    }

    // ---------------------------------------------------------------------------------------------

    private byte[] next() {
        RouteTable.Route route = RouteTable.ROUTES.get(random.nextInt(RouteTable.ROUTES.size()));
        String method = chance(75) ? route.method() : pick(METHODS);
        String target = (chance(80) ? route.path() : oddPath()) + query(route);
        String version = chance(98) ? "HTTP/1.1" : pick(new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "FOO/1.1", "http/1.1", ""});
        List<String> headers = new ArrayList<>();
        headers.add("Host: " + (chance(97) ? "127.0.0.1:" + port : pick(new String[] {"evil.example", "localhost:" + port, "", "[::1]:" + port})));
        if (chance(85)) {
            headers.add("Authorization: " + (chance(92) ? "Bearer " + token
                    : pick(new String[] {"Bearer", "Bearer x.y.z", "Basic YWxpY2U6cHc=", token, "Bearer " + token + "x", "bearer  " + token})));
        }
        if (chance(70)) {
            headers.add("Content-Type: " + pick(CONTENT_TYPES));
        }
        if (chance(15)) {
            headers.add("Idempotency-Key: " + (chance(60) ? UUID.randomUUID().toString() : randomText(random.nextInt(300), 0x20, 0x7E)));
        }
        if (chance(5)) {
            headers.add("Origin: " + pick(new String[] {"https://evil.example", "null", "http://127.0.0.1:" + port}));
            headers.add("Sec-Fetch-Site: " + pick(new String[] {"cross-site", "same-origin", "none"}));
        }
        if (chance(10)) {
            headers.add("X-" + randomText(1 + random.nextInt(20), 'a', 'z') + ": " + randomText(random.nextInt(200), 0x20, 0x7E));
        }
        if (chance(3)) {
            headers.add(pick(new String[] {"Bad Header: x", "NoColon", "X-Nul: a\u0000b", ": empty name", "X-Latin: caf\u00e9",
                    "X-Long: " + "x".repeat(11_000), "Content-Length: -1", "Content-Length: 1, 2", "Transfer-Encoding: gzip"}));
        }
        byte[] body = chance(70) || route.method().equals("POST") ? body(route) : null;
        boolean chunked = body != null && chance(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(version.isEmpty() ? "" : " " + version).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n");
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && chunked) {
            int at = 0;
            while (at < body.length) {
                int size = Math.min(body.length - at, 1 + random.nextInt(64));
                out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, size);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                at += size;
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private String oddPath() {
        return switch (random.nextInt(14)) {
            case 0 -> pick(new String[] {"//plays", "//users", "///recommendations", "//evil.example/plays", "/plays/", "/Plays", "/plays//",
                    "/./plays", "/../plays", "/plays/..", "/plays;x=1", "/plays#frag"});
            case 1 -> pick(new String[] {"/%70lays", "/plays%00", "/pl%ZZays", "/%", "/%2F%2Fplays", "/plays%2F", "/%C0%AFplays", "/%ED%A0%80"});
            case 2 -> pick(new String[] {"*", "plays", "", "?", "http://127.0.0.1:" + port + "/plays", "HTTP://127.0.0.1/artists",
                    "http://127.0.0.1:" + port, "https://evil.example/users"});
            case 3 -> pick(new String[] {"/local/token", "/local/health", "/local/nope", "/local/", "/local", "/local/retrain/"});
            case 4 -> "/" + "a".repeat(random.nextBoolean() ? 9_000 : 11_000);
            case 5 -> "/" + randomText(1 + random.nextInt(40), 0x21, 0x7E);
            case 6 -> "/" + randomText(1 + random.nextInt(20), 0x80, 0xFF);
            case 7 -> "/" + randomText(1 + random.nextInt(20), 0x00, 0xFF).replace("\r", "").replace("\n", "");
            default -> pick(new String[] {"/", "/model", "/model/", "/model/recommendations/x", "/artist", "/recommendation", "/user"});
        };
    }

    private String query(RouteTable.Route route) {
        if (chance(45)) {
            return "";
        }
        return "?" + switch (random.nextInt(8)) {
            case 0 -> route.path().equals("/artists") ? "query=" + pick(new String[] {"radiohead", "a", "%C3%A9", "%25", "_"}) + "&limit="
                    + pick(new String[] {"3", "100", "101", "0", "-1", "99999999999999999999", "1e3", " 3", ""}) : "";
            case 1 -> "n=" + pick(new String[] {"5", "500", "501", "0", "1.5", "9".repeat(50)}) + "&mode="
                    + pick(new String[] {"quota", "hybrid", "fold-in", "popular", "FOLD-IN", "", "x"});
            case 2 -> pick(new String[] {"query=%", "query=%zz", "query=%C0%AF", "query=%00", "query=%ED%A0%80", "query=%F0%9F%8E%B5",
                    "query=%E2%82", "a=1&a=2", "&&&", "=", "query", "query=a&query=b", "limit=5", "query=+++", "%=1", "query=a%"});
            case 3 -> "query=" + "x".repeat(random.nextInt(300));
            case 4 -> "query=" + URLEncoder.encode(randomText(1 + random.nextInt(30), 0x20, 0x2FFF), StandardCharsets.UTF_8);
            case 5 -> randomText(1 + random.nextInt(60), 0x21, 0x7E).replace("#", "");
            default -> "query=" + randomText(1 + random.nextInt(30), 0x80, 0xFF);
        };
    }

    private byte[] body(RouteTable.Route route) {
        String valid = switch (route.path()) {
            case "/plays" -> "{\"artist_id\": " + artist() + "}";
            case "/model/recommendations" -> "[{\"artist_id\": " + artist() + ", \"plays\": " + (1 + random.nextInt(20)) + "}]";
            default -> "{}";
        };
        return switch (random.nextInt(13)) {
            case 0, 1 -> utf8(valid);
            case 2 -> valid.getBytes(pick(OTHER_CHARSETS));
            case 3 -> concat(pick(new byte[][] {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE},
                    {0, 0, (byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE, 0, 0}, {0, 0, (byte) 0xFF, (byte) 0xFE}, {0, 0, 0}}), utf8(valid));
            case 4 -> concat(utf8("{\"artist_id\": 1, \"n\": \""), pick(new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3},
                    {(byte) 0xFF}, {(byte) 0x80}, {0}}), utf8("\"}"));
            case 5 -> utf8(nested(1 + random.nextInt(random.nextBoolean() ? 40 : 3_000)));
            case 6 -> utf8(route.path().equals("/model/recommendations")
                    ? "[{\"artist_id\": " + pick(NUMBERS) + ", \"plays\": " + pick(NUMBERS) + "}]"
                    : "{\"artist_id\": " + pick(NUMBERS) + "}");
            case 7 -> randomBytes(random.nextInt(200));
            case 8 -> utf8(pick(new String[] {"", " ", "{", "}", "[", "null", "{} {}", "{\"artist_id\": 1}x", "{\"artist_id\": 1, \"artist_id\": 2}",
                    "{\"artist_id\": 1, \"\\ud800\": 1}", "{\"artist_id\": 1, \"n\": \"\\u0000\"}", "{'artist_id': 1}", "{\"artist_id\": 1 /* */}",
                    "[" + ("{\"artist_id\": 1, \"plays\": 1},").repeat(600) + "{\"artist_id\": 1, \"plays\": 1}]"}));
            case 9 -> utf8("{\"artist_id\": " + artist() + ", \"pad\": \"" + "x".repeat(16_300 + random.nextInt(200)) + "\"}");
            case 10 -> utf8(manyPlays());
            default -> utf8(randomText(random.nextInt(100), 0x20, 0x7E));
        };
    }

    private String nested(int depth) {
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String manyPlays() {
        StringBuilder json = new StringBuilder("[");
        int items = random.nextInt(700);
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : ",").append("{\"artist_id\":").append(chance(90) ? artist() : random.nextInt()).append(",\"plays\":")
                    .append(1 + random.nextInt(1000)).append('}');
        }
        return json.append(']').toString();
    }

    private int artist() {
        return artists.get(random.nextInt(artists.size()));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String randomText(int length, int from, int to) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (from + random.nextInt(to - from + 1)));
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static byte[] concat(byte[] first, byte[] second, byte[] third) {
        return concat(concat(first, second), third);
    }

    private static String shown(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 600), StandardCharsets.ISO_8859_1);
        boolean printable = text.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\r' || c == '\n');
        return (printable ? text.replace("\r\n", "\\r\\n") : HexFormat.of().formatHex(request, 0, Math.min(request.length, 300)))
                + (request.length > 600 ? "... (" + request.length + " bytes)" : "");
    }
}
