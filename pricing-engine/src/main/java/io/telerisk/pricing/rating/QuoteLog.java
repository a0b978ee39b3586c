package io.telerisk.pricing.rating;

import java.util.List;

/** Port: every issued quote, with the plan version it used, for audit. */
public interface QuoteLog {
    void record(Quote quote);

    /** Quotes of a policy, oldest first. */
    List<Quote> forPolicy(String policyId);
}
