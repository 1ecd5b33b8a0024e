package io.musicrec.local.stack.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.local.services.OidcStandIn;
import io.musicrec.local.stack.LocalStack;
import io.musicrec.local.stack.StackSettings;
import io.musicrec.local.stack.TestStacks;
import io.musicrec.platform.testing.Teardown;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sign-in AWS users take, run here: the web app on a local stack that trusts an OIDC stand-in
 * speaking Cognito's hosted-UI endpoints (authorization code with a PKCE verifier checked, an RS256
 * ID token back, keys at the issuer's JWKS), in the same headless Chromium as {@link WebAppIT}.
 */
class HostedSignInIT {

    private static final String CLIENT_ID = "musicrec-web-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ByteArrayOutputStream REPORTS = new ByteArrayOutputStream();
    private static final Teardown TEARDOWN = new Teardown();

    private static OidcStandIn oidc;
    private static LocalStack stack;
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        Path data = TestStacks.dataDirectory(TEARDOWN, "musicrec-hosted-sign-in-it-");
        oidc = TEARDOWN.add(OidcStandIn.start(0));
        Map<String, String> environment = TestStacks.environment(data);
        environment.put(StackSettings.LOCAL_OIDC_ISSUER, oidc.baseUrl());
        environment.put(StackSettings.LOCAL_OIDC_CLIENT_ID, CLIENT_ID);
        stack = TEARDOWN.add(TestStacks.start(environment, new PrintStream(REPORTS, true, StandardCharsets.UTF_8)));
        base = "http://127.0.0.1:" + stack.port();
        oidc.addClient(CLIENT_ID, Set.of(base + "/"));
        driver = Browser.start();
        TEARDOWN.add(driver::quit);
    }

    @AfterAll
    static void stop() throws Exception {
        TEARDOWN.close();
    }

    @Test
    void aListenerSignsInThroughTheHostedUiWithCodeAndPkceAndTheApiAcceptsTheIdToken() throws Exception {
        long begin = System.nanoTime();
        int issued = oidc.tokensIssued();
        driver.get(base + "/");
        await(d -> d.findElement(By.id("hosted-button")).isDisplayed());
        assertFalse(driver.findElement(By.id("local-sign-in")).isDisplayed(), "no name field when a hosted UI is configured");
        driver.findElement(By.id("hosted-button")).click();

        await(d -> d.getCurrentUrl().startsWith(oidc.baseUrl() + "/oauth2/authorize?"));
        Map<String, String> asked = query(URI.create(driver.getCurrentUrl()));
        assertEquals("code", asked.get("response_type"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertEquals(base + "/", asked.get("redirect_uri"));
        Browser.screenshot(driver, Path.of("target", "screenshots"), "hosted-sign-in");
        driver.findElement(By.id("username")).sendKeys("hosted-alice");
        driver.findElement(By.id("signin")).click();

        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#cards li.card")).size() == 20);
        System.out.printf("hosted sign-in: button to 20 suggestions %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        assertEquals(base + "/", driver.getCurrentUrl(), "the code stays in no URL after sign-in");
        assertEquals("hosted-alice", driver.findElement(By.id("who-name")).getText());
        assertEquals(issued + 1, oidc.tokensIssued());
        String token = (String) driver.executeScript("return sessionStorage.getItem('musicrec.token')");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(oidc.baseUrl(), claims.get("iss").asText());
        assertEquals(CLIENT_ID, claims.get("aud").asText());
        assertEquals(0L, driver.executeScript("return localStorage.length"), "the token is kept for the tab only");

        // The API takes the ID token for a play too.
        driver.findElement(By.cssSelector("#cards li.card button.play")).click();
        await(d -> d.findElement(By.id("total")).getText().equals("1"));

        driver.findElement(By.id("sign-out")).click();
        await(d -> d.findElement(By.id("hosted-button")).isDisplayed());
        assertEquals(base + "/", driver.getCurrentUrl());
        assertNull(driver.executeScript("return sessionStorage.getItem('musicrec.token')"));
    }

    @Test
    void theStandInsTokenEndpointChecksThePkceVerifierAndUsesACodeOnce() throws Exception {
        String verifier = "a-verifier-of-at-least-43-characters-" + UUID.randomUUID();
        String code = code(OidcStandIn.s256(verifier));
        int refusals = oidc.tokenRefusals();
        HttpResponse<String> wrong = token(code, verifier + "x");
        assertEquals(400, wrong.statusCode());
        assertEquals("invalid_grant", JSON.readTree(wrong.body()).get("error").asText());
        assertEquals(400, token(code, verifier).statusCode(), "a code that was tried is gone");
        assertEquals(refusals + 2, oidc.tokenRefusals());

        HttpResponse<String> right = token(code(OidcStandIn.s256(verifier)), verifier);
        assertEquals(200, right.statusCode(), right.body());
        String idToken = JSON.readTree(right.body()).get("id_token").asText();
        assertEquals(201, call("POST", "/users", idToken).statusCode(), "the gateway trusts the issuer's ID token");
        String forged = idToken.substring(0, idToken.lastIndexOf('.') + 1) + "AAAA" + idToken.substring(idToken.lastIndexOf('.') + 5);
        assertEquals(401, call("POST", "/users", forged).statusCode());

        // No implicit flow and no flow without PKCE.
        String plain = oidc.baseUrl() + "/oauth2/authorize?client_id=" + CLIENT_ID + "&redirect_uri=" + encode(base + "/");
        assertEquals(400, get(plain + "&response_type=token&code_challenge_method=S256&code_challenge=" + OidcStandIn.s256(verifier)).statusCode());
        assertEquals(400, get(plain + "&response_type=code").statusCode());
    }

    /** A code for a sign-in with {@code challenge}: the authorize page, then its form posted. */
    private static String code(String challenge) throws Exception {
        String query = "response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + encode(base + "/") + "&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + challenge;
        assertEquals(200, get(oidc.baseUrl() + "/oauth2/authorize?" + query).statusCode());
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(oidc.baseUrl() + "/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("client_id", CLIENT_ID, "redirect_uri", base + "/", "state", "s1",
                        "code_challenge", challenge, "username", "pkce-bob")))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        Map<String, String> back = query(URI.create(login.headers().firstValue("location").orElseThrow()));
        assertEquals("s1", back.get("state"));
        return back.get("code");
    }

    private static HttpResponse<String> token(String code, String verifier) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(oidc.baseUrl() + "/oauth2/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "client_id", CLIENT_ID,
                        "code", code, "redirect_uri", base + "/", "code_verifier", verifier)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String method, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        return List.of(uri.getRawQuery().split("&")).stream().map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> java.net.URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length > 1 ? java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
    }

    private static void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(50)).until(condition);
    }
}
