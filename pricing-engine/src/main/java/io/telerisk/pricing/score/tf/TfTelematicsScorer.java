package io.telerisk.pricing.score.tf;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.rating.TelematicsScorer;
import io.telerisk.pricing.score.DriverFeatures;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scores drivers with an exported SavedModel. Score = 100 × rr / (1 + rr) where rr is the predicted claim rate over
 * the training portfolio's mean rate: 50 is an average driver, higher is riskier, bounded in (0, 100).
 * Loading needs the TensorFlow native library; nothing else in the engine does.
 */
public final class TfTelematicsScorer implements TelematicsScorer, AutoCloseable {
    private final SavedModelBundle bundle;
    private final ModelCard card;

    private TfTelematicsScorer(SavedModelBundle bundle, ModelCard card) {
        this.bundle = bundle;
        this.card = card;
    }

    public static TfTelematicsScorer load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(ModelCard.JSON))) throw new IOException("no " + ModelCard.JSON + " in " + dir);
        ModelCard card = ModelCard.read(dir);
        if (!card.features().equals(DriverFeatures.NAMES)) {
            throw new IOException("model in " + dir + " expects features " + card.features() + ", engine provides " + DriverFeatures.NAMES);
        }
        return new TfTelematicsScorer(SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG), card);
    }

    public ModelCard card() { return card; }

    @Override
    public String model() { return card.name() + " created " + card.createdAt(); }

    /** Predicted annual claim rates for rows of raw {@link DriverFeatures}. */
    public double[] predictRates(double[][] features) {
        int n = features.length, d = DriverFeatures.NAMES.size();
        float[][] xs = new float[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xs[i][j] = (float) features[i][j];
        double[] out = new double[n];
        try (TFloat32 x = TFloat32.tensorOf(StdArrays.ndCopyOf(xs));
             Result r = bundle.call(Map.<String, Tensor>of(TfRiskModel.INPUT, x))) {
            TFloat32 logRate = (TFloat32) r.get(TfRiskModel.OUTPUT).orElseThrow(() -> new IllegalStateException("model has no output " + TfRiskModel.OUTPUT));
            for (int i = 0; i < n; i++) out[i] = Math.exp(logRate.getFloat(i));
        }
        return out;
    }

    /** Score of a predicted rate. */
    public double scoreOfRate(double rate) {
        double rr = rate / card.meanRate();
        return 100 * rr / (1 + rr);
    }

    @Override
    public double score(List<DailyUsage> usage, int periodDays) {
        return scoreOfRate(predictRates(new double[][] {DriverFeatures.of(usage, periodDays)})[0]);
    }

    @Override
    public void close() { bundle.close(); }
}
