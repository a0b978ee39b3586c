package io.telerisk.pricing.score;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.score.tf.BundledScoreModel;
import io.telerisk.pricing.score.tf.ModelCard;
import io.telerisk.pricing.score.tf.TfTelematicsScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model shipped in the jar loads without any setup, matches the engine's features and ranks drivers sensibly. */
class BundledScoreModelTest {
    @TempDir
    Path dir;

    private static List<DailyUsage> days(String device, double km, double night, double speeding, int harsh) {
        List<DailyUsage> out = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            out.add(new DailyUsage("t", device, LocalDate.of(2026, 3, 1).plusDays(d), km, night, speeding, km / 3,
                    Duration.ofMinutes(60), 2, harsh, 0, 0));
        }
        return out;
    }

    @Test
    void bundledModelLoadsFromTheJarAndScoresRiskierDrivingHigher() throws Exception {
        try (TfTelematicsScorer s = BundledScoreModel.load()) {
            ModelCard card = s.card();
            assertEquals(DriverFeatures.NAMES, card.features(), "the shipped model must match the engine's feature vector");
            assertTrue(card.limitations().get(0).contains("simulated"), "the card must say what it was trained on");
            double calm = s.score(days("calm", 25, 0, 0, 0), 60);
            double wild = s.score(days("wild", 60, 15, 5, 1), 60);
            assertTrue(calm > 0 && wild < 100, calm + " " + wild);
            assertTrue(wild > calm + 10, "night, speeding and harsh driving must score riskier: calm " + calm + ", wild " + wild);
            // scoring reads nothing from disk after loading (the temporary copy is already gone)
            assertEquals(wild, s.score(days("wild", 60, 15, 5, 1), 60), 0.0);
        }
    }

    @Test
    void copyToWritesALoadableSavedModelWithItsCard() throws Exception {
        Path out = dir.resolve("model");
        BundledScoreModel.copyTo(out);
        assertTrue(Files.isRegularFile(out.resolve("saved_model.pb")));
        assertTrue(Files.readString(out.resolve(ModelCard.MARKDOWN)).contains("Held-out metrics"));
        try (TfTelematicsScorer fromDir = TfTelematicsScorer.load(out); TfTelematicsScorer fromJar = BundledScoreModel.load()) {
            List<DailyUsage> usage = days("any", 40, 4, 1, 0);
            assertEquals(fromJar.score(usage, 60), fromDir.score(usage, 60), 0.0, "the same model either way");
        }
    }
}
