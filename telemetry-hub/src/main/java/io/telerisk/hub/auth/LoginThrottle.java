package io.telerisk.hub.auth;

import io.telerisk.model.topic.Topic;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows password guessing on {@code POST /api/v1/auth/token}: after {@code maxFailures} wrong passwords for one
 * username within {@code window}, further attempts for it are refused until the window has passed since the first
 * failure. A success clears the count.
 *
 * <p>The counts live in the system of record (table {@code login_failure}, migration V23), not in a hub's memory:
 * every hub on one database sees the same counts (failures on one hub count on all), a restart forgets nothing, and
 * a flood of made-up usernames costs rows on disk, never heap. Only well-formed usernames (1-64 characters of the
 * topic alphabet) are counted; anything else is refused by the caller before it gets here, and ignored if it does.
 * Expired rows are deleted at most once a minute per hub. Blocking (JDBC): call from a worker.
 */
public final class LoginThrottle {
    private static final long PURGE_EVERY_MS = 60_000;
    private final DataSource dataSource;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    public LoginThrottle(DataSource dataSource, int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be >= 1");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.maxFailures = maxFailures;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Five failures per username per 15 minutes. */
    public static LoginThrottle defaults(DataSource dataSource, Clock clock) {
        return new LoginThrottle(dataSource, 5, Duration.ofMinutes(15), clock);
    }

    /** How long this username must wait before trying again; zero when it may try now. */
    public Duration retryAfter(String username) {
        if (!Topic.isValidSegment(username)) return Duration.ZERO;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT first_failure, failures FROM login_failure WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt("failures") < maxFailures) return Duration.ZERO;
                Instant first = rs.getObject("first_failure", OffsetDateTime.class).toInstant();
                Duration left = Duration.between(clock.instant(), first.plus(window));
                return left.isNegative() ? Duration.ZERO : left;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Counts a wrong password for this username (a new window when the last one has passed). */
    public void failed(String username) {
        if (!Topic.isValidSegment(username)) return;
        Instant now = clock.instant();
        OffsetDateTime nowTs = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime windowStart = OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            // Two tries: the insert of a first failure may race with another hub's, then the update applies.
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement up = c.prepareStatement("UPDATE login_failure SET "
                        + "failures = CASE WHEN first_failure < ? THEN 1 ELSE failures + 1 END, "
                        + "first_failure = CASE WHEN first_failure < ? THEN ? ELSE first_failure END WHERE username = ?")) {
                    up.setObject(1, windowStart);
                    up.setObject(2, windowStart);
                    up.setObject(3, nowTs);
                    up.setString(4, username);
                    if (up.executeUpdate() > 0) break;
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO login_failure (username, first_failure, failures) VALUES (?, ?, 1)")) {
                    ins.setString(1, username);
                    ins.setObject(2, nowTs);
                    ins.executeUpdate();
                    break;
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) throw e;
                }
            }
            purgeExpired(c, now);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Clears this username's failures. */
    public void succeeded(String username) {
        if (!Topic.isValidSegment(username)) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM login_failure WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void purgeExpired(Connection c, Instant now) throws SQLException {
        long last = lastPurge.get();
        long nowMs = now.toEpochMilli();
        if (nowMs - last < PURGE_EVERY_MS || !lastPurge.compareAndSet(last, nowMs)) return;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE first_failure < ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("login throttle unavailable: " + e.getMessage(), e);
    }
}
