package io.telerisk.hub.pricing;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.rating.TelematicsScorer;
import io.telerisk.pricing.score.tf.BundledScoreModel;
import io.telerisk.pricing.score.tf.ModelCard;
import io.telerisk.pricing.score.tf.TfTelematicsScorer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's telematics scorer for plans rating on {@code telematicsScore}: a TensorFlow SavedModel from the directory
 * configured as {@code telerisk.pricing.score-model} or, when none is, the model bundled with the pricing engine.
 * It is loaded on the first quote that needs it, never at hub start: TensorFlow's native library takes a second or
 * two, and plans without the score never need it. A model that cannot be loaded fails those quotes with
 * {@link ScoreModelUnavailableException} (the API answers 503), is logged and counted, and is tried again at most
 * once per {@link #RETRY_AFTER}, so a fixed directory is picked up without a restart. Thread-safe.
 */
public final class LazyTelematicsScorer implements TelematicsScorer, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LazyTelematicsScorer.class.getName());
    /** How long a failed load is remembered before the next quote tries again. */
    public static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    /** Where the model is in its life. */
    public enum State { NOT_LOADED, LOADED, FAILED }

    /** Loads the model; any exception or linkage error is a failed load. */
    interface Loader {
        TelematicsScorer load() throws Exception;
    }

    /** Reads the model's card without loading the model (no TensorFlow). */
    interface CardReader {
        ModelCard read() throws Exception;
    }

    private record Failure(String reason, Instant at) {}

    private final String source;
    private final Loader loader;
    private final CardReader cardReader;
    private final boolean bundled;
    private final Clock clock;
    private final AtomicLong loadFailures = new AtomicLong();
    private volatile TelematicsScorer loaded;
    private volatile Failure failure;
    private volatile String model = "";
    private boolean closed;

    LazyTelematicsScorer(String source, Loader loader, Clock clock) {
        this(source, loader, () -> {
            throw new IllegalStateException("no model card for " + source);
        }, false, clock);
    }

    LazyTelematicsScorer(String source, Loader loader, CardReader cardReader, boolean bundled, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.cardReader = Objects.requireNonNull(cardReader, "cardReader");
        this.bundled = bundled;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The scorer of a configured model directory, or of the bundled model when {@code dir} is {@code null}. A
     * directory without a model card is reported now (a cheap check that loads no TensorFlow), so a typo in the
     * configuration shows in the start-up log and not only at the first score quote.
     */
    public static LazyTelematicsScorer of(Path dir, Clock clock) {
        if (dir == null) return new LazyTelematicsScorer("the bundled model", BundledScoreModel::load, BundledScoreModel::card, true, clock);
        if (!Files.isRegularFile(dir.resolve(ModelCard.JSON))) {
            LOG.log(System.Logger.Level.WARNING, "telerisk.pricing.score-model: " + dir.toAbsolutePath() + " has no " + ModelCard.JSON
                    + "; quotes of plans rating on telematicsScore will fail until it holds a model (bin/platform pricing score-train --out DIR)");
        }
        return new LazyTelematicsScorer(dir.toAbsolutePath().toString(), () -> TfTelematicsScorer.load(dir), () -> ModelCard.read(dir), false, clock);
    }

    /**
     * The card of the model that scores (or will score) quotes: the loaded model's own, else read from the model's
     * directory or the bundled resource without loading TensorFlow, so the card can be read before any score quote.
     * An unreadable card is a {@link ScoreModelUnavailableException}; the reason, which names server paths, is logged.
     */
    public ModelCard card() {
        if (loaded instanceof TfTelematicsScorer tf) return tf.card();
        try {
            return cardReader.read();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the telematics score model card of " + source + ": " + e);
            throw new ScoreModelUnavailableException("the telematics score model's card cannot be read (see the hub log)");
        }
    }

    /** Whether the model is the one bundled with the pricing engine (no {@code telerisk.pricing.score-model} set). */
    public boolean bundled() {
        return bundled;
    }

    @Override
    public double score(List<DailyUsage> usage, int periodDays) {
        return scorer().score(usage, periodDays);
    }

    private TelematicsScorer scorer() {
        TelematicsScorer s = loaded;
        if (s != null) return s;
        synchronized (this) {
            if (closed) throw new ScoreModelUnavailableException("the hub is stopping");
            if (loaded != null) return loaded;
            Failure f = failure;
            Instant now = clock.instant();
            if (f != null && now.isBefore(f.at().plus(RETRY_AFTER))) throw new ScoreModelUnavailableException(f.reason());
            long t0 = System.nanoTime();
            try {
                s = loader.load();
            } catch (Exception | LinkageError e) {
                loadFailures.incrementAndGet();
                String reason = "cannot load the telematics score model from " + source + ": " + e;
                failure = new Failure(reason, now);
                LOG.log(System.Logger.Level.WARNING, reason + " (next attempt after " + RETRY_AFTER.toSeconds() + " s)");
                throw new ScoreModelUnavailableException(reason);
            }
            if (s instanceof TfTelematicsScorer tf) {
                ModelCard card = tf.card();
                model = card.name() + " created " + card.createdAt();
            }
            LOG.log(System.Logger.Level.INFO, "telematics score model " + model + " loaded from " + source + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            failure = null;
            loaded = s;
            return s;
        }
    }

    /** Whether the model is loaded, has failed to load (last attempt), or was never needed. */
    public State state() {
        if (loaded != null) return State.LOADED;
        return failure != null ? State.FAILED : State.NOT_LOADED;
    }

    /** Failed load attempts since start. */
    public long loadFailures() {
        return loadFailures.get();
    }

    /** The loaded model's name and creation time from its card; empty before it is loaded. */
    @Override
    public String model() {
        return model;
    }

    @Override
    public synchronized void close() throws Exception {
        closed = true;
        TelematicsScorer s = loaded;
        loaded = null;
        if (s instanceof AutoCloseable c) c.close();
    }
}
