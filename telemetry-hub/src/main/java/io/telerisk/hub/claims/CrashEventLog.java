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

    private static void bindKey(PreparedStatement ps, DeviceKey device, long sequence, int index) throws SQLException {
        ps.setString(1, device.tenant());
        ps.setString(2, device.type().wireName());
        ps.setString(3, device.deviceId());
        ps.setLong(4, sequence);
        ps.setInt(5, index);
    }
}
