package io.telerisk.hub.retention;

import io.telerisk.hub.store.StoreUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies retention per tenant, by the hub rather than by the database, so it behaves the same on every InfluxDB
 * version and on JDBC. Each run, for every tenant:
 * <ol>
 *   <li>rolls up closed hours and closed UTC days since the latest rollup (minus a {@link #LOOKBACK} so late data
 *       from replays is folded in), never earlier than the raw cutoff;</li>
 *   <li>rolls up once more the day of raw data about to expire and the day after it, so rollups are final when
 *       their raw data goes (late data that arrived since is included);</li>
 *   <li>deletes raw samples and events older than the raw retention, hourly and daily rollups older than theirs.</li>
 * </ol>
 * Rolling up is idempotent, so a run interrupted by an outage is simply repeated. Runs at least daily.
 */
public final class RetentionJob implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());
    /** How far before the latest rollup each run recomputes. */
    public static final Duration LOOKBACK = Duration.ofHours(48);
    private static final Duration CHUNK_HOURLY = Duration.ofDays(1);
    private static final Duration CHUNK_DAILY = Duration.ofDays(31);

    private final RollupStore store;
    private final RetentionPolicies policies;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /** What one run did. */
    public record Report(int tenants, int rollupChunks, List<String> failures) {
    }

    public RetentionJob(RollupStore store, RetentionPolicies policies, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    private volatile java.util.function.BooleanSupplier leading = () -> true;

    /**
     * Runs only while {@code leader} says this hub is the one elected to (the hub passes a PostgreSQL advisory lock,
     * so with several hubs one applies retention at a time; the default is always, for one hub).
     */
    public RetentionJob leadWhen(java.util.function.BooleanSupplier leader) {
        this.leading = java.util.Objects.requireNonNull(leader, "leader");
        return this;
    }

    /** Runs every {@code interval} on a daemon thread, first after {@code initialDelay}, when elected. */
    public synchronized void start(Duration initialDelay, Duration interval) {
        if (scheduler != null) throw new IllegalStateException("already started");
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            if (leading.getAsBoolean()) runOnce();
        }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over all tenants; a tenant that fails does not stop the others. */
    public synchronized Report runOnce() {
        List<String> failures = new ArrayList<>();
        int chunks = 0;
        List<String> tenants;
        try {
            tenants = new ArrayList<>(store.tenants());
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "retention postponed: " + e.getMessage());
            return new Report(0, 0, List.of("tenants: " + e.getMessage()));
        }
        for (String tenant : tenants) {
            try {
                chunks += apply(tenant);
            } catch (StoreUnavailableException | RuntimeException e) {
                failures.add(tenant + ": " + e.getMessage());
            }
        }
        for (String f : failures) LOG.log(System.Logger.Level.WARNING, "retention postponed for " + f);
        return new Report(tenants.size(), chunks, failures);
    }

    private int apply(String tenant) throws StoreUnavailableException {
        RetentionPolicy policy = policies.of(tenant);
        Instant now = clock.instant();
        Instant rawCutoff = now.minus(policy.raw());
        int chunks = 0;
        for (Resolution res : Resolution.values()) {
            Duration b = res.bucket();
            Instant closed = ReadPlan.floor(now, b);
            // only buckets whose raw data is still complete: the one holding the cutoff was final in an earlier run
            Instant firstComplete = ReadPlan.ceil(rawCutoff, b);
            Optional<Instant> latest = store.latestRollup(tenant, res);
            Instant from = latest.isPresent() ? ReadPlan.floor(latest.get().minus(LOOKBACK), b)
                    : store.earliestRaw(tenant).map(t -> ReadPlan.floor(t, b)).orElse(closed);
            if (from.isBefore(firstComplete)) from = firstComplete;
            chunks += rollupRange(tenant, res, from, closed);
            // final pass over the data about to expire, which the main pass may not reach
            Instant finalTo = min(min(ReadPlan.floor(rawCutoff.plus(Duration.ofDays(2)), b), closed), from);
            chunks += rollupRange(tenant, res, firstComplete, finalTo);
        }
        store.deleteRawBefore(tenant, rawCutoff);
        for (Resolution res : Resolution.values()) store.deleteRollupsBefore(tenant, res, now.minus(policy.of(res)));
        return chunks;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private int rollupRange(String tenant, Resolution res, Instant from, Instant to) throws StoreUnavailableException {
        int chunks = 0;
        Duration chunk = res == Resolution.HOURLY ? CHUNK_HOURLY : CHUNK_DAILY;
        for (Instant f = from; f.isBefore(to); f = f.plus(chunk)) {
            Instant t = f.plus(chunk).isAfter(to) ? to : f.plus(chunk);
            store.rollup(tenant, res, f, t);
            chunks++;
        }
        return chunks;
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) return;
        // no interrupt: one during a write closes H2's file channel under the embedded database (NIO semantics)
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) scheduler.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
