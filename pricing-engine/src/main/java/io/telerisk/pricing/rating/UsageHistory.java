package io.telerisk.pricing.rating;

import io.telerisk.model.summary.DailyUsage;

import java.time.LocalDate;
import java.util.List;

/** Port: daily driving summaries of a vehicle (the hub implements it over its system of record). */
public interface UsageHistory {
    /** Days in [from, toExclusive) for the device, any order; days without driving may be absent. */
    List<DailyUsage> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive);
}
