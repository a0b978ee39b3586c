package io.telerisk.claims.crash;

import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.CrashFeatures;
import io.telerisk.model.Sample;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Confirms a crash from a raw window: measures the pulse ({@link PulseAnalyzer}) and asks the classifier; a crash is
 * confirmed when the classifier's probability reaches the threshold. Thread-safe when the classifier is.
 */
public final class CrashConfirmer {
    private final PulseAnalyzer analyzer;
    private final CrashClassifier classifier;
    private final double threshold;

    public CrashConfirmer(PulseAnalyzer analyzer, CrashClassifier classifier, double threshold) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        this.threshold = threshold;
    }

    public CrashVerdict judge(List<? extends Sample> window) {
        PulseResult r = analyzer.analyze(window);
        if (r instanceof PulseResult.Unusable u) {
            return new CrashVerdict(CrashVerdict.Outcome.UNUSABLE, null, Double.NaN, classifier.name(), u.reason() + ": " + u.detail());
        }
        if (r instanceof PulseResult.NoImpulse n) {
            return new CrashVerdict(CrashVerdict.Outcome.NOT_CONFIRMED, null, 0, classifier.name(), n.detail());
        }
        PulseMeasurement m = ((PulseResult.Measured) r).measurement();
        double p = classifier.crashProbability(CrashFeatures.of(m));
        boolean ok = p >= threshold;
        return new CrashVerdict(ok ? CrashVerdict.Outcome.CONFIRMED : CrashVerdict.Outcome.NOT_CONFIRMED, m, p,
                classifier.name(), String.format(Locale.ROOT, "crash probability %.4f %s threshold %.2f", p, ok ? ">=" : "<", threshold));
    }
}
