package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimRepository;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.StaleClaimException;
import io.telerisk.claims.review.AdjusterDesk;
import io.telerisk.hub.api.ListPage;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link ClaimRepository} on the system of record (table {@code claims_claim}, V60/V61): searchable columns (tenant,
 * device, policy, status, priority, times, amount, version) plus the whole claim — assessment and evidence package
 * included — as a JSON document. Writes join the caller's transaction ({@link JdbcTransactions}), so the claim and
 * its ledger entry commit together. The claim id is the primary key, so two hubs opening the same claim race safely
 * (one insert wins, the other finds it); an update only applies to the version it was based on. Blocking; thread-safe.
 */
public final class JdbcClaimRepository implements ClaimRepository {
    private final JdbcTransactions tx;
    private final Clock clock;

    /** A repository with transactions of its own on {@code dataSource}. */
    public JdbcClaimRepository(DataSource dataSource, Clock clock) {
        this(new JdbcTransactions(dataSource), clock);
    }

    JdbcClaimRepository(JdbcTransactions tx, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Claim> insertIfAbsent(Claim claim) {
        try {
            int inserted = tx.withConnection(c -> {
                // a failed statement aborts a PostgreSQL transaction: the duplicate key is rolled back to a savepoint
                java.sql.Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO claims_claim (claim_id, tenant, device_type, device_id, policy_id, source, status, priority, opened_at, "
                                + "loss_time, amount, document, updated_at, linked_claim_id, version) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                    ps.setString(1, claim.claimId());
                    ps.setString(2, tenantOf(claim));
                    ps.setString(3, claim.device() == null ? null : claim.device().type().wireName());
                    ps.setString(4, claim.device() == null ? null : claim.device().deviceId());
                    ps.setString(5, claim.policyId());
                    ps.setString(6, claim.source().name());
                    bindMutable(ps, 7, claim.withVersion(0));
                    int n = ps.executeUpdate();
                    if (sp != null) c.releaseSavepoint(sp);
                    return n;
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) throw e;
                    // another writer inserted the same claim first
                    if (sp != null) c.rollback(sp);
                    return 0;
                }
            });
            if (inserted == 1) return Optional.empty();
            return Optional.of(find(claim.claimId()).orElseThrow(() -> new IllegalStateException("claim " + claim.claimId() + " vanished")));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store claim " + claim.claimId() + ": " + e.getMessage(), e);
        }
    }

    /** Binds status, priority, opened_at, loss_time, amount, document, updated_at, linked_claim_id from {@code first}. */
    private void bindMutable(PreparedStatement ps, int first, Claim claim) throws SQLException {
        ps.setString(first, claim.status().name());
        ps.setString(first + 1, claim.priority() == null ? null : claim.priority().name());
        ps.setObject(first + 2, utc(claim.openedAt()));
        ps.setObject(first + 3, utc(claim.lossTime()));
        ps.setBigDecimal(first + 4, claim.amount());
        ps.setString(first + 5, ClaimDocuments.write(claim));
        ps.setObject(first + 6, utc(clock.instant()));
        ps.setString(first + 7, claim.linkedClaimId());
    }

