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
 * Slows password guessing on {@code POST /api/v1/auth/token} (and the current-password check of a password change)
 * with progressive delays, never a lock-out. Failures are counted per client address (the <em>source</em>: one
 * source spraying one password over many usernames is slowed) and per username (many sources guessing one account
 * are slowed). Beyond a key's free allowance each failure doubles how long the next attempt of that key must wait,
 * up to a cap; an attempt made too early is refused without checking the password and counts nothing, so waiting
 * is the only way on. The per-username allowance is larger than the per-source one: one source alone cannot push a
 * victim's name into a delay before its own attempts are slowed, so locking a user out from one address no longer
 * works, and many addresses together can impose at most {@link Limits#maxDelay()} on the account.
 *
 * <p>The counts live in the system of record (table {@code login_throttle}, migration V77), not in a hub's memory:
 * every hub on one database sees the same counts, a restart forgets nothing, and a flood of made-up usernames costs
 * rows on disk, never heap. The table is bounded: only well-formed usernames (1-64 characters of the topic alphabet)
 * and addresses are written; rows idle for longer than {@link Limits#window()} count from zero again and are deleted,
 * and when more than {@link #MAX_ROWS} remain the oldest go first (at most once a minute per hub). Blocking (JDBC):
 * call from a worker.
 */
public final class LoginThrottle {
    /** Upper bound of stored keys (the least recently failed beyond it are forgotten). */
    public static final int MAX_ROWS = 100_000;
    private static final long PURGE_EVERY_MS = 60_000;
    private static final int MAX_SOURCE_LENGTH = 72;
    private final DataSource dataSource;
    private final Limits perSource;
    private final Limits perUsername;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    /**
     * How one kind of key is slowed.
     *
     * @param freeFailures failures without any delay; the attempt after the last of them waits {@code firstDelay}
     * @param firstDelay   the first wait; it doubles with each further failure
     * @param maxDelay     the longest wait
     * @param window       a key idle (no failure) this long starts from zero again
     */
    public record Limits(int freeFailures, Duration firstDelay, Duration maxDelay, Duration window) {
        public Limits {
            if (freeFailures < 0) throw new IllegalArgumentException("freeFailures must be >= 0");
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || window.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay <= window: " + this);
            }
        }

        /** The wait after {@code failures} failures, counted from the last one: none before the allowance is used up. */
        Duration delayAfter(int failures) {
            int beyond = failures - freeFailures;
            if (beyond < 0) return Duration.ZERO;
            if (beyond > 40) return maxDelay;
            Duration d = firstDelay.multipliedBy(1L << beyond);
            return d.compareTo(maxDelay) > 0 ? maxDelay : d;
        }
    }

    /** Why an attempt must wait: {@code retryAfter} zero when it may go ahead. */
    public record Verdict(Duration retryAfter, String reason) {
        static final Verdict GO = new Verdict(Duration.ZERO, null);

        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    public LoginThrottle(DataSource dataSource, Limits perSource, Limits perUsername, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.perSource = Objects.requireNonNull(perSource, "perSource");
        this.perUsername = Objects.requireNonNull(perUsername, "perUsername");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Per source: 10 free failures, then 1 s doubling up to 15 min. Per username: 20 free failures, then 1 s doubling
     * up to 30 s (the most anyone can make a user wait). Both forget after an hour without failures.
     */
    public static LoginThrottle defaults(DataSource dataSource, Clock clock) {
        return new LoginThrottle(dataSource, new Limits(10, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
                new Limits(20, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1)), clock);
    }

    /**
     * Configured thresholds: {@code sourceFree}/{@code usernameFree} free failures, then waits from 1 s doubling up to
     * the maximum; a key idle for an hour (or its maximum wait, if longer) starts from zero again.
     */
    public static LoginThrottle of(DataSource dataSource, Clock clock, int sourceFree, Duration sourceMaxDelay,
                                   int usernameFree, Duration usernameMaxDelay) {
        return new LoginThrottle(dataSource, limits(sourceFree, sourceMaxDelay), limits(usernameFree, usernameMaxDelay), clock);
    }

    private static Limits limits(int free, Duration maxDelay) {
        Duration hour = Duration.ofHours(1);
        return new Limits(free, Duration.ofSeconds(1), maxDelay, maxDelay.compareTo(hour) > 0 ? maxDelay : hour);
    }

    /**
     * How long an attempt for {@code username} from {@code source} must wait (the longer of the two keys' waits).
     *
     * @param source the client's address (null or malformed: not throttled per source)
     */
    public Verdict check(String username, String source) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Duration bySource = wait(c, sourceKey(source), perSource, now);
            Duration byUser = wait(c, userKey(username), perUsername, now);
            if (bySource.isZero() && byUser.isZero()) return Verdict.GO;
            return bySource.compareTo(byUser) >= 0
                    ? new Verdict(bySource, "too many failed logins from this address")
                    : new Verdict(byUser, "too many failed logins for this user");
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Counts a wrong password for this username and this source (a key idle past its window starts again at one). */
    public void failed(String username, String source) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            count(c, sourceKey(source), perSource, now);
            count(c, userKey(username), perUsername, now);
            purge(c, now);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Clears this username's failures (a right password, or an operator's reset). The source's failures stay: an
     * attacker holding one valid account must not wipe its spraying record by logging in to it.
     */
    public void succeeded(String username) {
        String key = userKey(username);
        if (key == null) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM login_throttle WHERE throttle_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static String userKey(String username) {
        return Topic.isValidSegment(username) ? "user:" + username : null;
    }

    /**
     * The key of a client address: IPv4 as is; IPv6 by its /64 (one host is usually given a whole /64, and would
     * otherwise spray from 2^64 addresses). Anything else is not a key.
     */
    static String sourceKey(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_SOURCE_LENGTH) return null;
        if (address.matches("[0-9.]{7,15}")) return "source:" + address;
        // a literal only (never a name: no DNS lookup here)
        if (!address.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?") || !address.contains(":")) return null;
        try {
            byte[] b = java.net.InetAddress.getByName(address.replaceAll("%.*$", "")).getAddress();
            if (b.length == 4) return "source:" + java.net.InetAddress.getByAddress(b).getHostAddress();
            StringBuilder prefix = new StringBuilder("source:");
            for (int i = 0; i < 8; i += 2) prefix.append(String.format("%02x%02x", b[i], b[i + 1])).append(':');
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private Duration wait(Connection c, String key, Limits limits, Instant now) throws SQLException {
        if (key == null) return Duration.ZERO;
        try (PreparedStatement ps = c.prepareStatement("SELECT failures, last_failure FROM login_throttle WHERE throttle_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Duration.ZERO;
                Instant last = rs.getObject("last_failure", OffsetDateTime.class).toInstant();
                if (last.isBefore(now.minus(limits.window()))) return Duration.ZERO;
                Duration left = Duration.between(now, last.plus(limits.delayAfter(rs.getInt("failures"))));
                return left.isNegative() ? Duration.ZERO : left;
            }
        }
    }

    private void count(Connection c, String key, Limits limits, Instant now) throws SQLException {
        if (key == null) return;
        OffsetDateTime nowTs = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime idleSince = OffsetDateTime.ofInstant(now.minus(limits.window()), ZoneOffset.UTC);
        // Two tries: the insert of a first failure may race with another hub's, then the update applies.
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement up = c.prepareStatement("UPDATE login_throttle SET "
                    + "failures = CASE WHEN last_failure < ? THEN 1 ELSE failures + 1 END, last_failure = ? WHERE throttle_key = ?")) {
                up.setObject(1, idleSince);
                up.setObject(2, nowTs);
                up.setString(3, key);
                if (up.executeUpdate() > 0) return;
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO login_throttle (throttle_key, failures, last_failure) VALUES (?, 1, ?)")) {
                ins.setString(1, key);
                ins.setObject(2, nowTs);
                ins.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw e;
            }
        }
    }

    /** Deletes idle rows, then the least recently failed beyond {@link #MAX_ROWS}; at most once a minute per hub. */
    private void purge(Connection c, Instant now) throws SQLException {
        long last = lastPurge.get();
        long nowMs = now.toEpochMilli();
        if (nowMs - last < PURGE_EVERY_MS || !lastPurge.compareAndSet(last, nowMs)) return;
        Duration longest = perSource.window().compareTo(perUsername.window()) >= 0 ? perSource.window() : perUsername.window();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_throttle WHERE last_failure < ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now.minus(longest), ZoneOffset.UTC));
            ps.executeUpdate();
        }
        trimTo(c, MAX_ROWS);
    }

    /** Keeps the {@code maxRows} most recently failed keys. */
    static void trimTo(Connection c, int maxRows) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM login_throttle"); ResultSet rs = count.executeQuery()) {
            rs.next();
            if (rs.getLong(1) <= maxRows) return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_throttle WHERE throttle_key NOT IN (SELECT throttle_key "
                + "FROM login_throttle ORDER BY last_failure DESC, throttle_key LIMIT ?)")) {
            ps.setInt(1, maxRows);
            ps.executeUpdate();
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("login throttle unavailable: " + e.getMessage(), e);
    }
}
