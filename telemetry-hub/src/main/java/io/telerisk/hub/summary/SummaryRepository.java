package io.telerisk.hub.summary;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.telerisk.model.summary.Trip;
import io.telerisk.model.summary.WearableDay;

import java.time.LocalDate;
import java.util.List;

/**
 * Read side of the summaries in the system of record: what the hub's adapters for the pricing, credit and claims
 * ports read. Days are local days in the tenant's zone; results are ordered by day (trips by start).
 * Failures surface as {@link SummaryUnavailableException}.
 */
public interface SummaryRepository {

    /** Daily usage of a vehicle for days in [fromDay, toDayExclusive). */
    List<DailyUsage> dailyUsage(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive);

    /** Trips of a vehicle that started on days in [fromDay, toDayExclusive). */
    List<Trip> trips(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive);

    /** One page of {@link #trips}: at most {@code limit} trips by start, skipping the first {@code offset}. */
    List<Trip> trips(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive, int offset, int limit);

    /** How many trips {@link #trips} holds. */
    long tripCount(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive);

    /** Wearable days in [fromDay, toDayExclusive). */
    List<WearableDay> wearableDays(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive);

    /** Farm-sensor days in [fromDay, toDayExclusive). */
    List<FarmDay> farmDays(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive);
}
