package io.musicrec.local.stack.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAppTest {

    @TempDir
    Path directory;

    private WebApp app() throws IOException {
        Path web = Files.createDirectories(directory.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>app</title>");
        Files.createDirectories(web.resolve("js"));
        Files.writeString(web.resolve("js/app.js"), "export const x = 1;");
        Files.writeString(web.resolve(".hidden"), "no");
        Files.writeString(directory.resolve("secret.txt"), "outside");
        return new WebApp(web, WebApp.localConfig(), List.of("https://signin.example"));
    }

    private static GatewayRequest request(String method, String path, String... headers) {
        Map<String, List<String>> map = headers.length == 0 ? Map.of() : Map.of(headers[0], List.of(headers[1]));
        return new GatewayRequest(method, path, "", map, new byte[0], "127.0.0.1", "HTTP/1.1");
    }

    @Test
    void theRootIsIndexHtmlWithTheSecurityHeaders() throws IOException {
        GatewayReply reply = app().reply(request("GET", "/")).orElseThrow();
        assertEquals(200, reply.status());
        assertEquals("text/html; charset=utf-8", reply.header("content-type"));
        assertEquals("<!doctype html><title>app</title>", new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("nosniff", reply.header("x-content-type-options"));
        String csp = reply.header("content-security-policy");
        assertTrue(csp.contains("script-src 'self';") && csp.contains("connect-src 'self' https://signin.example;")
                && csp.contains("frame-ancestors 'none'"), csp);
    }

    @Test
    void filesAreGzippedForClientsThatTakeIt() throws IOException {
        GatewayReply reply = app().reply(request("GET", "/js/app.js", "accept-encoding", "gzip, deflate, br")).orElseThrow();
        assertEquals("gzip", reply.header("content-encoding"));
        assertEquals("text/javascript; charset=utf-8", reply.header("content-type"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(reply.body()))) {
            assertArrayEquals("export const x = 1;".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }

    @Test
    void configJsonIsTheStacksNotAFile() throws IOException {
        GatewayReply reply = app().reply(request("GET", "/config.json")).orElseThrow();
        assertEquals("application/json", reply.header("content-type"));
        assertEquals("{\"apiUrl\":\"\",\"auth\":{\"type\":\"local\"}}", new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("{\"apiUrl\":\"\",\"auth\":{\"type\":\"hosted\",\"domain\":\"http://127.0.0.1:9\",\"clientId\":\"web\",\"scope\":\"openid\"}}",
                WebApp.hostedConfig("http://127.0.0.1:9", "web"));
    }

    @Test
    void nothingOutsideTheDirectoryNoDotFileNoOtherMethodAndNoMissingFileIsServed() throws IOException {
        WebApp app = app();
        for (String path : List.of("/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt", "/.hidden", "/js", "/users",
                "/recommendations", "/missing.js", "//etc/passwd")) {
            assertEquals(Optional.empty(), app.reply(request("GET", path)), path);
        }
        assertEquals(Optional.empty(), app.reply(request("POST", "/index.html")));
        assertEquals(200, app.reply(request("HEAD", "/index.html")).orElseThrow().status());
    }
}
