package io.telerisk.claims.classifier;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The crash classifier loaded from an exported SavedModel and its {@link CrashModelCard}. TensorFlow sessions accept
 * concurrent runs, so one instance serves all threads. Needs the TensorFlow native library.
 */
public final class TfCrashClassifier implements CrashClassifier, AutoCloseable {
    private final SavedModelBundle bundle;
    private final CrashModelCard card;

    private TfCrashClassifier(SavedModelBundle bundle, CrashModelCard card) {
        this.bundle = bundle;
        this.card = card;
    }

    /** Loads a model directory written by {@link io.telerisk.claims.classifier.training.CrashTraining}. */
    public static TfCrashClassifier load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CrashModelCard.JSON))) throw new IOException("no " + CrashModelCard.JSON + " in " + dir);
        CrashModelCard card = CrashModelCard.read(dir);
        if (!card.features().equals(CrashFeatures.NAMES)) {
            throw new IOException("model in " + dir + " expects features " + card.features() + ", claims provides " + CrashFeatures.NAMES);
        }
        return new TfCrashClassifier(SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG), card);
    }

    public CrashModelCard card() {
        return card;
    }

    /** The decision threshold recorded in the model card. */
    public double threshold() {
        return card.threshold();
    }

    @Override
    public double[] crashProbabilities(float[][] features) {
        int n = features.length;
        double[] out = new double[n];
        if (n == 0) return out;
        try (TFloat32 x = TFloat32.tensorOf(StdArrays.ndCopyOf(features));
             Result r = bundle.call(Map.<String, Tensor>of(TfCrashModel.INPUT, x))) {
            TFloat32 p = (TFloat32) r.get(TfCrashModel.OUTPUT).orElseThrow(() -> new IllegalStateException("model has no output " + TfCrashModel.OUTPUT));
            for (int i = 0; i < n; i++) out[i] = p.getFloat(i);
        }
        return out;
    }

    @Override
    public String name() {
        return card.name();
    }

    @Override
    public void close() {
        bundle.close();
    }
}
