package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimRepository;
import io.telerisk.claims.fnol.ClaimStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link ClaimRepository} on the system of record (table {@code claims_claim}, V60): searchable columns (tenant,
 * device, policy, status, priority, times, amount) plus the whole claim — assessment and evidence package included —
 * as a JSON document. The claim id is the primary key, so two hubs opening the same claim race safely: one insert
 * wins, the other finds it. Blocking; thread-safe.
 */
public final class JdbcClaimRepository implements ClaimRepository {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcClaimRepository(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Claim> insertIfAbsent(Claim claim) {
        Optional<Claim> existing = find(claim.claimId());
        if (existing.isPresent()) return existing;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO claims_claim (claim_id, tenant, device_type, device_id, policy_id, source, status, priority, opened_at, "
                        + "loss_time, amount, document, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, claim.claimId());
            ps.setString(2, tenantOf(claim));
            ps.setString(3, claim.device() == null ? null : claim.device().type().wireName());
            ps.setString(4, claim.device() == null ? null : claim.device().deviceId());
            ps.setString(5, claim.policyId());
            ps.setString(6, claim.source().name());
            bindMutable(ps, 7, claim);
            ps.executeUpdate();
            return Optional.empty();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // another writer inserted the same claim between our read and our insert
                return Optional.of(find(claim.claimId()).orElseThrow(() -> new IllegalStateException("claim " + claim.claimId() + " vanished")));
            }
            throw new IllegalStateException("cannot store claim " + claim.claimId() + ": " + e.getMessage(), e);
        }
    }

    /** Binds status, priority, opened_at, loss_time, amount, document, updated_at from {@code first}. */
    private void bindMutable(PreparedStatement ps, int first, Claim claim) throws SQLException {
        ps.setString(first, claim.status().name());
        ps.setString(first + 1, claim.priority() == null ? null : claim.priority().name());
        ps.setObject(first + 2, utc(claim.openedAt()));
        ps.setObject(first + 3, utc(claim.lossTime()));
        ps.setBigDecimal(first + 4, claim.amount());
        ps.setString(first + 5, ClaimDocuments.write(claim));
        ps.setObject(first + 6, utc(clock.instant()));
    }

    @Override
    public void update(Claim claim) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE claims_claim SET status = ?, priority = ?, opened_at = ?, loss_time = ?, amount = ?, document = ?, updated_at = ? "
                        + "WHERE claim_id = ?")) {
            bindMutable(ps, 1, claim);
            ps.setString(8, claim.claimId());
            if (ps.executeUpdate() != 1) throw new IllegalArgumentException("no claim " + claim.claimId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update claim " + claim.claimId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Claim> find(String claimId) {
        List<Claim> l = query("SELECT document FROM claims_claim WHERE claim_id = ?", claimId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** A claim of this tenant only (another tenant's claim is "not found"). */
    public Optional<Claim> find(String tenant, String claimId) {
        List<Claim> l = query("SELECT document FROM claims_claim WHERE tenant = ? AND claim_id = ?", tenant, claimId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public List<Claim> byPolicy(String policyId) {
        return query("SELECT document FROM claims_claim WHERE policy_id = ? ORDER BY opened_at, claim_id", policyId);
    }

    /** Only the two columns: parsing every claim's evidence window here grew with the claims per policy. */
    @Override
    public List<LossTime> lossTimes(String policyId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT claim_id, loss_time FROM claims_claim WHERE policy_id = ? ORDER BY opened_at, claim_id")) {
            ps.setString(1, policyId);
            try (ResultSet rs = ps.executeQuery()) {
                List<LossTime> out = new ArrayList<>();
                while (rs.next()) out.add(new LossTime(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read claims of policy " + policyId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Claim> byStatus(ClaimStatus... statuses) {
        if (statuses.length == 0) return List.of();
        String marks = Arrays.stream(statuses).map(s -> "?").collect(Collectors.joining(", "));
        return query("SELECT document FROM claims_claim WHERE status IN (" + marks + ") ORDER BY opened_at, claim_id",
                Arrays.stream(statuses).map(Enum::name).toArray());
    }

    private List<Claim> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Claim> out = new ArrayList<>();
                while (rs.next()) out.add(ClaimDocuments.readClaim(rs.getString(1)));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read claims: " + e.getMessage(), e);
        }
    }

    /** The tenant a claim belongs to: its device's tenant. */
    static String tenantOf(Claim claim) {
        if (claim.device() == null) throw new IllegalArgumentException("claim " + claim.claimId() + " has no device, so no tenant");
        return claim.device().tenant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
