package io.telerisk.claims.classifier;

import io.telerisk.claims.classifier.training.BoundaryEvaluation;
import io.telerisk.claims.classifier.training.CrashTraining;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash model the jar ships, on held-out windows from seeds it was not trained on (training used seed 1): recall
 * and precision on the overall mix, and recall of side, rear and frontal crashes just above the delta-V threshold,
 * where the physics rule loses a quarter of the side impacts.
 */
class ShippedCrashModelTest {
    static TfCrashClassifier model;

    @BeforeAll
    static void load() throws IOException {
        model = BundledCrashModel.load();
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void heldOutRecallAndPrecisionMeetTheTargets() {
        CrashTraining.Evaluation e = CrashTraining.evaluate(model, model.threshold(), 1500, 500, 7);
        assertTrue(e.crashesAtLeast8Kmh() > 1200, e.format());
        assertTrue(e.recallAtLeast8Kmh() >= 0.99, e.format());
        assertTrue(e.precision() >= 0.99, e.format());
        assertTrue(e.medianDeltaVErrorPercent() < 3, e.format());
    }

    @Test
    void sideAndRearCrashesJustAboveTheThresholdAreFound() {
        List<BoundaryEvaluation.Cell> cells = BoundaryEvaluation.run(model, model.threshold(), 60, 8);
        for (BoundaryEvaluation.Cell c : cells) {
            if (c.aboveThreshold()) assertTrue(c.recall() >= 0.97, c + "\n" + BoundaryEvaluation.table("shipped", cells));
        }
        List<BoundaryEvaluation.Cell> rule = BoundaryEvaluation.run(new PhysicsRuleClassifier(CrashTraining.RECALL_DELTA_V_KMH), 0.5, 60, 8);
        int ruleSide = rule.stream().filter(c -> c.aboveThreshold() && c.direction() != BoundaryEvaluation.Direction.FRONT).mapToInt(BoundaryEvaluation.Cell::detected).sum();
        int modelSide = cells.stream().filter(c -> c.aboveThreshold() && c.direction() != BoundaryEvaluation.Direction.FRONT).mapToInt(BoundaryEvaluation.Cell::detected).sum();
        assertTrue(modelSide > ruleSide, "the model finds more side and rear crashes than the rule: " + modelSide + " vs " + ruleSide);
    }

    @Test
    void crashesJustBelowTheThresholdAreReportedNotRequired() {
        // below 8 km/h a confirmation is not a false alarm (it is a crash), but nothing is promised: the cells exist
        List<BoundaryEvaluation.Cell> cells = BoundaryEvaluation.run(model, model.threshold(), 20, 9);
        assertEquals(BoundaryEvaluation.Direction.values().length * BoundaryEvaluation.DELTA_V_KMH.size(), cells.size());
        assertTrue(cells.stream().anyMatch(c -> !c.aboveThreshold()));
    }

    @Test
    void modelCardSaysDataMetricsAndLimits() throws IOException {
        CrashModelCard card;
        String md;
        try (InputStream json = getClass().getResourceAsStream(BundledCrashModel.RESOURCE_DIR + CrashModelCard.JSON);
             InputStream text = getClass().getResourceAsStream(BundledCrashModel.RESOURCE_DIR + BundledCrashModel.MARKDOWN)) {
            assertNotNull(json, "crash-model.json is shipped");
            assertNotNull(text, "MODEL_CARD.md is shipped");
            card = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, CrashModelCard.class);
            md = new String(text.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(CrashFeatures.NAMES, card.features());
        assertEquals(1, ((Number) card.training().get("seed")).intValue());
        assertTrue(String.valueOf(card.training().get("command")).startsWith("CrashModelRelease"), card.training().toString());
        for (String section : List.of("## Training", "## Data", "## Held-out metrics", "## Boundary and direction", "## Limitations", "NOT real crashes")) {
            assertTrue(md.contains(section), "MODEL_CARD.md lacks " + section);
        }
    }
}
