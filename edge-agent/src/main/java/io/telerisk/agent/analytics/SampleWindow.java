package io.telerisk.agent.analytics;

import io.telerisk.model.Sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The most recent samples at full rate, for the raw windows attached to events. Not thread-safe. */
public final class SampleWindow {
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final Duration retention;

    /** @param retention how far back samples are kept, measured from the newest sample */
    public SampleWindow(Duration retention) {
        this.retention = retention;
    }

    /** Adds a sample (in time order) and forgets those older than the retention. */
    public void add(Sample s) {
        samples.addLast(s);
        Instant horizon = s.time().minus(retention);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(horizon)) samples.removeFirst();
    }

    /** Samples with {@code from <= time <= to}, in order. */
    public List<Sample> between(Instant from, Instant to) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.time().isBefore(from) && !s.time().isAfter(to)) out.add(s);
        }
        return out;
    }
}
