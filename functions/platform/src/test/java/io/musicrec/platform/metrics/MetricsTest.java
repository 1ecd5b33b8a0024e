package io.musicrec.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.platform.testing.EmfLines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private final EmfLines out = new EmfLines();
    private final Metrics metrics = Metrics.to("worker", Clock.fixed(NOW, ZoneOffset.UTC), out);

    @Test
    void aCountIsOneEmfLineInTheNamespaceWithTheServiceDimensionAndTheClocksTimestamp() {
        metrics.count("PlaysRecorded", 1);

        assertEquals(1, out.lines().size());
        String line = out.lines().get(0);
        assertFalse(line.contains("\n"), "one log event is one line");
        EmfLines.Metric metric = out.single("PlaysRecorded");
        assertEquals("musicrec", metric.namespace());
        assertEquals(Map.of("Service", "worker"), metric.dimensions());
        assertEquals("Count", metric.unit());
        assertEquals(1.0, metric.value());
        assertEquals(NOW.toEpochMilli(), metric.line().path("_aws").path("Timestamp").asLong());
    }

    @Test
    void aLinesMetricsShareItsOneDimensionSetOfServiceAndItsOwnDimensions() {
        metrics.line().dimension("Outcome", "written").count("Recalculations", 3).value("RecalculationMillis", 412.5,
                Metrics.Unit.MILLISECONDS).emit();

        List<EmfLines.Metric> all = out.metrics();
        assertEquals(2, all.size());
        for (EmfLines.Metric metric : all) {
            assertEquals(Map.of("Service", "worker", "Outcome", "written"), metric.dimensions());
        }
        assertEquals(List.of("Service", "Outcome"), List.copyOf(all.get(0).dimensions().keySet()), "Service first");
        assertEquals(3.0, out.single("Recalculations").value());
        assertEquals(412.5, out.single("RecalculationMillis").value());
        assertEquals("Milliseconds", out.single("RecalculationMillis").unit());
        assertTrue(out.lines().get(0).contains("\"Recalculations\":3,"), "a count is written as an integer: " + out.lines());
    }

    @Test
    void aPropertyIsAFieldOfTheLineButNoMetric() {
        metrics.line().dimension("Decision", "refused").count("RetrainingRuns", 1)
                .property("reason", "candidate NDCG@10 0.21 < current 0.24 - 0.005").property("candidate_ndcg", 0.21).emit();

        assertEquals(1, out.metrics().size());
        EmfLines.Metric run = out.single("RetrainingRuns");
        assertEquals("candidate NDCG@10 0.21 < current 0.24 - 0.005", run.line().path("reason").asText());
        assertEquals(0.21, run.line().path("candidate_ndcg").asDouble());
    }

    @Test
    void aLineWithoutMetricsIsNotWritten() {
        metrics.line().dimension("Outcome", "written").property("user", "u1").emit();

        assertEquals(List.of(), out.lines());
    }

    @Test
    void aNameUsedTwiceOnALineIsRefusedSinceTheRootWouldHoldItOnce() {
        Metrics.Line line = metrics.line().count("Hits", 1);
        assertThrows(IllegalArgumentException.class, () -> line.count("Hits", 2));
        assertThrows(IllegalArgumentException.class, () -> line.dimension("Hits", "x"));
        assertThrows(IllegalArgumentException.class, () -> line.property("Service", "x"));
        assertThrows(IllegalArgumentException.class, () -> line.property("_aws", "x"));
        assertThrows(IllegalArgumentException.class, () -> line.value("Nan", Double.NaN, Metrics.Unit.NONE));
    }

    @Test
    void textIsEscapedSoTheLineStaysOneJsonObject() {
        metrics.line().count("RetrainingRuns", 1).property("reason", "a \"quoted\"\nline\\").emit();

        assertEquals("a \"quoted\"\nline\\", out.single("RetrainingRuns").line().path("reason").asText());
        assertFalse(out.lines().get(0).contains("\n"));
    }
}
