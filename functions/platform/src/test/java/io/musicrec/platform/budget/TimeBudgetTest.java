package io.musicrec.platform.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    @Test
    void sharesAreFractionsOfTheTimeoutAndTheWorstCaseIsThePartsInSequencePlusTheAnswerReserve() {
        TimeBudget budget = TimeBudget.of("the test function", Duration.ofSeconds(10));
        Duration database = budget.share(0.25);
        assertEquals(Duration.ofMillis(2500), database);

        TimeBudget spent = budget.spend("a statement", 2, database).spend("a send", 1, budget.share(0.2));

        assertEquals(Duration.ofSeconds(8), spent.worstCase(), "2 x 2.5 s + 2 s + 1 s");
        assertEquals("timeout 10 s >= 8 s: a statement 2 x 2.5 s + a send 2 s + answering 1 s", spent.toString());
    }

    @Test
    void aPartThatNoLongerFitsIsRefusedNamingEveryPart() {
        TimeBudget budget = TimeBudget.of("the test function", Duration.ofSeconds(5)).spend("a read", 1, Duration.ofSeconds(3));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> budget.spend("a write", 1, Duration.ofMillis(1001)));

        assertTrue(e.getMessage().startsWith("the test function: its calls at their worst do not fit in its timeout: timeout 5 s < 5.001 s"),
                e.getMessage());
        assertEquals(Duration.ofSeconds(5), budget.spend("a write", 1, Duration.ofSeconds(1)).worstCase(), "exactly the timeout fits");
    }

    @Test
    void theTimeoutIsTheVariablesWholeSecondsOrTheFunctionsDefault() {
        assertEquals(Duration.ofSeconds(15), TimeBudget.timeout(Optional.of(" 15 "), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(10), TimeBudget.timeout(Optional.empty(), Duration.ofSeconds(10)));
        for (String bad : new String[] {"1", "901", "10s", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimeBudget.timeout(Optional.of(bad), Duration.ofSeconds(10)));
            assertTrue(e.getMessage().startsWith("FUNCTION_TIMEOUT_SECONDS must be whole seconds in 2..900"), e.getMessage());
        }
    }
}
