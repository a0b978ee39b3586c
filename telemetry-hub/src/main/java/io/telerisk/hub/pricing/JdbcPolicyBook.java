package io.telerisk.hub.pricing;

import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The tenant's policy book in table {@code pricing_policy}: what impact analysis re-rates, one book per product line
 * (a motor impact run never sees wellness policies). Each policy has its product line, declared rating inputs (a
 * JSON object of plan variables), optionally the device whose summaries price it, the telematics adjustment of its
 * last renewal and its current premium.
 */
public final class JdbcPolicyBook {
    /** One policy of the book; the product line is kept lower-case (plan selection ignores case too). */
    public record Policy(String policyId, String productLine, String deviceId, Map<String, Object> ratingInputs,
                         Double priorAdjustment, BigDecimal currentPremium, Instant updatedAt) {
        public Policy {
            Objects.requireNonNull(policyId, "policyId");
            productLine = productLine == null ? null : productLine.toLowerCase(Locale.ROOT);
            ratingInputs = Map.copyOf(ratingInputs);
        }
    }

    private static final String COLUMNS = "policy_id, product_line, device_id, rating_inputs, prior_adjustment, current_premium, updated_at";

    private final DataSource ds;

    public JdbcPolicyBook(DataSource ds) {
        this.ds = Objects.requireNonNull(ds);
    }

    /** Inserts or replaces policies of a tenant in one transaction. */
    public void upsert(String tenant, List<Policy> policies) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE pricing_policy SET product_line = ?, device_id = ?, rating_inputs = ?, "
                    + "prior_adjustment = ?, current_premium = ?, updated_at = ? WHERE tenant = ? AND policy_id = ?");
                 PreparedStatement in = c.prepareStatement("INSERT INTO pricing_policy (product_line, device_id, rating_inputs, "
                         + "prior_adjustment, current_premium, updated_at, tenant, policy_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Policy p : policies) {
                    bind(up, tenant, p);
                    if (up.executeUpdate() == 0) {
                        bind(in, tenant, p);
                        in.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot store policies of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, String tenant, Policy p) throws SQLException {
        ps.setString(1, p.productLine());
        ps.setString(2, p.deviceId());
        ps.setString(3, new JsonObject(p.ratingInputs()).encode());
        if (p.priorAdjustment() == null) ps.setNull(4, Types.DOUBLE);
        else ps.setDouble(4, p.priorAdjustment());
        ps.setBigDecimal(5, p.currentPremium());
        ps.setObject(6, OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC));
        ps.setString(7, tenant);
        ps.setString(8, p.policyId());
    }

    /**
     * Policies of a tenant ordered by id, a page of them: of one product line (case-insensitive), or of every line
     * when {@code productLine} is null.
     */
    public List<Policy> list(String tenant, String productLine, int offset, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM pricing_policy WHERE tenant = ?" + (productLine == null ? "" : " AND product_line = ?")
                + " ORDER BY policy_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            if (productLine != null) ps.setString(i++, productLine.toLowerCase(Locale.ROOT));
            ps.setInt(i++, offset);
            ps.setInt(i, limit);
            List<Policy> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double prior = rs.getDouble(5);
                    Double priorOrNull = rs.wasNull() ? null : prior;
                    out.add(new Policy(rs.getString(1), rs.getString(2), rs.getString(3), new JsonObject(rs.getString(4)).getMap(),
                            priorOrNull, rs.getBigDecimal(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read policies of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    /** How many policies the tenant has in one product line, or in all when {@code productLine} is null. */
    public long count(String tenant, String productLine) {
        String sql = "SELECT COUNT(*) FROM pricing_policy WHERE tenant = ?" + (productLine == null ? "" : " AND product_line = ?");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            if (productLine != null) ps.setString(2, productLine.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot count policies of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }
}
