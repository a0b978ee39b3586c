package io.telerisk.pricing.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Quote log kept in memory (tests, CLI, embedded demo). */
public final class InMemoryQuoteLog implements QuoteLog {
    private final Map<String, List<Quote>> byPolicy = new ConcurrentHashMap<>();

    @Override
    public void record(Quote quote) {
        byPolicy.compute(quote.policyId(), (k, v) -> {
            List<Quote> l = v == null ? new ArrayList<>() : v;
            l.add(quote);
            return l;
        });
    }

    @Override
    public List<Quote> forPolicy(String policyId) {
        List<Quote> l = byPolicy.get(policyId);
        if (l == null) return List.of();
        synchronized (l) {
            return List.copyOf(l);
        }
    }
}
