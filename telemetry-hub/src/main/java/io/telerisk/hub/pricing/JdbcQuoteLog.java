package io.telerisk.hub.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.QuoteJson;
import io.telerisk.pricing.rating.QuoteLine;
import io.telerisk.pricing.rating.QuoteLog;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link QuoteLog} over table {@code pricing_quote}: each issued quote with the plan version it used, the device
 * and period it priced and who asked, plus its full JSON explanation ({@link QuoteJson}). One instance serves one
 * request context (tenant, device, period, user), because the port's {@code record(Quote)} carries only the quote.
 */
public final class JdbcQuoteLog implements QuoteLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the quote was for, beyond the quote itself. */
    public record Context(String tenant, String deviceId, LocalDate from, LocalDate toExclusive, String quotedBy) {
        public Context {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(toExclusive, "toExclusive");
            Objects.requireNonNull(quotedBy, "quotedBy");
        }
    }

    /** A logged quote as stored: id, when, context and the quote's JSON text. */
    public record Logged(long id, OffsetDateTime quotedAt, String policyId, String deviceId, LocalDate from,
                         LocalDate toExclusive, PlanKey plan, String quotedBy, String quoteJson) {
    }

    private final DataSource ds;
    private final Context context;
    private final Clock clock;
    private volatile long lastId = -1;

    public JdbcQuoteLog(DataSource ds, Context context, Clock clock) {
        this.ds = Objects.requireNonNull(ds);
        this.context = Objects.requireNonNull(context);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public void record(Quote q) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO pricing_quote (tenant, "
                + "policy_id, device_id, period_from, period_to, plan_id, plan_version, currency, total_premium, quoted_by, "
                + "quoted_at, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
            ps.setString(1, context.tenant());
            ps.setString(2, q.policyId());
            ps.setString(3, context.deviceId());
            ps.setObject(4, context.from());
            ps.setObject(5, context.toExclusive());
            ps.setString(6, q.plan().planId());
            ps.setInt(7, q.plan().version());
            ps.setString(8, q.currency());
            ps.setBigDecimal(9, q.totalPremium());
            ps.setString(10, context.quotedBy());
            ps.setObject(11, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(12, QuoteJson.toJson(q));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (keys.next()) lastId = keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot log quote of policy " + q.policyId() + ": " + e.getMessage(), e);
        }
    }

    /** Id of the row the last {@link #record} wrote, -1 before any. */
    public long lastId() {
        return lastId;
    }

    @Override
    public List<Quote> forPolicy(String policyId) {
        List<Quote> out = new ArrayList<>();
        for (Logged l : logged(ds, context.tenant(), policyId, 0, Integer.MAX_VALUE)) out.add(parse(l.quoteJson()));
        return out;
    }

    /** How many quotes are logged for a policy of a tenant. */
    public static long countOf(DataSource ds, String tenant, String policyId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM pricing_quote WHERE tenant = ? AND policy_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, policyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot count quotes of policy " + policyId + ": " + e.getMessage(), e);
        }
    }

    /** Quotes logged for a policy of a tenant, oldest first: a page of at most {@code limit} from {@code offset}. */
    public static List<Logged> logged(DataSource ds, String tenant, String policyId, int offset, int limit) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, quoted_at, policy_id, "
                + "device_id, period_from, period_to, plan_id, plan_version, quoted_by, quote FROM pricing_quote "
                + "WHERE tenant = ? AND policy_id = ? ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setString(1, tenant);
            ps.setString(2, policyId);
            ps.setInt(3, offset);
            ps.setInt(4, limit);
            List<Logged> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Logged(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                            new PlanKey(rs.getString(7), rs.getInt(8)), rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read quotes of policy " + policyId + ": " + e.getMessage(), e);
        }
    }

    /** Rebuilds a quote from its logged JSON (the inverse of {@link QuoteJson#toJson}). */
    static Quote parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<QuoteLine> lines = new ArrayList<>();
            for (JsonNode l : n.get("lines")) {
                JsonNode in = l.get("input");
                double value = in != null && in.isNumber() ? in.asDouble() : Double.NaN;
                String level = in != null && in.isTextual() ? in.asText() : null;
                BigDecimal effect = new BigDecimal(l.get("effect").asText());
                lines.add(new QuoteLine(QuoteLine.Step.valueOf(l.get("step").asText()), l.get("variable").asText(), value, level,
                        l.get("bandOrTerm").asText(), l.get("relativity").asDouble(), effect.unscaledValue().longValueExact(),
                        effect.scale()));
            }
            JsonNode t = n.get("telematics");
            return new Quote(n.get("policyId").asText(), new PlanKey(n.get("planId").asText(), n.get("planVersion").asInt()),
                    n.get("currency").asText(), n.get("periodDays").asDouble(), lines, new BigDecimal(n.get("netPremium").asText()),
                    new BigDecimal(n.get("fees").asText()), new BigDecimal(n.get("taxes").asText()),
                    new BigDecimal(n.get("totalPremium").asText()), t.get("rawRelativity").asDouble(), t.get("credibility").asDouble(),
                    t.get("adjustment").asDouble(), Quote.Limit.valueOf(t.get("limit").asText()),
                    n.get("minimumPremiumApplied").asBoolean(), n.has("wellnessTier") ? n.get("wellnessTier").asText() : null,
                    n.has("expectedClaimFrequency") ? n.get("expectedClaimFrequency").asDouble() : Double.NaN,
                    n.has("scoreModel") ? n.get("scoreModel").asText() : null);
        } catch (IOException | RuntimeException e) {
            throw new PricingStoreException("logged quote is not readable: " + e.getMessage(), e);
        }
    }
}
