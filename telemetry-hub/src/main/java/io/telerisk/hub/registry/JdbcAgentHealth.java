package io.telerisk.hub.registry;

import io.telerisk.hub.ingest.AcceptedListener;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Edge agents' health in the system of record (table {@code agent_health}, V80), shared by every hub: an ingest
 * listener keeps the latest {@value EventTypes#AGENT_HEALTH} report of each device, and operators read it on the
 * device ({@code GET /api/v1/devices/{type}/{id}}).
 *
 * <p>Reports seen in a stored batch are written together in {@link #batchStored} (before the batch is acknowledged),
 * one statement per device; at one report a minute per device that is a few statements a second for a large fleet.
 * A report older than the stored one (a redelivery, or another hub's late batch) changes nothing.
 */
public final class JdbcAgentHealth implements AcceptedListener {
    private static final System.Logger LOG = System.getLogger(JdbcAgentHealth.class.getName());
    /** Wire name of each figure and its column, in the table's order. */
    static final Map<String, String> COLUMNS = columns();
    private static final int MAX_ERROR = 200;

    private final DataSource dataSource;
    private final Clock clock;
    /** Reports of the batch being stored, latest per device; guarded by itself (both ingest lanes call in). */
    private final Map<DeviceKey, DeviceEvent> pending = new LinkedHashMap<>();

    public JdbcAgentHealth(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("queueDepth", "queue_depth");
        m.put("queueEvents", "queue_events");
        m.put("queueDiskBytes", "queue_disk_bytes");
        m.put("droppedRaw", "dropped_raw");
        m.put("droppedSummaries", "dropped_summaries");
        m.put("droppedEvents", "dropped_events");
        m.put("corruptRecords", "corrupt_records");
        m.put("eventsRefused", "events_refused");
        m.put("reconnects", "reconnects");
        m.put("connectFailures", "connect_failures");
        m.put("publishFailures", "publish_failures");
        return m;
    }

    @Override
    public void accepted(Envelope envelope) {
        for (DeviceEvent e : envelope.events()) {
            if (!EventTypes.AGENT_HEALTH.equals(e.type())) continue;
            synchronized (pending) {
                DeviceEvent had = pending.get(envelope.key());
                if (had == null || !e.time().isBefore(had.time())) pending.put(envelope.key(), e);
            }
        }
    }

    @Override
    public void batchStored() {
        List<Map.Entry<DeviceKey, DeviceEvent>> reports;
        synchronized (pending) {
            if (pending.isEmpty()) return;
            reports = new ArrayList<>(pending.entrySet());
            pending.clear();
        }
        Instant now = clock.instant();
        for (Map.Entry<DeviceKey, DeviceEvent> r : reports) {
            try {
                store(r.getKey(), r.getValue(), now);
            } catch (SQLException e) {
                // health is advisory: a lost report is replaced by the next one a minute later
                LOG.log(System.Logger.Level.WARNING, "cannot store the agent health of " + r.getKey() + ": " + e.getMessage());
            }
        }
    }

    /** Stores a report unless a newer one is there. */
    void store(DeviceKey key, DeviceEvent e, Instant receivedAt) throws SQLException {
        StringBuilder set = new StringBuilder("reported_at = ?, received_at = ?");
        for (String c : COLUMNS.values()) set.append(", ").append(c).append(" = ?");
        set.append(", connected = ?, last_error = ?");
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE agent_health SET " + set
                    + " WHERE tenant = ? AND device_type = ? AND device_id = ? AND reported_at <= ?")) {
                int i = bind(ps, 1, e, receivedAt);
                ps.setString(i++, key.tenant());
                ps.setString(i++, key.type().wireName());
                ps.setString(i++, key.deviceId());
                SqlTime.set(ps, i, e.time());
                if (ps.executeUpdate() > 0) return;
            }
            StringBuilder cols = new StringBuilder("tenant, device_type, device_id, reported_at, received_at");
            for (String col : COLUMNS.values()) cols.append(", ").append(col);
            cols.append(", connected, last_error");
            String marks = "?, ?, ?" + ", ?".repeat(COLUMNS.size() + 4);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_health (" + cols + ") VALUES (" + marks + ")")) {
                ps.setString(1, key.tenant());
                ps.setString(2, key.type().wireName());
                ps.setString(3, key.deviceId());
                bind(ps, 4, e, receivedAt);
                ps.executeUpdate();
            } catch (SQLException dup) {
                // the row exists with a newer report (or another hub inserted it just now): nothing to do
                if (!"23505".equals(dup.getSQLState())) throw dup;
            }
        }
    }

    private static int bind(PreparedStatement ps, int i, DeviceEvent e, Instant receivedAt) throws SQLException {
        SqlTime.set(ps, i++, e.time());
        SqlTime.set(ps, i++, receivedAt);
        for (String name : COLUMNS.keySet()) {
            Double v = e.measures().get(name);
            if (v == null || !Double.isFinite(v) || v < 0) ps.setNull(i++, Types.BIGINT);
            else ps.setLong(i++, Math.round(v));
        }
        String connected = e.labels().get("connected");
        if (connected == null) ps.setNull(i++, Types.BOOLEAN);
        else ps.setBoolean(i++, Boolean.parseBoolean(connected));
        String error = e.labels().getOrDefault("lastError", "");
        ps.setString(i++, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
        return i;
    }

    /** The latest report of a device's agent, if it ever sent one. */
    public Optional<AgentHealthReport> latest(DeviceKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM agent_health WHERE tenant = ? AND device_type = ? AND device_id = ?")) {
            ps.setString(1, key.tenant());
            ps.setString(2, key.type().wireName());
            ps.setString(3, key.deviceId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Map<String, Long> counters = new LinkedHashMap<>();
                for (Map.Entry<String, String> col : COLUMNS.entrySet()) {
                    long v = rs.getLong(col.getValue());
                    if (!rs.wasNull()) counters.put(col.getKey(), v);
                }
                boolean connected = rs.getBoolean("connected");
                Boolean conn = rs.wasNull() ? null : connected;
                return Optional.of(new AgentHealthReport(new DeviceKey(key.tenant(), DeviceType.fromWire(rs.getString("device_type")), key.deviceId()),
                        SqlTime.get(rs, "reported_at"), SqlTime.get(rs, "received_at"), counters, conn, rs.getString("last_error")));
            }
        } catch (SQLException e) {
            throw new RegistryUnavailableException("cannot read the agent health of " + key + ": " + e.getMessage(), e);
        }
    }
}
