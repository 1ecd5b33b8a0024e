package io.musicrec.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    private static String code(Runnable parse) {
        return assertThrows(RejectedRequest.class, parse::run).error().code();
    }

    @Test
    void decodesPercentEscapesAndPlus() {
        QueryString query = QueryString.parse("query=bj%C3%B6rk+%26+friends&limit=5&flag");

        assertEquals(Optional.of("björk & friends"), query.text("query"));
        assertEquals(5, query.integer("limit", 20, 1, 100));
        assertEquals(Optional.of(""), query.text("flag"));
        assertEquals(20, QueryString.parse("").integer("limit", 20, 1, 100));
    }

    @Test
    void refusesRepeatsUnknownNamesAndMalformedEscapes() {
        assertEquals("duplicate_parameter", code(() -> QueryString.parse("n=1&n=2")));
        assertEquals("duplicate_parameter", code(() -> QueryString.parse("n=1&%6E=2")), "the same name once decoded");
        assertEquals("invalid_parameter", code(() -> QueryString.parse("n=%G1")));
        assertEquals("invalid_parameter", code(() -> QueryString.parse("n=%2")));
        assertEquals("unknown_parameter", code(() -> QueryString.parse("n=1&x=2").allowOnly(List.of("n"))));
        assertEquals("missing_parameter", code(() -> QueryString.parse("n=1").requiredText("query")));
    }

    @Test
    void integersArePlainDecimalDigitsInRange() {
        for (String bad : List.of("", "ten", "1.0", "1e2", "+5", " 5", "0x10", "5 ", "١٢")) {
            assertEquals("invalid_parameter", code(() -> QueryString.of(Map.of("n", bad)).integer("n", 1, 1, 500)), bad);
        }
        for (String outside : List.of("0", "-1", "501", "2147483648", "99999999999999999999999")) {
            assertEquals("out_of_range", code(() -> QueryString.of(Map.of("n", outside)).integer("n", 1, 1, 500)), outside);
        }
        assertEquals(500, QueryString.of(Map.of("n", "500")).integer("n", 1, 1, 500));
        assertEquals(7, QueryString.of(Map.of("n", "007")).integer("n", 1, 1, 500));
    }
}
