package io.telerisk.hub.pricing;

import io.telerisk.hub.store.jdbc.UnitOfWork;
import io.telerisk.pricing.catalog.PlanLifecycleException;
import io.telerisk.pricing.catalog.PlanRepository;
import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanDocumentWriter;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanStatus;
import io.telerisk.pricing.plan.RatingPlan;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link PlanRepository} over table {@code pricing_plan}, scoped to one tenant: plan versions with status, author,
 * approver, effective and retirement dates and the JSON document. Parsed documents are cached by (key, saved at),
 * because plan selection reads every version on each quote and a saved document only changes with a new save.
 *
 * <p>{@link #atomically} is a transaction that first locks the rows of the plan id ({@code SELECT ... FOR UPDATE}):
 * a second unit on the same plan, on this hub or another, waits for the first to commit and then reads what it
 * wrote. Every statement of the thread's unit runs on its connection.
 */
public final class JdbcPlanRepository implements PlanRepository {
    private static final String COLUMNS = "plan_id, version, status, author, saved_at, approver, approved_at, retired_on, document";

    private static final int MAX_CACHED = 10_000;

    private final String tenant;
    private final Map<String, RatingPlan> parsed;
    /** The thread's running {@link #atomically} unit, if any: every statement of the unit runs on its connection. */
    private final UnitOfWork unit;

    /** @param parsedCache shared between the tenant's repositories; keys include the tenant */
    JdbcPlanRepository(DataSource ds, String tenant, Map<String, RatingPlan> parsedCache) {
        this.unit = new UnitOfWork(Objects.requireNonNull(ds));
        this.tenant = Objects.requireNonNull(tenant);
        this.parsed = parsedCache;
    }

    public JdbcPlanRepository(DataSource ds, String tenant) {
        this(ds, tenant, new ConcurrentHashMap<>());
    }

    @Override
    public Optional<StoredPlan> find(PlanKey key) {
        List<StoredPlan> l = query("SELECT " + COLUMNS + " FROM pricing_plan WHERE tenant = ? AND plan_id = ? AND version = ?",
                ps -> {
                    ps.setString(2, key.planId());
                    ps.setInt(3, key.version());
                });
        return l.stream().findFirst();
    }

    @Override
    public List<StoredPlan> all() {
        return query("SELECT " + COLUMNS + " FROM pricing_plan WHERE tenant = ? ORDER BY plan_id, version", ps -> { });
    }

    /** The versions of one plan id, oldest first. */
    public List<StoredPlan> versions(String planId) {
        return query("SELECT " + COLUMNS + " FROM pricing_plan WHERE tenant = ? AND plan_id = ? ORDER BY version",
                ps -> ps.setString(2, planId));
    }

    /** One page of the tenant's plan ids, in id order. */
    public List<String> planIds(int offset, int limit) {
        try {
            return onConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT plan_id FROM pricing_plan WHERE tenant = ? "
                        + "ORDER BY plan_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    ps.setString(1, tenant);
                    ps.setInt(2, offset);
                    ps.setInt(3, limit);
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(rs.getString(1));
                    }
                    return out;
                }
            });
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read plans of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    /** How many plan ids the tenant has. */
    public long planCount() {
        return count("SELECT COUNT(DISTINCT plan_id) FROM pricing_plan WHERE tenant = ?", ps -> { });
    }

    /** Every version of the given plan ids, by plan id then version. */
    public List<StoredPlan> versionsOf(List<String> planIds) {
        if (planIds.isEmpty()) return List.of();
        String marks = String.join(", ", java.util.Collections.nCopies(planIds.size(), "?"));
        return query("SELECT " + COLUMNS + " FROM pricing_plan WHERE tenant = ? AND plan_id IN (" + marks + ") ORDER BY plan_id, version",
                ps -> {
                    for (int i = 0; i < planIds.size(); i++) ps.setString(i + 2, planIds.get(i));
                });
    }

    /** One page of the versions of one plan id, oldest first. */
    public List<StoredPlan> versions(String planId, int offset, int limit) {
        return query("SELECT " + COLUMNS + " FROM pricing_plan WHERE tenant = ? AND plan_id = ? ORDER BY version "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ps -> {
                    ps.setString(2, planId);
                    ps.setInt(3, offset);
                    ps.setInt(4, limit);
                });
    }

    /** How many versions one plan id has (0: no such plan in the tenant). */
    public long versionCount(String planId) {
        return count("SELECT COUNT(*) FROM pricing_plan WHERE tenant = ? AND plan_id = ?", ps -> ps.setString(2, planId));
    }

    private long count(String sql, Binder binder) {
        try {
            return onConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, tenant);
                    binder.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0L;
                    }
                }
            });
        } catch (SQLException e) {
            throw new PricingStoreException("cannot count plans of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(StoredPlan p) {
        RatingPlan d = p.document();
        String json = PlanDocumentWriter.toJson(d);
        try {
            inUnit(c -> {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE pricing_plan SET status = ?, product_line = ?, jurisdiction = ?, "
                        + "currency = ?, effective_from = ?, author = ?, saved_at = ?, approver = ?, approved_at = ?, retired_on = ?, "
                        + "document = ? WHERE tenant = ? AND plan_id = ? AND version = ?")) {
                    int i = bind(ps, p, d, json);
                    ps.setString(i++, tenant);
                    ps.setString(i++, d.key().planId());
                    ps.setInt(i, d.key().version());
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO pricing_plan (status, product_line, jurisdiction, "
                            + "currency, effective_from, author, saved_at, approver, approved_at, retired_on, document, tenant, plan_id, "
                            + "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        int i = bind(ps, p, d, json);
                        ps.setString(i++, tenant);
                        ps.setString(i++, d.key().planId());
                        ps.setInt(i, d.key().version());
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                // two saves of the same new version raced: the loser is told, as for any lifecycle conflict
                throw new PlanLifecycleException("plan " + d.key() + " was saved concurrently by someone else; reload and retry");
            }
            throw new PricingStoreException("cannot store plan " + d.key() + " of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(PlanKey key) {
        int deleted;
        try {
            deleted = onConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM pricing_plan WHERE tenant = ? AND plan_id = ? AND version = ? AND status = ?")) {
                    ps.setString(1, tenant);
                    ps.setString(2, key.planId());
                    ps.setInt(3, key.version());
                    ps.setString(4, PlanStatus.DRAFT.name()); // never an approved version, even if it was approved meanwhile
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new PricingStoreException("cannot delete plan " + key + " of tenant " + tenant + ": " + e.getMessage(), e);
        }
        if (deleted == 0) throw new PlanLifecycleException("plan " + key + " is no longer a draft of tenant " + tenant);
    }

    @Override
    public <T> T atomically(String planId, Supplier<T> work) {
        try {
            return unit.run(c -> {
                try (PreparedStatement lock = c.prepareStatement(
                        "SELECT version FROM pricing_plan WHERE tenant = ? AND plan_id = ? FOR UPDATE")) {
                    lock.setString(1, tenant);
                    lock.setString(2, planId);
                    try (ResultSet rs = lock.executeQuery()) {
                        while (rs.next()) {
                            // every version row is now held until commit
                        }
                    }
                }
                return null;
            }, work);
        } catch (SQLException e) {
            throw new PricingStoreException("cannot change plan " + planId + " of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} on the thread's unit, or on a connection of its own (auto-commit) outside one. */
    private <T> T onConnection(UnitOfWork.Sql<T> sql) throws SQLException {
        return unit.withConnection(sql);
    }

    /** Runs {@code sql} on the thread's unit, or in a transaction of its own outside one. */
    private <T> T inUnit(UnitOfWork.Sql<T> sql) throws SQLException {
        return unit.inTransaction(sql);
    }

    private static int bind(PreparedStatement ps, StoredPlan p, RatingPlan d, String json) throws SQLException {
        int i = 1;
        ps.setString(i++, p.status().name());
        ps.setString(i++, d.productLine());
        ps.setString(i++, d.jurisdiction() == null ? null : d.jurisdiction().toString());
        ps.setString(i++, d.currency());
        ps.setObject(i++, d.effectiveFrom());
        ps.setString(i++, p.author());
        ps.setObject(i++, utc(p.savedAt()));
        ps.setString(i++, p.approver());
        ps.setObject(i++, utc(p.approvedAt()));
        ps.setObject(i++, p.retiredOn());
        ps.setString(i++, json);
        return i;
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredPlan> query(String sql, Binder binder) {
        try {
            return onConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, tenant);
                    binder.bind(ps);
                    List<StoredPlan> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(row(rs));
                    }
                    return out;
                }
            });
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read plans of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    private StoredPlan row(ResultSet rs) throws SQLException {
        String planId = rs.getString(1);
        int version = rs.getInt(2);
        Instant savedAt = rs.getObject(5, OffsetDateTime.class).toInstant();
        OffsetDateTime approvedAt = rs.getObject(7, OffsetDateTime.class);
        String cacheKey = tenant + '\u0000' + planId + '\u0000' + version + '\u0000' + savedAt;
        String json = rs.getString(9);
        if (parsed.size() > MAX_CACHED) parsed.clear(); // re-saved drafts leave stale entries behind
        RatingPlan doc = parsed.computeIfAbsent(cacheKey, k -> PlanDocumentReader.parse(json));
        return new StoredPlan(doc, PlanStatus.valueOf(rs.getString(3)), rs.getString(4), savedAt, rs.getString(6),
                approvedAt == null ? null : approvedAt.toInstant(), rs.getObject(8, LocalDate.class));
    }
}
