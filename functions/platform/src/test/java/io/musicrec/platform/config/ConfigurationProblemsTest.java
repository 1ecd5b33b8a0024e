package io.musicrec.platform.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationProblemsTest {

    private static final ConfigurationException MISSING_URL = new ConfigurationException("DATABASE_URL", "is required");
    private static final ConfigurationException BAD_N = new ConfigurationException("NUMBER_OF_ARTISTS", "must be 1..500");

    @Test
    void whatReadsIsReturnedAndNothingIsThrown() {
        ConfigurationProblems problems = new ConfigurationProblems("the test function");
        assertEquals("ok", problems.read(() -> "ok"));
        assertDoesNotThrow(problems::throwIfAny);
    }

    @Test
    void oneProblemIsThrownAsItIs() {
        ConfigurationProblems problems = new ConfigurationProblems("the test function");
        assertNull(problems.read(() -> {
            throw MISSING_URL;
        }));
        assertSame(MISSING_URL, assertThrows(ConfigurationException.class, problems::throwIfAny));
    }

    @Test
    void severalProblemsAreReportedTogether() {
        ConfigurationProblems problems = new ConfigurationProblems("the test function");
        problems.read(() -> {
            throw MISSING_URL;
        });
        assertEquals(3, (int) problems.read(() -> 3));
        problems.read(() -> {
            throw BAD_N;
        });
        ConfigurationException all = assertThrows(ConfigurationException.class, problems::throwIfAny);
        assertTrue(all.getMessage().startsWith("the test function's configuration has 2 problems: "), all.getMessage());
        assertTrue(all.getMessage().contains(MISSING_URL.getMessage()) && all.getMessage().contains(BAD_N.getMessage()), all.getMessage());
        assertEquals(2, all.getSuppressed().length);
        assertEquals(List.of("DATABASE_URL", "NUMBER_OF_ARTISTS"), all.variables());
    }

    @Test
    void otherFailuresAreNotSwallowed() {
        ConfigurationProblems problems = new ConfigurationProblems("the test function");
        assertThrows(IllegalArgumentException.class, () -> problems.read(() -> {
            throw new IllegalArgumentException("a bug");
        }));
    }
}
