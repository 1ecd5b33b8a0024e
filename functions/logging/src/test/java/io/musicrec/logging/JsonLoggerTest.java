package io.musicrec.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T13:48:12.345Z"), ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();

    private Logger logger(String name, Map<String, String> environment, Properties properties) {
        return new JsonLoggerFactory(LogSettings.of(environment::get, properties), mdc, CLOCK, lines::add).getLogger(name);
    }

    private Logger logger(String name) {
        return logger(name, Map.of(), new Properties());
    }

    private JsonNode onlyLine() throws Exception {
        assertEquals(1, lines.size(), lines.toString());
        assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\r"), "one event, one line: " + lines.get(0));
        return JSON.readTree(lines.get(0));
    }

    @Test
    void eachEventIsOneJsonObjectWithTimestampLevelLoggerAndFilledMessage() throws Exception {
        logger("io.musicrec.api.ApiHandler").info("played {} for {}", 289, "alice");

        JsonNode line = onlyLine();
        assertEquals("2026-11-28T13:48:12.345Z", line.get("timestamp").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("io.musicrec.api.ApiHandler", line.get("logger").asText());
        assertEquals("played 289 for alice", line.get("message").asText());
        assertFalse(line.has("exception"));
    }

    @Test
    void quotesBackslashesControlCharactersLineSeparatorsAndLoneSurrogatesSurviveTheRoundTrip() throws Exception {
        String nasty = "say \"hi\" \\ back\nslash\r\ttab \u0000\u0001\u001f \u2028\u2029 é ü 🎵 lone \ud800 end \udc00";
        logger("t").warn(nasty);

        JsonNode line = onlyLine();
        assertEquals(nasty, line.get("message").asText());
        assertTrue(lines.get(0).contains("\\u0000") && lines.get(0).contains("\\u2028") && lines.get(0).contains("\\ud800"), lines.get(0));
    }

    @Test
    void anExceptionIsItsStackTraceAsOneStringCausesIncluded() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom", new java.io.IOException("disk \"full\""));
        logger("t").error("recalculation of {} failed", "user-1", failure);

        JsonNode line = onlyLine();
        assertEquals("recalculation of user-1 failed", line.get("message").asText());
        assertEquals("java.lang.IllegalStateException", line.get("exception_type").asText());
        String trace = line.get("exception").asText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: boom"), trace);
        assertTrue(trace.contains("\tat io.musicrec.logging.JsonLoggerTest."), trace);
        assertTrue(trace.contains("Caused by: java.io.IOException: disk \"full\""), trace);
    }

    @Test
    void mdcEntriesAndKeyValuePairsBecomeFieldsWithoutReplacingTheFixedOnes() throws Exception {
        mdc.put("AWSRequestId", "8f5e-41");
        mdc.put("level", "from-mdc");
        logger("t").atInfo().addKeyValue("user_id", "alice").addKeyValue("total_plays", 5).addKeyValue("queued", true)
                .addKeyValue("message", "clash").log("play {}", 289);

        JsonNode line = onlyLine();
        assertEquals("play 289", line.get("message").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("8f5e-41", line.get("AWSRequestId").asText());
        assertEquals("from-mdc", line.get("mdc.level").asText());
        assertEquals("alice", line.get("user_id").asText());
        assertTrue(line.get("total_plays").isInt() && line.get("total_plays").asInt() == 5, lines.get(0));
        assertTrue(line.get("queued").isBoolean(), lines.get(0));
        assertEquals("clash", line.get("kv.message").asText());
    }

    @Test
    void theFluentApiTakesATrailingThrowableAsTheException() throws Exception {
        logger("t").atError().setCause(new RuntimeException("cause")).log("failed");
        assertEquals("java.lang.RuntimeException", onlyLine().get("exception_type").asText());
    }

    @Test
    void theLevelComesFromAwsLambdaLogLevelBeforeLogLevel() {
        Logger lambda = logger("io.musicrec.worker.Worker", Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN", "LOG_LEVEL", "DEBUG"), new Properties());
        lambda.info("dropped");
        lambda.warn("kept");
        assertEquals(1, lines.size());
        assertFalse(lambda.isInfoEnabled());

        Logger local = logger("io.musicrec.worker.Worker", Map.of("LOG_LEVEL", "debug"), new Properties());
        assertTrue(local.isDebugEnabled());
        assertFalse(local.isTraceEnabled());
    }

    @Test
    void noisyLibrariesStayAtWarnAndNeverLouderThanTheRoot() {
        assertFalse(logger("io.netty.channel.nio.NioEventLoop").isInfoEnabled());
        assertTrue(logger("io.netty.channel.nio.NioEventLoop").isWarnEnabled());
        assertTrue(logger("io.nettyish.Other").isInfoEnabled(), "a prefix matches whole name segments only");
        assertFalse(logger("io.lettuce.core.RedisClient", Map.of("LOG_LEVEL", "ERROR"), new Properties()).isWarnEnabled());
        assertFalse(logger("software.amazon.awssdk.core", Map.of("LOG_LEVEL", "DEBUG"), new Properties()).isInfoEnabled());
    }

    @Test
    void theResourceSetsTheDefaultLevelAndExactLevelsPerLoggerTheLongestNameWinning() {
        Properties properties = new Properties();
        properties.setProperty("level", "warn");
        properties.setProperty("level.io.netty", "debug");
        properties.setProperty("level.io.musicrec", "info");
        properties.setProperty("level.io.musicrec.engine", "error");

        assertFalse(logger("org.flywaydb.core.Flyway", Map.of(), properties).isInfoEnabled());
        assertTrue(logger("io.netty.util.ResourceLeakDetector", Map.of(), properties).isDebugEnabled());
        assertTrue(logger("io.musicrec.api.ApiHandler", Map.of(), properties).isInfoEnabled());
        assertFalse(logger("io.musicrec.engine.recommend.Recommender", Map.of(), properties).isWarnEnabled());
        assertTrue(logger("org.flywaydb.core.Flyway", Map.of("LOG_LEVEL", "info"), properties).isInfoEnabled(),
                "the environment's level beats the resource's default");
    }

    @Test
    void offSilencesEverythingAndFatalMeansError() {
        Logger off = logger("t", Map.of("LOG_LEVEL", "OFF"), new Properties());
        off.error("nothing");
        assertTrue(lines.isEmpty());
        assertEquals(Level.ERROR.toInt(), LogSettings.of(Map.of("AWS_LAMBDA_LOG_LEVEL", "FATAL")::get, new Properties()).rootThreshold());
    }

    @Test
    void anUnreadableLevelFallsBackToInfoAndSaysSo() {
        LogSettings settings = LogSettings.of(Map.of("LOG_LEVEL", "verbose")::get, new Properties());
        assertEquals(Level.INFO.toInt(), settings.rootThreshold());
        assertEquals(1, settings.problems().size());
        assertTrue(settings.problems().get(0).contains("LOG_LEVEL 'verbose'"), settings.problems().get(0));
    }

    @Test
    void slf4jFindsThisProviderAndItWritesToStdout() throws Exception {
        assertInstanceOf(JsonLoggerFactory.class, LoggerFactory.getILoggerFactory());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("io.musicrec.logging.test").warn("through {}", "slf4j");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith(System.lineSeparator()), out);
        JsonNode line = JSON.readTree(out.strip());
        assertEquals("through slf4j", line.get("message").asText());
        assertEquals("WARN", line.get("level").asText());
    }

    @Test
    void outputStderrSendsTheLinesThereForCommandLineToolsWhoseStdoutIsTheirResult() {
        Properties properties = new Properties();
        properties.setProperty("output", "stderr");
        LogSettings settings = LogSettings.of(name -> null, properties);
        assertTrue(settings.stderr());
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new JsonLoggerFactory(settings, mdc, CLOCK, settings.sink()).getLogger("t").info("to stderr");
        } finally {
            System.setErr(original);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("\"message\":\"to stderr\""), captured.toString(StandardCharsets.UTF_8));
        properties.setProperty("output", "file");
        assertFalse(LogSettings.of(name -> null, properties).stderr());
        assertEquals(1, LogSettings.of(name -> null, properties).problems().size());
    }
}
