package io.telerisk.hub.claims;

import io.telerisk.claims.classifier.BundledCrashModel;
import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.CrashModelCard;
import io.telerisk.claims.classifier.TfCrashClassifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The hub's TensorFlow crash classifier, loaded on first use rather than while the hub starts: TensorFlow's native
 * library and the SavedModel take a second or more, and {@link ClaimsListener#warmUp()} makes that first use happen
 * on its own background thread before the crash workers start (crash events queue meanwhile; nothing runs on the
 * event loop). The name and threshold come from the model's card, read at construction without TensorFlow, so claims
 * evidence can cite the model before it is loaded. A failed load throws {@link IllegalStateException}: the crash
 * event's work item fails and is retried later (see {@link io.telerisk.hub.work.WorkQueue}), and the next use loads
 * again. Follows the pattern of the pricing side's {@code LazyTelematicsScorer}.
 */
final class LazyCrashClassifier implements CrashClassifier, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LazyCrashClassifier.class.getName());

    /** Loads the model; any exception or linkage error is a failed load. */
    interface Loader {
        TfCrashClassifier load() throws Exception;
    }

    private final String source;
    private final Loader loader;
    private final CrashModelCard card;
    private volatile TfCrashClassifier loaded;
    private boolean closed;

    LazyCrashClassifier(String source, CrashModelCard card, Loader loader) {
        this.source = Objects.requireNonNull(source, "source");
        this.card = Objects.requireNonNull(card, "card");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The model shipped in claims-automation's jar. */
    static LazyCrashClassifier bundled() throws IOException {
        return new LazyCrashClassifier("the bundled model", BundledCrashModel.card(), BundledCrashModel::load);
    }

    /** A model trained or copied into {@code dir} ({@code claims train-model --out DIR}); its card is read now. */
    static LazyCrashClassifier of(Path dir) throws IOException {
        return new LazyCrashClassifier(dir.toAbsolutePath().toString(), CrashModelCard.read(dir), () -> TfCrashClassifier.load(dir));
    }

    /** The decision threshold of the model's card. */
    double threshold() {
        return card.threshold();
    }

    /** Whether the model has been loaded. */
    boolean isLoaded() {
        return loaded != null;
    }

    @Override
    public double[] crashProbabilities(float[][] features) {
        return model().crashProbabilities(features);
    }

    @Override
    public String name() {
        return card.name();
    }

    private TfCrashClassifier model() {
        TfCrashClassifier m = loaded;
        if (m != null) return m;
        synchronized (this) {
            if (closed) throw new IllegalStateException("the hub is stopping");
            if (loaded != null) return loaded;
            long t0 = System.nanoTime();
            try {
                m = loader.load();
            } catch (Exception | LinkageError e) {
                String reason = "cannot load the crash model from " + source + ": " + e;
                LOG.log(System.Logger.Level.WARNING, reason + " (crash events wait and are retried)");
                throw new IllegalStateException(reason, e);
            }
            LOG.log(System.Logger.Level.INFO, "crash model " + card.name() + " loaded from " + source + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            loaded = m;
            return m;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        TfCrashClassifier m = loaded;
        loaded = null;
        if (m != null) m.close();
    }
}
