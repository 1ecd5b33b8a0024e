package io.musicrec.worker.recalculation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecalculationBatchTest {

    private static final List<Duration> BACKOFF = RecalculationBatch.DEFAULT_UNAVAILABLE_BACKOFF;

    @Test
    void theBackOffGrowsWithTheReceiveCountAndStaysAtItsLastStep() {
        assertEquals(Duration.ofMinutes(5), RecalculationBatch.backoff(BACKOFF, 1));
        assertEquals(Duration.ofHours(1), RecalculationBatch.backoff(BACKOFF, 2));
        assertEquals(Duration.ofHours(11), RecalculationBatch.backoff(BACKOFF, 3));
        assertEquals(Duration.ofHours(11), RecalculationBatch.backoff(BACKOFF, 7), "a queue allowing more receives");
        assertEquals(Duration.ofMinutes(5), RecalculationBatch.backoff(BACKOFF, 0), "an unknown count counts as the first");
    }

    @Test
    void everyStepIsUnderSqsTwelveHourVisibilityLimitAndThreeStepsCoverHalfADay() {
        BACKOFF.forEach(delay -> assertEquals(-1, delay.compareTo(Duration.ofHours(12)), delay.toString()));
        Duration threeReceives = BACKOFF.stream().limit(3).reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofHours(12).plusMinutes(5), threeReceives, "an outage this long dead-letters nothing");
    }
}
