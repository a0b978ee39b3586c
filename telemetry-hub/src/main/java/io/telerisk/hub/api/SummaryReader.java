package io.telerisk.hub.api;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.telerisk.model.summary.Trip;
import io.telerisk.model.summary.WearableDay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the API reads of the summaries in the system of record. Blocking; the hub adapts the store engineer's
 * summary repository to it.
 */
public interface SummaryReader {
    /** Daily usage of a vehicle for days in [from, toExclusive), oldest first. */
    List<DailyUsage> dailyUsage(String tenant, String deviceId, LocalDate from, LocalDate toExclusive);

    /** Trips of a vehicle that started in [from, to), oldest first, at most {@code limit}. */
    List<Trip> trips(String tenant, String deviceId, Instant from, Instant to, int limit);

    /** Wearable days in [from, toExclusive), oldest first. */
    List<WearableDay> wearableDays(String tenant, String deviceId, LocalDate from, LocalDate toExclusive);

    /** Farm days in [from, toExclusive), oldest first. */
    List<FarmDay> farmDays(String tenant, String deviceId, LocalDate from, LocalDate toExclusive);
}
