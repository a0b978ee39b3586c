package io.telerisk.hub.command;

import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.registry.SqlTime;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands kept in the system of record until the hub holding the device's connection delivers them (table
 * {@code command_outbox}, V78). Bounded by its {@link OutboxLimits}: at most so many pending per device (adding one more
 * drops the oldest), each kept so long; delivered rows are deleted after {@link #KEEP_DELIVERED}. The methods
 * work in the caller's connection and transaction (the caller commits), so that taking a device's commands can hold
 * their rows ({@code FOR UPDATE SKIP LOCKED}) while they are delivered.
 */
public final class CommandOutbox {
    /** How long a delivered row stays (an operator can see what was delivered recently). */
    public static final Duration KEEP_DELIVERED = Duration.ofHours(1);

    private final int maxPending;
    private final Duration expiry;

    /** An outbox with the default limits ({@link OutboxLimits#DEFAULTS}). */
    public CommandOutbox() {
        this(OutboxLimits.DEFAULTS);
    }

    public CommandOutbox(OutboxLimits limits) {
        this.maxPending = limits.maxPendingPerDevice();
        this.expiry = limits.expiry();
    }

    /** A command waiting for its device. */
    public record Pending(long id, DeviceKey device, String commandId, EncodedCommand command) {
    }

    /**
     * Keeps a command for the device. The same command id sent again replaces the row and makes it pending again
     * (the sender decided to send it again), so a command is never pending twice.
     */
    public void add(Connection c, DeviceKey device, String commandId, EncodedCommand command, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE command_outbox SET content_type = ?, payload = ?, queued_at = ?,"
                + " expires_at = ?, delivered_at = NULL, attempts = 0 WHERE tenant = ? AND device_id = ? AND command_id = ?")) {
            up.setString(1, command.contentType());
            up.setBytes(2, command.payload());
            SqlTime.set(up, 3, now);
            SqlTime.set(up, 4, now.plus(expiry));
            up.setString(5, device.tenant());
            up.setString(6, device.deviceId());
            up.setString(7, commandId);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO command_outbox (tenant, device_type, device_id, command_id,"
                        + " content_type, payload, queued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ins.setString(1, device.tenant());
                    ins.setString(2, device.type().wireName());
                    ins.setString(3, device.deviceId());
                    ins.setString(4, commandId);
                    ins.setString(5, command.contentType());
                    ins.setBytes(6, command.payload());
                    SqlTime.set(ins, 7, now);
                    SqlTime.set(ins, 8, now.plus(expiry));
                    ins.executeUpdate();
                }
            }
        }
        // the bound: the oldest pending beyond the newest maxPending go
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM command_outbox WHERE tenant = ? AND device_id = ?"
                + " AND delivered_at IS NULL ORDER BY id DESC")) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            ps.setMaxRows(maxPending + 50);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        if (ids.size() > maxPending) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM command_outbox WHERE tenant = ? AND device_id = ?"
                    + " AND delivered_at IS NULL AND id <= ?")) {
                del.setString(1, device.tenant());
                del.setString(2, device.deviceId());
                del.setLong(3, ids.get(maxPending));
                del.executeUpdate();
            }
        }
    }

    /**
     * The device's pending, unexpired commands, oldest first, locked for the caller's transaction; rows another hub is
     * delivering right now are skipped.
     */
    public List<Pending> take(Connection c, DeviceKey device, Instant now) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, command_id, content_type, payload FROM command_outbox"
                + " WHERE tenant = ? AND device_id = ? AND device_type = ? AND delivered_at IS NULL AND expires_at > ?"
                + " ORDER BY id FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            ps.setString(3, device.type().wireName());
            SqlTime.set(ps, 4, now);
            ps.setMaxRows(maxPending);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), device, rs.getString(2),
                            new EncodedCommand(rs.getString(3), rs.getBytes(4))));
                }
            }
        }
        return out;
    }

    /** Records one delivery attempt; {@code delivered} when the device acknowledged the command. */
    public void attempted(Connection c, long id, boolean delivered, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE command_outbox SET attempts = attempts + 1,"
                + " delivered_at = " + (delivered ? "?" : "delivered_at") + " WHERE id = ?")) {
            int i = 1;
            if (delivered) SqlTime.set(ps, i++, now);
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    /** Devices with pending, unexpired commands (at most {@code limit}). */
    public List<DeviceKey> devicesWithPending(Connection c, Instant now, int limit) throws SQLException {
        List<DeviceKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT tenant, device_type, device_id FROM command_outbox"
                + " WHERE delivered_at IS NULL AND expires_at > ?")) {
            SqlTime.set(ps, 1, now);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new DeviceKey(rs.getString(1), DeviceType.fromWire(rs.getString(2)), rs.getString(3)));
            }
        }
        return out;
    }

    /** Deletes expired commands and delivered ones older than {@link #KEEP_DELIVERED}; idempotent, any hub runs it. */
    public int prune(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM command_outbox WHERE expires_at <= ? OR delivered_at < ?")) {
            SqlTime.set(ps, 1, now);
            SqlTime.set(ps, 2, now.minus(KEEP_DELIVERED));
            return ps.executeUpdate();
        }
    }
}
