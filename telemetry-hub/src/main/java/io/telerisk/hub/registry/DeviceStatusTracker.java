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

/**
 * Online/offline/last-seen state of devices, fed by the ingest pipeline (status channel, MQTT connects and
 * disconnects, every accepted message) and read by the REST API.
 *
 * <p>The ingest calls ({@link #online}, {@link #offline}, {@link #seen}) only touch memory and never block, so they
 * are safe on an event loop. {@link #flush()} (blocking, worker thread) writes changed entries to the
 * {@code device_status} table; the hub calls it periodically and on shutdown, so another hub instance or a
 * restart sees the state too. Out-of-order updates are ignored: a status older than the current one loses.
 */
public final class DeviceStatusTracker {
    private final DataSource dataSource;
    private final Map<DeviceKey, DeviceStatus> current = new ConcurrentHashMap<>();
    private final Map<DeviceKey, Boolean> dirty = new ConcurrentHashMap<>();

    public DeviceStatusTracker(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The device said it is online (status message or MQTT connect) at {@code at}. */
    public void online(DeviceKey device, Instant at) {
        change(device, true, at);
    }

    /** The device went offline (status message, last will or disconnect) at {@code at}. */
    public void offline(DeviceKey device, Instant at) {
        change(device, false, at);
    }

    /** The hub received a message from the device at {@code at}; a device that sends is online. */
    public void seen(DeviceKey device, Instant at) {
        Objects.requireNonNull(at, "at");
        current.compute(device, (k, s) -> {
            if (s == null) return new DeviceStatus(true, at, at);
            if (s.lastSeen() != null && !at.isAfter(s.lastSeen())) return s;
            // A message newer than the last offline means it came back (e.g. a missed online status).
            boolean online = s.online() || at.isAfter(s.changedAt());
            return new DeviceStatus(online, at, online == s.online() ? s.changedAt() : at);
        });
        dirty.put(device, Boolean.TRUE);
    }

    private void change(DeviceKey device, boolean online, Instant at) {
        Objects.requireNonNull(at, "at");
        current.compute(device, (k, s) -> {
            if (s == null) return new DeviceStatus(online, at, at);
            if (at.isBefore(s.changedAt())) return s;
            Instant lastSeen = s.lastSeen() == null || at.isAfter(s.lastSeen()) ? at : s.lastSeen();
            return new DeviceStatus(online, lastSeen, s.online() == online ? s.changedAt() : at);
        });
        dirty.put(device, Boolean.TRUE);
    }

    /** The device's status: this hub's memory first, then the table (state flushed by any hub). Blocking. */
    public Optional<DeviceStatus> status(DeviceKey device) {
        DeviceStatus s = current.get(device);
        if (s != null) return Optional.of(s);
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
     * Writes changed entries to the table. Entries of devices that are not registered are dropped (the table
     * references the registry). Blocking.
     *
     * @return how many rows were written
     */
    public int flush() {
        List<DeviceKey> keys = new ArrayList<>(dirty.keySet());
        if (keys.isEmpty()) return 0;
        int written = 0;
        try (Connection c = dataSource.getConnection()) {
            for (DeviceKey k : keys) {
                dirty.remove(k);
                DeviceStatus s = current.get(k);
                if (s == null) continue;
                if (upsert(c, k, s)) written++;
            }
        } catch (SQLException e) {
            // Keep them dirty for the next flush.
            keys.forEach(k -> dirty.put(k, Boolean.TRUE));
            throw new RegistryUnavailableException("could not persist device status: " + e.getMessage(), e);
        }
        return written;
    }

    private static boolean upsert(Connection c, DeviceKey k, DeviceStatus s) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE device_status SET online = ?, last_seen = ?, changed_at = ? WHERE tenant = ? AND device_id = ? AND changed_at <= ?")) {
            up.setBoolean(1, s.online());
            SqlTime.set(up, 2, s.lastSeen());
            SqlTime.set(up, 3, s.changedAt());
            up.setString(4, k.tenant());
            up.setString(5, k.deviceId());
            SqlTime.set(up, 6, s.changedAt());
            if (up.executeUpdate() > 0) return true;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO device_status (tenant, device_id, online, last_seen, changed_at) "
                        + "SELECT tenant, device_id, ?, ?, ? FROM registered_device WHERE tenant = ? AND device_id = ? "
                        + "AND NOT EXISTS (SELECT 1 FROM device_status WHERE tenant = ? AND device_id = ?)")) {
            ins.setBoolean(1, s.online());
            SqlTime.set(ins, 2, s.lastSeen());
            SqlTime.set(ins, 3, s.changedAt());
            ins.setString(4, k.tenant());
            ins.setString(5, k.deviceId());
            ins.setString(6, k.tenant());
            ins.setString(7, k.deviceId());
            return ins.executeUpdate() > 0;
        } catch (SQLException e) {
            if (JdbcDeviceRegistry.isUniqueViolation(e)) return false; // another hub inserted it first
            throw e;
        }
    }
}
