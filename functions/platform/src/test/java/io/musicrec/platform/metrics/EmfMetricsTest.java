package io.musicrec.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void oneLineDeclaresEachMetricUnderItsDimensionsAndCarriesTheirValues() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("FunctionName", "musicrec-OutboxSweep-1A2B");

        new EmfMetrics("musicrec", lines::add, CLOCK).emit(dimensions, List.of(
                new EmfMetrics.Metric("OutboxOldestPendingAge", 42, EmfMetrics.Unit.SECONDS),
                new EmfMetrics.Metric("OutboxPending", 3, EmfMetrics.Unit.COUNT)));

        assertEquals(1, lines.size());
        assertEquals(-1, lines.get(0).indexOf('\n'), "one line: CloudWatch reads a log event per line");
        JsonNode expected = JSON.readTree("""
                {"_aws": {"Timestamp": 1796284800000, "CloudWatchMetrics": [{"Namespace": "musicrec",
                  "Dimensions": [["FunctionName"]],
                  "Metrics": [{"Name": "OutboxOldestPendingAge", "Unit": "Seconds"}, {"Name": "OutboxPending", "Unit": "Count"}]}]},
                 "FunctionName": "musicrec-OutboxSweep-1A2B", "OutboxOldestPendingAge": 42.0, "OutboxPending": 3.0}""");
        assertEquals(expected, JSON.readTree(lines.get(0)));
    }

    @Test
    void aValueCloudWatchCannotTakeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EmfMetrics.Metric("x", Double.NaN, EmfMetrics.Unit.COUNT));
        assertThrows(IllegalArgumentException.class, () -> new EmfMetrics("musicrec", line -> { }, CLOCK).emit(Map.of(), List.of()));
    }
}
