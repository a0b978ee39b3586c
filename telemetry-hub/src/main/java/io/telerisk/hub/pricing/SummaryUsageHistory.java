package io.telerisk.hub.pricing;

import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.rating.UsageHistory;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** {@link UsageHistory} over the hub's daily usage summaries (the {@code daily_usage} table). */
public final class SummaryUsageHistory implements UsageHistory {
    private final SummaryRepository summaries;

    public SummaryUsageHistory(SummaryRepository summaries) {
        this.summaries = Objects.requireNonNull(summaries);
    }

    @Override
    public List<DailyUsage> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive) {
        return summaries.dailyUsage(tenant, deviceId, from, toExclusive);
    }
}
