package io.telerisk.hub.pricing;

import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.summary.WearableDay;
import io.telerisk.pricing.rating.WearableHistory;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** {@link WearableHistory} over the hub's wearable day aggregates (never raw health samples). */
public final class SummaryWearableHistory implements WearableHistory {
    private final SummaryRepository summaries;

    public SummaryWearableHistory(SummaryRepository summaries) {
        this.summaries = Objects.requireNonNull(summaries);
    }

    @Override
    public List<WearableDay> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive) {
        return summaries.wearableDays(tenant, deviceId, from, toExclusive);
    }
}
