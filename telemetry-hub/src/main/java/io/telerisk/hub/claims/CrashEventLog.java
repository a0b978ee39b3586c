package io.telerisk.hub.claims;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * Every crash event the hub handled (table {@code claims_crash_event}, V60), keyed by device, envelope sequence and
 * position in the envelope: what became of a {@code crash_candidate} (claim opened, duplicate, not confirmed, no
 * policy, unusable window) and each {@code crash_dismissed}. A redelivered envelope finds its rows and is skipped.
 */
final class CrashEventLog {
    private static final int MAX_DETAIL = 1000;
    private final DataSource dataSource;

    CrashEventLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    boolean seen(DeviceKey device, long sequence, int index) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM claims_crash_event WHERE tenant = ? AND device_type = ? AND device_id = ? AND sequence = ? AND event_index = ?")) {
            bindKey(ps, device, sequence, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read crash events: " + e.getMessage(), e);
        }
    }

    /** Records what became of an event; a concurrent duplicate record is ignored (the first one stands). */
    void record(DeviceKey device, long sequence, int index, DeviceEvent event, String outcome, String detail, String claimId, Instant receivedAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO claims_crash_event (tenant, device_type, device_id, sequence, event_index, event_type, event_time, outcome, "
                        + "detail, claim_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindKey(ps, device, sequence, index);
            ps.setString(6, event.type());
            ps.setObject(7, JdbcClaimRepository.utc(event.time()));
            ps.setString(8, outcome);
            String d = detail == null ? "" : detail;
            ps.setString(9, d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) : d);
            ps.setString(10, claimId);
            ps.setObject(11, JdbcClaimRepository.utc(receivedAt));
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return;
            throw new IllegalStateException("cannot record crash event of " + device + " #" + sequence + ": " + e.getMessage(), e);
        }
    }

    /** How many events of this device were recorded with this outcome (for tests and operators). */
    int count(DeviceKey device, String outcome) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM claims_crash_event WHERE tenant = ? AND device_type = ? AND device_id = ? AND outcome = ?")) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.type().wireName());
            ps.setString(3, device.deviceId());
            ps.setString(4, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count crash events: " + e.getMessage(), e);
        }
    }

    /** One page of the tenant's crash events (newest first) matching the filters ({@code null} = any), and the total. */
    io.vertx.core.json.JsonObject list(String tenant, String outcome, String deviceType, String deviceId, Instant from, Instant to,
                                       io.telerisk.hub.api.ListPage.Request page) {
        StringBuilder where = new StringBuilder(" WHERE tenant = ?");
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(tenant));
        if (outcome != null) {
            where.append(" AND outcome = ?");
            args.add(outcome);
        }
        if (deviceType != null) {
            where.append(" AND device_type = ?");
            args.add(deviceType);
        }
        if (deviceId != null) {
            where.append(" AND device_id = ?");
            args.add(deviceId);
        }
        if (from != null) {
            where.append(" AND received_at >= ?");
            args.add(JdbcClaimRepository.utc(from));
        }
        if (to != null) {
            where.append(" AND received_at < ?");
            args.add(JdbcClaimRepository.utc(to));
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM claims_crash_event" + where)) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            java.util.List<io.vertx.core.json.JsonObject> items = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT device_type, device_id, sequence, event_index, event_type, event_time, "
                    + "outcome, detail, claim_id, received_at FROM claims_crash_event" + where
                    + " ORDER BY received_at DESC, device_id, sequence, event_index LIMIT " + page.limit() + " OFFSET " + page.offset())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new io.vertx.core.json.JsonObject().put("deviceType", rs.getString(1)).put("deviceId", rs.getString(2))
                                .put("sequence", rs.getLong(3)).put("eventIndex", rs.getInt(4)).put("eventType", rs.getString(5))
                                .put("eventTime", rs.getObject(6, java.time.OffsetDateTime.class).toInstant().toString())
                                .put("outcome", rs.getString(7)).put("detail", rs.getString(8)).put("claimId", rs.getString(9))
                                .put("receivedAt", rs.getObject(10, java.time.OffsetDateTime.class).toInstant().toString()));
                    }
                }
            }
            return io.telerisk.hub.api.ListPage.of(items, total, page, j -> j);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list crash events: " + e.getMessage(), e);
        }
    }

    private static void bindKey(PreparedStatement ps, DeviceKey device, long sequence, int index) throws SQLException {
        ps.setString(1, device.tenant());
        ps.setString(2, device.type().wireName());
        ps.setString(3, device.deviceId());
        ps.setLong(4, sequence);
        ps.setInt(5, index);
    }
}
