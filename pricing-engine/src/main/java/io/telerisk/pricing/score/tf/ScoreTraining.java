package io.telerisk.pricing.score.tf;

import io.telerisk.pricing.glm.Design;
import io.telerisk.pricing.glm.GlmFit;
import io.telerisk.pricing.glm.PoissonGlm;
import io.telerisk.pricing.score.Concentration;
import io.telerisk.pricing.score.DriverFeatures;
import io.telerisk.pricing.score.SimulatedPortfolio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End to end: simulate drivers with known latent risk, train the TensorFlow model on 70%, fit the Poisson GLM
 * baseline (same features, log-linear) on the same 70%, export the SavedModel with its model card, load it back and
 * report Gini and top-decile lift on the held-out 30% for the model, the GLM and the true rate (oracle).
 */
public final class ScoreTraining {
    /** Held-out comparison. */
    public record Report(int trainDrivers, int heldOutDrivers, double finalLoss, double giniModel, double giniGlm,
                         double giniOracle, double liftModel, double liftGlm, double liftOracle, double trainSeconds) {
        public String format() {
            return String.format(java.util.Locale.ROOT, """
                    trained on %d drivers, evaluated on %d held-out drivers (%.1f s, final loss %.5f)
                                       Gini    top-decile lift
                      TensorFlow model %.4f  %.3f
                      Poisson GLM      %.4f  %.3f
                      true rate        %.4f  %.3f
                    """, trainDrivers, heldOutDrivers, trainSeconds, finalLoss, giniModel, liftModel, giniGlm, liftGlm, giniOracle, liftOracle);
        }
    }

    private ScoreTraining() {}

    public static Report run(int drivers, int days, long seed, TfRiskModel.Config cfg, Path exportDir) throws IOException {
        SimulatedPortfolio all = SimulatedPortfolio.simulate(drivers, days, seed);
        int cut = (int) (drivers * 0.7);
        SimulatedPortfolio train = all.slice(0, cut), test = all.slice(cut, drivers);
        if (Files.exists(exportDir) && Files.list(exportDir).findAny().isPresent()) {
            throw new IOException("export directory " + exportDir + " is not empty");
        }
        long t0 = System.nanoTime();
        TfRiskModel.Trained trained = TfRiskModel.trainAndExport(train, cfg, exportDir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] offset = new double[train.size()];
        for (int i = 0; i < offset.length; i++) offset[i] = Math.log(train.exposure()[i]);
        GlmFit glm = PoissonGlm.fit(Design.numeric(DriverFeatures.NAMES, train.features(), train.claims(), offset));
        double[] glmRate = new double[test.size()];
        for (int i = 0; i < glmRate.length; i++) {
            double[] row = new double[DriverFeatures.NAMES.size() + 1];
            row[0] = 1;
            System.arraycopy(test.features()[i], 0, row, 1, row.length - 1);
            glmRate[i] = Math.exp(glm.linearPredictor(row));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        // write a provisional card so the scorer can load; rewritten below with the metrics
        ModelCard provisional = card(trained, cfg, drivers, days, seed, cut, metrics);
        provisional.write(exportDir);
        double[] modelRate;
        try (TfTelematicsScorer scorer = TfTelematicsScorer.load(exportDir)) {
            modelRate = scorer.predictRates(test.features());
        }
        Report r = new Report(cut, test.size(), trained.finalLoss(),
                Concentration.gini(modelRate, test.exposure(), test.claims()), Concentration.gini(glmRate, test.exposure(), test.claims()),
                Concentration.gini(test.trueRate(), test.exposure(), test.claims()),
                Concentration.topDecileLift(modelRate, test.exposure(), test.claims()), Concentration.topDecileLift(glmRate, test.exposure(), test.claims()),
                Concentration.topDecileLift(test.trueRate(), test.exposure(), test.claims()), seconds);
        metrics.put("gini_model", r.giniModel());
        metrics.put("gini_poisson_glm", r.giniGlm());
        metrics.put("gini_true_rate", r.giniOracle());
        metrics.put("top_decile_lift_model", r.liftModel());
        metrics.put("top_decile_lift_poisson_glm", r.liftGlm());
        metrics.put("top_decile_lift_true_rate", r.liftOracle());
        card(trained, cfg, drivers, days, seed, cut, metrics).write(exportDir);
        return r;
    }

    private static ModelCard card(TfRiskModel.Trained t, TfRiskModel.Config cfg, int drivers, int days, long seed, int cut, Map<String, Double> metrics) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("loss", "Poisson negative log-likelihood with log(exposure) offset + L2 " + cfg.l2() + " on weights");
        training.put("optimiser", "full-batch Adam, lr " + cfg.learningRate() + ", " + cfg.steps() + " steps");
        training.put("init seed", cfg.seed());
        training.put("final loss", t.finalLoss());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "SimulatedPortfolio (io.telerisk.pricing.score): synthetic drivers, NOT real claims");
        data.put("drivers", drivers);
        data.put("days of DailyUsage per driver", days);
        data.put("seed", seed);
        data.put("split", "first " + cut + " drivers train, rest held out");
        data.put("true log rate", "-2.45 + 0.5 log(km/10000) + 1.5 night + 0.35 urban + 25 max(0, speeding - 0.03) + 0.7 tanh(harsh/0.8) + 12 night×speeding + N(0, 0.3²) frailty");
        return new ModelCard("telematics-frequency-nn", Instant.now().toString(), "TensorFlow Java core API 1.1.0 (graph mode)",
                DriverFeatures.NAMES, "standardise → dense " + cfg.hidden() + " ReLU → dense 1 (log annual claim rate)", training, data,
                metrics, t.meanRate(), "100 × rr / (1 + rr), rr = predicted rate / training mean rate " + t.meanRate(),
                "Ranking drivers by expected claim frequency from daily usage aggregates, as the telematicsScore variable of a rating plan.",
                List.of("Trained on simulated data only: retrain on the insurer's own exposure and claims before any use.",
                        "Gini on a held-out sample measures ranking, not calibration; check A/E by band before pricing.",
                        "Features are period aggregates; periods with little driving give noisy shares (credibility in the plan handles it).",
                        "Protected characteristics are not inputs, but proxies may exist: run a fairness review per jurisdiction."));
    }
}
