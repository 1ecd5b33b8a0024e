package io.musicrec.trainer.retrain;

import static io.musicrec.trainer.retrain.QualityGate.CurrentModel.COMPARABLE;
import static io.musicrec.trainer.retrain.QualityGate.CurrentModel.NONE;
import static io.musicrec.trainer.retrain.QualityGate.CurrentModel.OTHER_SETTINGS;
import static io.musicrec.trainer.retrain.QualityGate.CurrentModel.UNREADABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    @Test
    void candidateWithinTheToleranceOfTheCurrentModelIsPublished() {
        QualityGate.Verdict verdict = QualityGate.judge(0.196, 0.08, COMPARABLE, OptionalDouble.of(0.200), 0.005);
        assertTrue(verdict.publish());
        assertEquals("candidate ndcg@10 0.1960 >= current 0.2000 - tolerance 0.0050", verdict.reason());
    }

    @Test
    void candidateExactlyAtTheFloorIsPublished() {
        assertTrue(QualityGate.judge(0.195, 0.08, COMPARABLE, OptionalDouble.of(0.200), 0.005).publish());
    }

    @Test
    void candidateBelowTheFloorIsRefused() {
        QualityGate.Verdict verdict = QualityGate.judge(0.194, 0.08, COMPARABLE, OptionalDouble.of(0.200), 0.005);
        assertFalse(verdict.publish());
        assertEquals("candidate ndcg@10 0.1940 < current 0.2000 - tolerance 0.0050", verdict.reason());
    }

    @Test
    void candidateThatDoesNotBeatPopularityIsRefusedEvenAboveAWeakCurrentModel() {
        QualityGate.Verdict verdict = QualityGate.judge(0.07, 0.08, COMPARABLE, OptionalDouble.of(0.05), 0.005);
        assertFalse(verdict.publish());
        assertEquals("candidate ndcg@10 0.0700 does not beat the popularity baseline 0.0800", verdict.reason());
        assertFalse(QualityGate.judge(0.08, 0.08, NONE, OptionalDouble.empty(), 0.005).publish(), "a tie with popularity is not a win");
    }

    @Test
    void withoutACurrentModelBeatingPopularityIsEnough() {
        QualityGate.Verdict verdict = QualityGate.judge(0.09, 0.08, NONE, OptionalDouble.empty(), 0.005);
        assertTrue(verdict.publish());
        assertEquals("no current model; candidate ndcg@10 0.0900 beats the popularity baseline 0.0800", verdict.reason());
    }

    @Test
    void aCurrentModelTrainedWithOtherSettingsIsNotComparedAndBeatingPopularityIsEnough() {
        QualityGate.Verdict verdict = QualityGate.judge(0.09, 0.08, OTHER_SETTINGS, OptionalDouble.of(0.5), 0.005);
        assertTrue(verdict.publish());
        assertEquals("current model trained with other settings; candidate ndcg@10 0.0900 beats the popularity baseline 0.0800",
                verdict.reason());
    }

    @Test
    void aCurrentModelThatCannotBeLoadedIsNeverReplacedHoweverGoodTheCandidate() {
        assertFalse(QualityGate.judge(0.9, 0.08, UNREADABLE, OptionalDouble.empty(), 0.005).publish());
        QualityGate.Verdict before = QualityGate.refusalBeforeTraining(UNREADABLE, "als-1", "checksum mismatch").orElseThrow();
        assertFalse(before.publish());
        assertTrue(before.reason().startsWith("current model als-1 is published but cannot be loaded or verified (checksum mismatch)"),
                before.reason());
        for (QualityGate.CurrentModel loadable : new QualityGate.CurrentModel[] {NONE, OTHER_SETTINGS, COMPARABLE}) {
            assertTrue(QualityGate.refusalBeforeTraining(loadable, "als-1", null).isEmpty(), loadable.label());
        }
    }
}
