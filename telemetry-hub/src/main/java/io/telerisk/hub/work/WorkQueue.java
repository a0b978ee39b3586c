package io.telerisk.hub.work;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable work queue in the system of record ({@code work_item}), shared by every hub: an item enqueued by one hub
 * is taken by whichever hub's worker asks first, and survives the hub that enqueued it.
 *
 * <p>A worker takes the oldest due item with {@code SELECT ... FOR UPDATE SKIP LOCKED} and runs the handler while
 * its transaction holds that row: other workers skip it, and if the worker's hub dies the transaction rolls back and
 * the item is due again. So an item is handled once, or again after a crash mid-handling; handlers are idempotent for
 * that case (claim ids derive from the candidate, loan decisions from the application). PostgreSQL and H2 2.3 both
 * implement {@code SKIP LOCKED}, so there is one code path.
 *
 * <p>Keys: an item's (kind, key) is unique and done items are kept, so enqueueing what was already enqueued (a
 * redelivered envelope) is a no-op. A failing handler leaves the item for a retry after a growing delay (2 s
 * doubling to 10 min), with the error recorded.
 */
public final class WorkQueue {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final DataSource ds;
    private final Clock clock;

    public WorkQueue(DataSource ds, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One item as a worker sees it. */
    public record Item(long id, String kind, String key, String payload, Instant receivedAt, int attempts) {
    }

    /** Handles one item; throwing leaves it for a retry. Runs while the item's row is locked. */
    @FunctionalInterface
    public interface Handler {
        void handle(Item item) throws Exception;
    }

    /**
     * Adds an item unless one with the same kind and key exists (queued or done).
     *
     * @return true when added
     */
    public boolean enqueue(String kind, String key, String payload, Instant receivedAt) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO work_item (kind, item_key, payload, received_at, available_at)"
                     + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, kind);
            ps.setString(2, key);
            ps.setString(3, payload);
            ps.setObject(4, utc(receivedAt));
            ps.setObject(5, utc(now));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Takes the oldest due item of this kind that no other worker holds and handles it: marks it done when the
     * handler returns, schedules a retry when it throws.
     *
     * @return the item handled (done or failed), or empty when none was due
     * @throws SQLException when the database cannot be reached (the item, if any, stays queued)
     */
    public Optional<Outcome> runNext(String kind, Handler handler) throws SQLException {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Item item = takeDue(c, kind);
                if (item == null) {
                    c.commit();
                    return Optional.empty();
                }
                Outcome o;
                try {
                    handler.handle(item);
                    markDone(c, item.id());
                    o = new Outcome(item, null);
                } catch (Exception e) {
                    retryLater(c, item, e);
                    o = new Outcome(item, e);
                }
                c.commit();
                return Optional.of(o);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** What happened to an item: {@code failure} is null when it is done. */
    public record Outcome(Item item, Exception failure) {
    }

    /** Items of this kind due now and not done (queued or held by a worker; not those waiting for a retry). */
    public int due(String kind) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM work_item WHERE kind = ? AND done_at IS NULL AND available_at <= ?")) {
            ps.setString(1, kind);
            ps.setObject(2, utc(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Item takeDue(Connection c, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, item_key, payload, received_at, attempts FROM work_item"
                + " WHERE kind = ? AND done_at IS NULL AND available_at <= ? ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, kind);
            ps.setObject(2, utc(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Item(rs.getLong(1), kind, rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getInt(5));
            }
        }
    }

    private void markDone(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE work_item SET done_at = ?, attempts = attempts + 1 WHERE id = ?")) {
            ps.setObject(1, utc(clock.instant()));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private void retryLater(Connection c, Item item, Exception e) throws SQLException {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 2L << Math.min(item.attempts(), 20));
        String why = String.valueOf(e.getMessage());
        try (PreparedStatement ps = c.prepareStatement("UPDATE work_item SET attempts = attempts + 1, available_at = ?, last_error = ? WHERE id = ?")) {
            ps.setObject(1, utc(clock.instant().plusSeconds(seconds)));
            ps.setString(2, why.length() > 1000 ? why.substring(0, 1000) : why);
            ps.setLong(3, item.id());
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
