package io.musicrec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.trainer.als.AlsOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingJobOptionsTest {

    @Test
    void theAlsDefaultsAreTheTrainersAndSparksRegParamIsItsOwn() {
        TrainingJobOptions o = TrainingJobOptions.parse(List.of("--plays", "in", "--out", "out"));
        assertEquals(AlsOptions.defaults().withThreads(1).toHyperparameters(), o.als().toHyperparameters());
        assertEquals(TrainingJobOptions.DEFAULT_SPARK_REG, o.sparkReg());
        assertEquals(0.5, TrainingJobOptions.parse(List.of("--plays", "in", "--out", "out", "--spark-reg", "0.5")).sparkReg());
    }

    @Test
    void badOptionsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJobOptions.parse(List.of("--plays", "in")))
                .getMessage().contains("--out"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJobOptions.parse(List.of("--plays", "in", "--out", "o",
                "--colour", "red"))).getMessage().contains("--colour"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJobOptions.parse(List.of("--plays", "in", "--out", "o",
                "--factors", "many"))).getMessage().contains("--factors must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingJobOptions.parse(List.of("--plays", "in", "--out", "o",
                "--weighting", "tfidf"))).getMessage().contains("tfidf"));
    }
}
