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
import java.util.Map;
import java.util.Objects;

/**
 * The tenant's policy book in table {@code pricing_policy}: what impact analysis re-rates. Each policy has its
 * declared rating inputs (a JSON object of plan variables), optionally the device whose summaries price it, the
 * telematics adjustment of its last renewal and its current premium.
 */
public final class JdbcPolicyBook {
    /** One policy of the book. */
    public record Policy(String policyId, String deviceId, Map<String, Object> ratingInputs, Double priorAdjustment,
                         BigDecimal currentPremium, Instant updatedAt) {
        public Policy {
            Objects.requireNonNull(policyId, "policyId");
            ratingInputs = Map.copyOf(ratingInputs);
        }
    }

    private final DataSource ds;

    public JdbcPolicyBook(DataSource ds) {
        this.ds = Objects.requireNonNull(ds);
    }

    /** Inserts or replaces policies of a tenant in one transaction. */
    public void upsert(String tenant, List<Policy> policies) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE pricing_policy SET device_id = ?, rating_inputs = ?, "
                    + "prior_adjustment = ?, current_premium = ?, updated_at = ? WHERE tenant = ? AND policy_id = ?");
                 PreparedStatement in = c.prepareStatement("INSERT INTO pricing_policy (device_id, rating_inputs, prior_adjustment, "
                         + "current_premium, updated_at, tenant, policy_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
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
        ps.setString(1, p.deviceId());
        ps.setString(2, new JsonObject(p.ratingInputs()).encode());
        if (p.priorAdjustment() == null) ps.setNull(3, Types.DOUBLE);
        else ps.setDouble(3, p.priorAdjustment());
        ps.setBigDecimal(4, p.currentPremium());
        ps.setObject(5, OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC));
        ps.setString(6, tenant);
        ps.setString(7, p.policyId());
    }

    /** Policies of a tenant ordered by id, at most {@code limit}. */
    public List<Policy> list(String tenant, int limit) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT policy_id, device_id, "
                + "rating_inputs, prior_adjustment, current_premium, updated_at FROM pricing_policy WHERE tenant = ? ORDER BY policy_id")) {
            ps.setString(1, tenant);
            ps.setMaxRows(limit);
            List<Policy> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double prior = rs.getDouble(4);
                    Double priorOrNull = rs.wasNull() ? null : prior;
                    out.add(new Policy(rs.getString(1), rs.getString(2), new JsonObject(rs.getString(3)).getMap(), priorOrNull,
                            rs.getBigDecimal(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read policies of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }
}
