package io.telerisk.claims.classifier;

import io.telerisk.claims.classifier.training.CrashTraining;
import io.telerisk.claims.classifier.training.ScenarioGenerator;
import io.telerisk.claims.classifier.training.ScenarioKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small (seconds) TensorFlow training on simulated scenarios, evaluated on a different seed. */
class CrashClassifierTrainingTest {
    @TempDir
    static Path dir;
    static TfCrashClassifier model;

    @BeforeAll
    static void train() throws IOException {
        CrashTraining.train(400, 150, 11, new TfCrashModel.Config(12, 300, 0.03f, 1e-4f, 3f, 5), dir.resolve("model"));
        model = TfCrashClassifier.load(dir.resolve("model"));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void heldOutCrashesAboveEightKmhAreFoundAndImpulsesAreNot() {
        CrashTraining.Evaluation e = CrashTraining.evaluate(model, model.threshold(), 300, 150, 99);
        assertTrue(e.crashesAtLeast8Kmh() > 200, "enough large crashes in the sample");
        assertTrue(e.recallAtLeast8Kmh() >= 0.97, e.format());
        int fp = e.falsePositivesOfKind().values().stream().mapToInt(a -> a[0]).sum();
        assertTrue(fp <= 3, e.format());
        assertTrue(e.medianDeltaVErrorPercent() < 3, e.format());
    }

    @Test
    void tensorFlowModelBeatsThePhysicsRuleOnBrakingPotholes() {
        CrashTraining.Evaluation tf = CrashTraining.evaluate(model, model.threshold(), 50, 150, 98);
        CrashTraining.Evaluation rule = CrashTraining.evaluate(new PhysicsRuleClassifier(8), 0.5, 50, 150, 98);
        int tfFp = tf.falsePositivesOfKind().get(ScenarioKind.POTHOLE_WHILE_BRAKING)[0];
        int ruleFp = rule.falsePositivesOfKind().get(ScenarioKind.POTHOLE_WHILE_BRAKING)[0];
        assertTrue(tfFp < ruleFp, "tf " + tfFp + " vs rule " + ruleFp);
    }

    @Test
    void modelCardRecordsFeaturesAndTraining() throws IOException {
        CrashModelCard card = CrashModelCard.read(dir.resolve("model"));
        assertEquals(CrashFeatures.NAMES, card.features());
        assertEquals(0.5, card.threshold());
        assertEquals(11, ((Number) card.training().get("seed")).intValue());
        assertTrue(model.name().startsWith("crash-classifier"));
    }

    @Test
    void refusesModelWithOtherFeatures() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        new CrashModelCard("x", "now", List.of("a", "b"), 0.5, Map.of()).write(other);
        IOException e = assertThrows(IOException.class, () -> TfCrashClassifier.load(other));
        assertTrue(e.getMessage().contains("expects features"), e.getMessage());
        assertThrows(IOException.class, () -> TfCrashClassifier.load(dir.resolve("missing")));
    }

    @Test
    void refusesToTrainIntoNonEmptyDirectory() {
        assertThrows(IOException.class, () -> CrashTraining.train(10, 5, 1, TfCrashModel.Config.defaults(), dir.resolve("model")));
    }

    @Test
    void generatorIsDeterministicForASeed() {
        var a = new ScenarioGenerator(3).next(ScenarioKind.CRASH);
        var b = new ScenarioGenerator(3).next(ScenarioKind.CRASH);
        assertEquals(a.trueDeltaVMps(), b.trueDeltaVMps());
        assertEquals(a.window(), b.window());
    }

    @Test
    void exposureAllocationFavoursFrequentImpulsesAndBoundsFalseAlarms() {
        var counts = CrashTraining.exposureAllocation(10, 1000);
        assertEquals(10, counts.get(ScenarioKind.CRASH));
        assertTrue(counts.get(ScenarioKind.POTHOLE) > counts.get(ScenarioKind.DOOR_SLAM));
        assertTrue(counts.get(ScenarioKind.DOOR_SLAM) > counts.get(ScenarioKind.PHONE_DROP));
        CrashTraining.Evaluation e = CrashTraining.evaluate(new PhysicsRuleClassifier(8), 0.5, counts, 5);
        assertEquals(1000, e.falsePositivesOfKind().values().stream().mapToInt(a -> a[1]).sum(), 2);
        assertTrue(e.falseAlarmsPer10kTripHoursUpper95() >= e.falseAlarmsPer10kTripHours());
    }
}
