package io.telerisk.pricing.cli;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.score.tf.BundledScoreModel;
import io.telerisk.pricing.score.tf.ModelCard;
import io.telerisk.pricing.score.tf.ScoreTraining;
import io.telerisk.pricing.score.tf.TfRiskModel;
import io.telerisk.pricing.score.tf.TfTelematicsScorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The CLI's TensorFlow commands, kept apart so other commands never load TensorFlow classes. */
final class ScoreCommands {
    private ScoreCommands() {}

    /** A model that cannot be loaded or used, with the reason (exit status 1). */
    static final class BadModel extends RuntimeException {
        BadModel(String message) { super(message); }
    }

    /** A period's score and which model gave it. */
    record Scored(double score, String model) {}

    static String train(Path out, int drivers, int days, long seed, int steps) throws IOException {
        TfRiskModel.Config d = TfRiskModel.Config.defaults();
        ScoreTraining.Report r = ScoreTraining.run(drivers, days, seed, new TfRiskModel.Config(d.hidden(), steps, d.learningRate(), d.l2(), d.seed()), out);
        return r.format() + "SavedModel and model card written to " + out + "\n";
    }

    /** Scores the usage with the model in {@code dir}, or the model bundled with the engine when {@code dir} is null. */
    static Scored score(Path dir, List<DailyUsage> usage, int periodDays) {
        String where = dir == null ? "the bundled model" : dir.toString();
        try (TfTelematicsScorer s = dir == null ? BundledScoreModel.load() : TfTelematicsScorer.load(dir)) {
            ModelCard card = s.card();
            String model = card.name() + " (created " + card.createdAt() + ", " + (dir == null
                    ? "bundled with the engine, trained on simulated drivers: give --score-model DIR for your own)" : "from " + dir + ")");
            return new Scored(s.score(usage, periodDays), model);
        } catch (IOException | RuntimeException | LinkageError e) {
            // a corrupt SavedModel surfaces as TensorFlow's runtime exception, a missing native library as a linkage error
            throw new BadModel("cannot use the score model in " + where + ": " + SummaryFile.printable(String.valueOf(e.getMessage())));
        }
    }
}
