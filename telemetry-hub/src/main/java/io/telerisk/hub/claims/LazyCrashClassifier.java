package io.telerisk.hub.claims;

import io.telerisk.claims.classifier.BundledCrashModel;
import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.CrashModelCard;
import io.telerisk.claims.classifier.TfCrashClassifier;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's TensorFlow crash classifier, loaded on first use rather than while the hub starts: TensorFlow's native
 * library and the SavedModel take a second or more, and {@link ClaimsListener#warmUp()} makes that first use happen
 * on its own background thread before the crash workers start (crash events queue meanwhile, listed as
 * {@code PENDING}; nothing runs on the event loop). The name and threshold come from the model's card, read at
 * construction without TensorFlow, so claims evidence can cite the model before it is loaded.
 *
 * <p>A failed load throws {@link IllegalStateException}, is logged and counted, and is not tried again before a
 * growing pause ({@link #FIRST_RETRY} doubling to {@link #MAX_RETRY}): every queued crash event used to try again at
 * once, so a broken model directory cost one load (seconds of TensorFlow) per event. Meanwhile
 * {@link #available()} is false, the crash workers take no work (the events wait in the durable queue, for this hub
 * once the model loads or for another hub), and {@code /health} reports the failure. There is no silent fallback to
 * the physics rule: that is a configuration choice ({@code telerisk.claims.classifier=physics}). Follows the pattern
 * of the pricing side's {@code LazyTelematicsScorer}.
 */
final class LazyCrashClassifier implements CrashClassifier, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LazyCrashClassifier.class.getName());

    /** Loads the model; any exception or linkage error is a failed load. */
    interface Loader {
        TfCrashClassifier load() throws Exception;
    }

    /** The pause after the first failed load; it doubles with each further failure. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    /** The longest pause between two load attempts. */
    static final Duration MAX_RETRY = Duration.ofMinutes(5);

    /** Where the model is in its life. */
    enum State { NOT_LOADED, LOADED, FAILED }

    /** The last failed load: why, how many in a row, and when the next attempt may be made. */
    record Failure(String reason, int consecutive, Instant retryAt) {
    }

    private final String source;
    private final Loader loader;
    private final CrashModelCard card;
    private final Clock clock;
    private final AtomicLong loadFailures = new AtomicLong();
    private volatile TfCrashClassifier loaded;
    private volatile Failure failure;
    private boolean closed;

    LazyCrashClassifier(String source, CrashModelCard card, Loader loader, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.card = Objects.requireNonNull(card, "card");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The model shipped in claims-automation's jar. */
    static LazyCrashClassifier bundled(Clock clock) throws IOException {
        return new LazyCrashClassifier("the bundled model", BundledCrashModel.card(), BundledCrashModel::load, clock);
    }

    /** A model trained or copied into {@code dir} ({@code claims train-model --out DIR}); its card is read now. */
    static LazyCrashClassifier of(Path dir, Clock clock) throws IOException {
        return new LazyCrashClassifier(dir.toAbsolutePath().toString(), CrashModelCard.read(dir), () -> TfCrashClassifier.load(dir), clock);
    }

    /** Whether the model is loaded, failed its last load, or has not been tried yet (or is loading). */
    State state() {
        if (loaded != null) return State.LOADED;
        return failure != null ? State.FAILED : State.NOT_LOADED;
    }

    /** The last failed load while the model is not loaded; null otherwise. */
    Failure failure() {
        return loaded != null ? null : failure;
    }

    /** Failed loads since start. */
    long loadFailures() {
        return loadFailures.get();
    }

    /** Whether a judgement may be tried now: the model is loaded, or no pause after a failed load is running. */
    boolean available() {
        if (loaded != null) return true;
        Failure f = failure;
        return f == null || !clock.instant().isBefore(f.retryAt());
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
            Failure f = failure;
            Instant now = clock.instant();
            if (f != null && now.isBefore(f.retryAt())) {
                throw new IllegalStateException(f.reason() + " (next attempt at " + f.retryAt() + ")");
            }
            long t0 = System.nanoTime();
            try {
                m = loader.load();
            } catch (Exception | LinkageError e) {
                loadFailures.incrementAndGet();
                int n = f == null ? 1 : f.consecutive() + 1;
                Duration pause = pause(n);
                String reason = "cannot load the crash model from " + source + ": " + e;
                failure = new Failure(reason, n, now.plus(pause));
                LOG.log(System.Logger.Level.ERROR, reason + " (failure " + n + " in a row; crash events wait in the queue, listed as PENDING;"
                        + " next attempt in " + pause.toSeconds() + " s)");
                throw new IllegalStateException(reason, e);
            }
            LOG.log(System.Logger.Level.INFO, "crash model " + card.name() + " loaded from " + source + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms" + (f == null ? "" : " after " + f.consecutive() + " failed attempts"));
            failure = null;
            loaded = m;
            return m;
        }
    }

    /** The pause after the n-th failure in a row: FIRST_RETRY doubled n-1 times, at most MAX_RETRY. */
    static Duration pause(int consecutiveFailures) {
        int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    @Override
    public synchronized void close() {
        closed = true;
        TfCrashClassifier m = loaded;
        loaded = null;
        if (m != null) m.close();
    }
}
