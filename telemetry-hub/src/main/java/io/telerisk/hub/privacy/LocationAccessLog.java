package io.telerisk.hub.privacy;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Append-only log of raw location reads (table {@code location_access_log}, migration V22). A read whose log
 * entry cannot be written is not served: {@link #append} throws and the API answers 503. Blocking.
 */
public final class LocationAccessLog {
    private final DataSource dataSource;

    public LocationAccessLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public void append(LocationAccess a) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO location_access_log (accessed_at, username, role, tenant, device_type, device_id, from_ts, to_ts, claim_id, resource) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, odt(a.accessedAt()));
            ps.setString(2, a.username());
            ps.setString(3, a.role().wireName());
            ps.setString(4, a.device().tenant());
            ps.setString(5, a.device().type().wireName());
            ps.setString(6, a.device().deviceId());
            ps.setObject(7, odt(a.from()));
            ps.setObject(8, odt(a.to()));
            ps.setString(9, a.claimId());
            ps.setString(10, a.resource());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the location access log: " + e.getMessage(), e);
        }
    }

    /** Entries of one tenant accessed in [from, to), newest first, at most {@code limit}. */
    public List<LocationAccess> list(String tenant, Instant from, Instant to, int limit) {
        return list(tenant, from, to, 0, limit);
    }

    /** One page of a tenant's reads in [from, to), newest first: at most {@code limit}, skipping the first {@code offset}. */
    public List<LocationAccess> list(String tenant, Instant from, Instant to, int offset, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT accessed_at, username, role, tenant, device_type, device_id, from_ts, to_ts, claim_id, resource "
                        + "FROM location_access_log WHERE tenant = ? AND accessed_at >= ? AND accessed_at < ? "
                        + "ORDER BY accessed_at DESC, id DESC LIMIT ? OFFSET ?")) {
            ps.setString(1, tenant);
            ps.setObject(2, odt(from));
            ps.setObject(3, odt(to));
            ps.setInt(4, limit);
            ps.setInt(5, offset);
            List<LocationAccess> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LocationAccess(instant(rs, "accessed_at"), rs.getString("username"),
                            Role.fromWire(rs.getString("role")),
                            new DeviceKey(rs.getString("tenant"), DeviceType.fromWire(rs.getString("device_type")), rs.getString("device_id")),
                            instant(rs, "from_ts"), instant(rs, "to_ts"), rs.getString("claim_id"), rs.getString("resource")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the location access log: " + e.getMessage(), e);
        }
    }

    /** How many reads of a tenant the log holds in [from, to). */
    public long count(String tenant, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM location_access_log WHERE tenant = ? AND accessed_at >= ? AND accessed_at < ?")) {
            ps.setString(1, tenant);
            ps.setObject(2, odt(from));
            ps.setObject(3, odt(to));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the location access log: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime odt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }
}
