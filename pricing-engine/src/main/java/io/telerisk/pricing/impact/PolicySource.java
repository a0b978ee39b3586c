package io.telerisk.pricing.impact;

import io.telerisk.pricing.rating.RatingInput;

import java.util.List;

/**
 * Port: the portfolio to re-rate, by index so an adapter can stream or decode policies on demand instead of
 * holding a million objects. {@link #policy(int)} must be safe to call from several threads.
 */
public interface PolicySource {
    int size();

    RatingInput policy(int index);

    /** A source over a list held in memory. */
    static PolicySource of(List<RatingInput> policies) {
        List<RatingInput> copy = List.copyOf(policies);
        return new PolicySource() {
            @Override
            public int size() { return copy.size(); }

            @Override
            public RatingInput policy(int index) { return copy.get(index); }
        };
    }
}