    @Override
    public Claim update(Claim before, Claim after) {
        Claim next = after.withVersion(before.version() + 1);
        try {
            int n = tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE claims_claim SET status = ?, priority = ?, opened_at = ?, loss_time = ?, "
                        + "amount = ?, document = ?, updated_at = ?, linked_claim_id = ?, version = ? WHERE claim_id = ? AND version = ?")) {
                    bindMutable(ps, 1, next);
                    ps.setLong(9, next.version());
                    ps.setString(10, after.claimId());
                    ps.setLong(11, before.version());
                    return ps.executeUpdate();
                }
            });
            if (n == 1) return next;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update claim " + after.claimId() + ": " + e.getMessage(), e);
        }
        Claim stored = find(after.claimId()).orElseThrow(() -> new IllegalArgumentException("no claim " + after.claimId()));
        throw new StaleClaimException(after.claimId(), before.version(), stored.version());
    }

    @Override
    public Optional<Claim> find(String claimId) {
        List<Claim> l = query("SELECT document, version FROM claims_claim WHERE claim_id = ?", claimId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** A claim of this tenant only (another tenant's claim is "not found"). */
    public Optional<Claim> find(String tenant, String claimId) {
        List<Claim> l = query("SELECT document, version FROM claims_claim WHERE tenant = ? AND claim_id = ?", tenant, claimId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public List<Claim> byPolicy(String policyId) {
        return query("SELECT document, version FROM claims_claim WHERE policy_id = ? ORDER BY opened_at, claim_id", policyId);
    }

    /** Only the two columns: parsing every claim's evidence window here grew with the claims per policy. */
    @Override
    public List<LossTime> lossTimes(String policyId) {
        try {
            return tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT claim_id, loss_time FROM claims_claim WHERE policy_id = ? ORDER BY opened_at, claim_id")) {
                    ps.setString(1, policyId);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<LossTime> out = new ArrayList<>();
                        while (rs.next()) out.add(new LossTime(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
                        return out;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read claims of policy " + policyId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Claim> byDevice(io.telerisk.model.DeviceKey device, Instant from, Instant to) {
        return query("SELECT document, version FROM claims_claim WHERE tenant = ? AND device_type = ? AND device_id = ? AND loss_time >= ? "
                + "AND loss_time < ? ORDER BY loss_time, claim_id", device.tenant(), device.type().wireName(), device.deviceId(), utc(from), utc(to));
    }

    @Override
    public List<Claim> byStatus(ClaimStatus... statuses) {
        if (statuses.length == 0) return List.of();
        String marks = Arrays.stream(statuses).map(s -> "?").collect(Collectors.joining(", "));
        return query("SELECT document, version FROM claims_claim WHERE status IN (" + marks + ") ORDER BY opened_at, claim_id",
                Arrays.stream(statuses).map(Enum::name).toArray());
    }

    /** One page of a tenant's claims matching {@code q}, newest FNOL first, and how many match in all. */
    ClaimPage search(String tenant, ClaimQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE tenant = ?");
        args.add(tenant);
        if (!q.statuses().isEmpty()) {
            where.append(" AND status IN (").append(q.statuses().stream().map(s -> "?").collect(Collectors.joining(", "))).append(')');
            q.statuses().forEach(s -> args.add(s.name()));
        }
        if (q.priority() != null) {
            where.append(" AND priority = ?");
            args.add(q.priority().name());
        }
        if (q.source() != null) {
            where.append(" AND source = ?");
            args.add(q.source().name());
        }
        if (q.deviceType() != null) {
            where.append(" AND device_type = ?");
            args.add(q.deviceType().wireName());
        }
        if (q.deviceId() != null) {
            where.append(" AND device_id = ?");
            args.add(q.deviceId());
        }
        if (q.policyId() != null) {
            where.append(" AND policy_id = ?");
            args.add(q.policyId());
        }
        if (q.from() != null) {
            where.append(" AND loss_time >= ?");
            args.add(utc(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND loss_time < ?");
            args.add(utc(q.to()));
        }
        if (q.text() != null) {
            // a substring of the ids, any case; LIKE's own characters in the text are matched literally
            where.append(" AND (UPPER(claim_id) LIKE ? ESCAPE '!' OR UPPER(policy_id) LIKE ? ESCAPE '!' OR UPPER(device_id) LIKE ? ESCAPE '!')");
            String like = "%" + q.text().toUpperCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        }
        long total = count(where.toString(), args);
        List<Claim> items = query("SELECT document, version FROM claims_claim" + where + " ORDER BY opened_at DESC, claim_id LIMIT "
                + q.page().limit() + " OFFSET " + q.page().offset(), args.toArray());
        return new ClaimPage(items, total);
    }

    /**
     * One page of the tenant's queue (claims in {@link AdjusterDesk#QUEUED} states) in the desk's order — priority
     * (none counts as P3), then SLA due time, then claim id — and how many are queued in all. Within one priority the
     * due time is FNOL + the same SLA, so ordering by FNOL time is ordering by due time; sorting and paging happen in
     * the query, and only the page's documents are read.
     */
    ClaimPage queue(String tenant, ListPage.Request page) {
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        AdjusterDesk.QUEUED.forEach(s -> args.add(s.name()));
        String where = " WHERE tenant = ? AND status IN (" + AdjusterDesk.QUEUED.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")";
        long total = count(where, args);
        List<Claim> items = query("SELECT document, version FROM claims_claim" + where + " ORDER BY COALESCE(priority, '"
                + Priority.P3.name() + "'), opened_at, claim_id LIMIT " + page.limit() + " OFFSET " + page.offset(), args.toArray());
        return new ClaimPage(items, total);
    }

    private long count(String where, List<Object> args) {
        try {
            return tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM claims_claim" + where)) {
                    for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count claims: " + e.getMessage(), e);
        }
    }

    private List<Claim> query(String sql, Object... args) {
        try {
            return tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<Claim> out = new ArrayList<>();
                        // the column is the truth about the version (documents of claims stored before V61 have none)
                        while (rs.next()) out.add(ClaimDocuments.readClaim(rs.getString(1)).withVersion(rs.getLong(2)));
                        return out;
                    }
                }
            });
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

    /** A page of claims and how many match the query in all. */
    record ClaimPage(List<Claim> items, long total) {
    }
}
