package io.telerisk.pricing.cli;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.score.tf.ScoreTraining;
import io.telerisk.pricing.score.tf.TfRiskModel;
import io.telerisk.pricing.score.tf.TfTelematicsScorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The CLI's TensorFlow commands, kept apart so other commands never load TensorFlow classes. */
final class ScoreCommands {
    private ScoreCommands() {}

    static String train(Path out, int drivers, int days, long seed, int steps) throws IOException {
        TfRiskModel.Config d = TfRiskModel.Config.defaults();
        ScoreTraining.Report r = ScoreTraining.run(drivers, days, seed, new TfRiskModel.Config(d.hidden(), steps, d.learningRate(), d.l2(), d.seed()), out);
        return r.format() + "SavedModel and model card written to " + out + "\n";
    }

    static double score(Path model, List<DailyUsage> usage, int periodDays) throws IOException {
        try (TfTelematicsScorer s = TfTelematicsScorer.load(model)) {
            return s.score(usage, periodDays);
        }
    }
}
