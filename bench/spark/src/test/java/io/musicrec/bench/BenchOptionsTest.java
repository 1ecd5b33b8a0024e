package io.musicrec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.engine.model.Weighting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void sparkRegDefaultsToTheTrainersRegAndCanBeSetApart() {
        BenchOptions same = BenchOptions.parse(List.of("--plays", "p.tsv", "--reg", "0.1"));
        assertEquals(0.1, same.sparkReg());
        BenchOptions apart = BenchOptions.parse(List.of("--plays", "p.tsv", "--reg", "0.1", "--spark-reg=0.002"));
        assertEquals(0.1, apart.reg());
        assertEquals(0.002, apart.sparkReg());
    }

    @Test
    void readsTheDocumentedOptions() {
        BenchOptions o = BenchOptions.parse(List.of("--plays", "p.tsv", "--rank", "32", "--iterations", "5",
                "--weighting", "log1p", "--threads", "1", "--conf", "spark.serializer=x", "--conf", "a.b=c=d"));
        assertEquals(32, o.rank());
        assertEquals(5, o.iterations());
        assertEquals(Weighting.LOG1P, o.weighting());
        assertEquals("local[1]", o.master());
        assertEquals(Map.of("spark.serializer", "x", "a.b", "c=d"), o.sparkConf());
        assertEquals(null, o.out());
    }

    @Test
    void refusesWhatCannotBeMeasured() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--rank", "8")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--plays", "p", "--iterations", "1")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--plays", "p", "--bogus", "1")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--plays", "p", "--rank", "8", "--rank", "9")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--plays", "p", "--conf", "novalue")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--plays", "p", "--alpha", "x")));
        assertTrue(e.getMessage().contains("--alpha"), e.getMessage());
    }

    @Test
    void summaryTakesTheMiddleOfAnEvenCount() {
        Summary s = Summary.of(new double[] {4, 1, 3, 2});
        assertEquals(1, s.min());
        assertEquals(2.5, s.median());
        assertEquals(4, s.max());
        assertEquals(List.of(4.0, 1.0, 3.0, 2.0), s.values());
    }
}
