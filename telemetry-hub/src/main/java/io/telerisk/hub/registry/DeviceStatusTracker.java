package io.telerisk.hub.registry;

import io.telerisk.model.DeviceKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Online/offline/last-seen state of devices, shared by every hub through the {@code device_status} table (one row
 * per device) and read by the REST API from that table only, so that every hub answers alike.
 *
 * <p><b>Sessions.</b> A row remembers the session it describes: a connection to a hub's built-in endpoint
 * ({@link DeviceSession}) or, for status messages relayed by an external broker, the device's own session start
 * (the {@code t} of its status, which for the last will is the connect time). An online takes the row over unless
 * the row already describes a later session; an offline applies only to the row's current session. So when a device
 * reconnects to hub B before hub A notices its old connection died, A's late last will and disconnect are ignored
 * (counted in {@link #staleOfflines()}) instead of marking the device offline while it is connected to B.
 *
 * <p><b>Cost.</b> {@link #online} and {@link #offline} write at once (blocking: call them off the event loop and off
 * the ingest writer, in order per device); they happen on connect and disconnect only. {@link #seen}, called for
 * every accepted message, only touches memory; {@link #flush()} writes the latest last-seen per device in one pass,
 * and a device seen after its last offline is back online (e.g. a missed online status). The hub's periodic flush
 * ({@link #flushUnlessBusy}, every {@code telerisk.registry.status-flush-interval}) rewrites a device's row only once
 * its last-seen moved {@link #LAST_SEEN_RESOLUTION} past what this hub last wrote for it: with a thousand devices
 * publishing every second, rewriting every row every 2 s was a fifth of the hub's CPU (docs/benchmarks-ingest.md,
 * session 4). A device's first message, and its first after an offline recorded here, are written at the next flush.
 */
public final class DeviceStatusTracker {
    /** Session id of status messages an external broker relays: the device's clock orders them. */
    public static final String BROKER_SESSION = "broker";

    private final DataSource dataSource;
    /**
     * How far a device's last-seen must move past the time this hub last wrote for it before the periodic flush
     * writes its row again, so the table's last-seen trails a busy device by at most this plus the flush interval.
     */
    public static final java.time.Duration LAST_SEEN_RESOLUTION = java.time.Duration.ofSeconds(10);

    private final Map<DeviceKey, Instant> lastSeen = new ConcurrentHashMap<>();
    /** The last-seen this hub last wrote per device (a cache: only spaces rewrites, never decides online). */
    private final Map<DeviceKey, Instant> lastWritten = new ConcurrentHashMap<>();
    private final AtomicLong staleOfflines = new AtomicLong();
    private final AtomicLong failedFlushes = new AtomicLong();
    /**
     * One flush at a time: two flushes update the same rows in overlapping transactions and wait for each other's
     * row locks (H2 gives up after 2 s), and with a thousand devices a flush can outlast the flush interval.
     */
    private final java.util.concurrent.locks.ReentrantLock flushing = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean closed;

    public DeviceStatusTracker(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The device is online in this session since {@code at} (connect, or its own online status). Blocking.
     *
     * @return false when the row already describes a later session (this online is stale) or the device is not
     * registered
     */
    public boolean online(DeviceKey device, DeviceSession session, Instant at) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        try (Connection c = dataSource.getConnection()) {
            if (updateOnline(c, device, session, at)) return true;
            if (exists(c, device)) return false;
            if (insert(c, device, true, session, at)) return true;
            return updateOnline(c, device, session, at); // another hub inserted it first
        } catch (SQLException e) {
            throw new RegistryUnavailableException("could not record " + device + " online: " + e.getMessage(), e);
        }
    }

    /**
     * The device's session ended at {@code at} (disconnect, last will, or its own offline status). Blocking.
     *
     * @return false when the row describes another session (this offline is stale: counted) or the device is not
     * registered
     */
    public boolean offline(DeviceKey device, DeviceSession session, Instant at) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        lastWritten.remove(device); // its next message turns it online again: write that at the next flush
        try (Connection c = dataSource.getConnection()) {
            if (updateOffline(c, device, session, at)) return true;
            if (!exists(c, device)) return insert(c, device, false, session, at);
            staleOfflines.incrementAndGet();
            return false;
        } catch (SQLException e) {
            throw new RegistryUnavailableException("could not record " + device + " offline: " + e.getMessage(), e);
        }
    }

    /** The session of a status relayed by an external broker: the device's own {@code t} orders its sessions. */
    public static DeviceSession brokerSession(Instant deviceTime) {
        return new DeviceSession(BROKER_SESSION, deviceTime);
    }

    /** The hub received a message from the device at {@code at}. Memory only: safe on any thread. */
    public void seen(DeviceKey device, Instant at) {
        Objects.requireNonNull(at, "at");
        lastSeen.merge(device, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Offlines ignored since start because they were about a session the device had already left. */
    public long staleOfflines() {
        return staleOfflines.get();
    }

    /** The device's status as every hub sees it (the table). Blocking. */
    public Optional<DeviceStatus> status(DeviceKey device) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT online, last_seen, changed_at FROM device_status WHERE tenant = ? AND device_id = ?")) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new DeviceStatus(rs.getBoolean("online"), SqlTime.get(rs, "last_seen"),
                        SqlTime.get(rs, "changed_at")));
            }
        } catch (SQLException e) {
            throw new RegistryUnavailableException("device status unavailable for " + device + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the last-seen times gathered since the previous flush, one statement per device in one batch. A device
     * seen after its row went offline is online again. Devices without a row (never connected through a hub that
     * records sessions, e.g. before this version) get one; unregistered ones are dropped (the table references the
     * registry). Blocking.
     *
     * @return how many rows were written
     */
    public int flush() {
        flushing.lock();
        try {
            return closed ? 0 : write(true);
        } finally {
            flushing.unlock();
        }
    }

    /**
     * The periodic flush: writes unless a flush is still running (what it would write waits for the next one), and
     * only the devices whose last-seen moved {@link #LAST_SEEN_RESOLUTION} past what this hub last wrote for them
     * (or that it never wrote); the others wait for a later flush.
     *
     * @return rows written, or -1 when skipped
     */
    public int flushUnlessBusy() {
        if (!flushing.tryLock()) return -1;
        try {
            return closed ? 0 : write(false);
        } finally {
            flushing.unlock();
        }
    }

    /**
     * The last flush, when the hub stops: waits for a running one, writes what is left, and makes later flushes
     * (a periodic one still queued on a worker) no-ops, so none reaches the database after it closed.
     */
    public int close() {
        flushing.lock();
        try {
            if (closed) return 0;
            closed = true;
            return write(true);
        } finally {
            flushing.unlock();
        }
    }

    /** Flushes the database refused since start (their times are kept for the next flush). */
    public long failedFlushes() {
        return failedFlushes.get();
    }

    private int write(boolean all) {
        List<Map.Entry<DeviceKey, Instant>> batch = new ArrayList<>();
        for (Map.Entry<DeviceKey, Instant> e : lastSeen.entrySet()) {
            DeviceKey k = e.getKey();
            if (!all) {
                Instant last = lastWritten.get(k);
                if (last != null && e.getValue().isBefore(last.plus(LAST_SEEN_RESOLUTION))) continue;
            }
            Instant at = lastSeen.remove(k);
            if (at != null) batch.add(Map.entry(k, at));
        }
        if (batch.isEmpty()) return 0;
        int written = 0;
        try (Connection c = dataSource.getConnection()) {
            List<Map.Entry<DeviceKey, Instant>> missing = new ArrayList<>();
            try (PreparedStatement up = c.prepareStatement("UPDATE device_status SET"
                    + " online = CASE WHEN online = FALSE AND changed_at < ? THEN TRUE ELSE online END,"
                    + " changed_at = CASE WHEN online = FALSE AND changed_at < ? THEN ? ELSE changed_at END,"
                    + " last_seen = ? WHERE tenant = ? AND device_id = ? AND (last_seen IS NULL OR last_seen < ?)")) {
                for (Map.Entry<DeviceKey, Instant> e : batch) {
                    SqlTime.set(up, 1, e.getValue());
                    SqlTime.set(up, 2, e.getValue());
                    SqlTime.set(up, 3, e.getValue());
                    SqlTime.set(up, 4, e.getValue());
                    up.setString(5, e.getKey().tenant());
                    up.setString(6, e.getKey().deviceId());
                    SqlTime.set(up, 7, e.getValue());
                    up.addBatch();
                }
                int[] counts = up.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) written++;
                    else missing.add(batch.get(i));
                }
            }
            for (Map.Entry<DeviceKey, Instant> e : missing) {
                if (!exists(c, e.getKey()) && insertSeen(c, e.getKey(), e.getValue())) written++;
            }
            for (Map.Entry<DeviceKey, Instant> e : batch) lastWritten.merge(e.getKey(), e.getValue(), (a, b) -> a.isAfter(b) ? a : b);
        } catch (SQLException e) {
            // keep them for the next flush, unless a newer time arrived meanwhile
            batch.forEach(x -> seen(x.getKey(), x.getValue()));
            failedFlushes.incrementAndGet();
            throw new RegistryUnavailableException("could not persist device last-seen times: " + e.getMessage(), e);
        }
        return written;
    }

    private static boolean updateOnline(Connection c, DeviceKey k, DeviceSession s, Instant at) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE device_status SET"
                + " changed_at = CASE WHEN online = TRUE THEN changed_at ELSE ? END, online = TRUE,"
                + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END,"
                + " session_id = ?, session_started = ?"
                + " WHERE tenant = ? AND device_id = ? AND (session_started IS NULL OR session_started <= ?)")) {
            SqlTime.set(up, 1, at);
            SqlTime.set(up, 2, at);
            SqlTime.set(up, 3, at);
            up.setString(4, s.id());
            SqlTime.set(up, 5, s.startedAt());
            up.setString(6, k.tenant());
            up.setString(7, k.deviceId());
            SqlTime.set(up, 8, s.startedAt());
            return up.executeUpdate() > 0;
        }
    }

    private static boolean updateOffline(Connection c, DeviceKey k, DeviceSession s, Instant at) throws SQLException {
        // A relayed status has no connection to name, only the device's clock: its offline (the last will carries the
        // connect time) ends the current relayed session unless a later one began.
        boolean relayed = BROKER_SESSION.equals(s.id());
        try (PreparedStatement up = c.prepareStatement("UPDATE device_status SET"
                + " changed_at = CASE WHEN online = TRUE THEN ? ELSE changed_at END, online = FALSE,"
                + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END"
                + " WHERE tenant = ? AND device_id = ? AND (session_id IS NULL OR (session_id = ? AND "
                + (relayed ? "session_started <= ?" : "session_started = ?") + "))")) {
            SqlTime.set(up, 1, at);
            SqlTime.set(up, 2, at);
            SqlTime.set(up, 3, at);
            up.setString(4, k.tenant());
            up.setString(5, k.deviceId());
            up.setString(6, s.id());
            SqlTime.set(up, 7, s.startedAt());
            return up.executeUpdate() > 0;
        }
    }

    private static boolean exists(Connection c, DeviceKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM device_status WHERE tenant = ? AND device_id = ?")) {
            ps.setString(1, k.tenant());
            ps.setString(2, k.deviceId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean insert(Connection c, DeviceKey k, boolean online, DeviceSession s, Instant at) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO device_status (tenant, device_id, online, last_seen, changed_at, session_id, session_started) "
                        + "SELECT tenant, device_id, ?, ?, ?, ?, ? FROM registered_device WHERE tenant = ? AND device_id = ?")) {
            ins.setBoolean(1, online);
            SqlTime.set(ins, 2, at);
            SqlTime.set(ins, 3, at);
            ins.setString(4, s.id());
            SqlTime.set(ins, 5, s.startedAt());
            ins.setString(6, k.tenant());
            ins.setString(7, k.deviceId());
            return ins.executeUpdate() > 0;
        } catch (SQLException e) {
            if (JdbcDeviceRegistry.isUniqueViolation(e)) return false;
            throw e;
        }
    }

    private static boolean insertSeen(Connection c, DeviceKey k, Instant at) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO device_status (tenant, device_id, online, last_seen, changed_at) "
                        + "SELECT tenant, device_id, TRUE, ?, ? FROM registered_device WHERE tenant = ? AND device_id = ?")) {
            SqlTime.set(ins, 1, at);
            SqlTime.set(ins, 2, at);
            ins.setString(3, k.tenant());
            ins.setString(4, k.deviceId());
            return ins.executeUpdate() > 0;
        } catch (SQLException e) {
            if (JdbcDeviceRegistry.isUniqueViolation(e)) return false;
            throw e;
        }
    }
}
