package io.telerisk.hub.retention;

import io.telerisk.hub.store.StoreUnavailableException;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a telemetry store offers the {@link RetentionJob}: rollups computed by the hub and deletion by age, so
 * retention works the same on every InfluxDB version and on JDBC. Both adapters implement it.
 */
public interface RollupStore {

    /** Tenants that have raw data or rollups. */
    Set<String> tenants() throws StoreUnavailableException;

    /**
     * (Re)computes the rollups of one tenant for the buckets in [from, to), replacing what was there, from raw
     * samples. Idempotent, so late data is folded in by running it again over the same range.
     */
    void rollup(String tenant, Resolution resolution, Instant from, Instant to) throws StoreUnavailableException;

    /** Start of the latest rollup bucket of the tenant, if any. */
    Optional<Instant> latestRollup(String tenant, Resolution resolution) throws StoreUnavailableException;

    /** Start of the earliest raw sample of the tenant, if any. */
    Optional<Instant> earliestRaw(String tenant) throws StoreUnavailableException;

    /** Deletes raw samples and events of the tenant older than the cutoff. */
    void deleteRawBefore(String tenant, Instant cutoff) throws StoreUnavailableException;

    /** Deletes rollups of the tenant whose bucket starts before the cutoff. */
    void deleteRollupsBefore(String tenant, Resolution resolution, Instant cutoff) throws StoreUnavailableException;
}
