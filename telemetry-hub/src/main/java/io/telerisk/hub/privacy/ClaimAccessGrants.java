package io.telerisk.hub.privacy;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/** Claim access grants in the system of record (table {@code claim_access_grant}, migration V22). Blocking. */
public final class ClaimAccessGrants {
    private final DataSource dataSource;
    private final Clock clock;

    public ClaimAccessGrants(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records a grant (the claims workflow calls this when a claim is opened). */
    public void grant(ClaimAccessGrant g) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO claim_access_grant (tenant, claim_id, device_type, device_id, from_ts, to_ts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, g.device().tenant());
            ps.setString(2, g.claimId());
            ps.setString(3, g.device().type().wireName());
            ps.setString(4, g.device().deviceId());
            ps.setObject(5, OffsetDateTime.ofInstant(g.from(), ZoneOffset.UTC));
            ps.setObject(6, OffsetDateTime.ofInstant(g.to(), ZoneOffset.UTC));
            ps.setObject(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record claim access grant " + g.claimId() + ": " + e.getMessage(), e);
        }
    }

    /** The grant of this claim for this device, if any (same tenant only). */
    public Optional<ClaimAccessGrant> find(String claimId, DeviceKey device) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT claim_id, device_type, from_ts, to_ts FROM claim_access_grant WHERE tenant = ? AND claim_id = ? AND device_id = ?")) {
            ps.setString(1, device.tenant());
            ps.setString(2, claimId);
            ps.setString(3, device.deviceId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                if (DeviceType.fromWire(rs.getString("device_type")) != device.type()) return Optional.empty();
                return Optional.of(new ClaimAccessGrant(rs.getString("claim_id"), device,
                        rs.getObject("from_ts", OffsetDateTime.class).toInstant(),
                        rs.getObject("to_ts", OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read claim access grants: " + e.getMessage(), e);
        }
    }
}
