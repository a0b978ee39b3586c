package io.telerisk.hub.agri;

import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.telerisk.agri.loan.LoanRepository;
import io.vertx.core.json.JsonObject;

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
import java.util.Optional;

/**
 * {@link LoanRepository} on table {@code agri_loan_decision} (V50): key columns for the queries, the whole decision
 * as a JSON document. The primary key (tenant, application id) makes "first decision wins" hold across threads and
 * hubs: a second insert fails with a unique violation (SQLSTATE 23505 on H2 and PostgreSQL) and is ignored.
 */
public final class JdbcLoanRepository implements LoanRepository {
    private final DataSource ds;

    public JdbcLoanRepository(DataSource ds) {
        this.ds = Objects.requireNonNull(ds, "ds");
    }

    @Override
    public void save(LoanDecision d) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO agri_loan_decision (tenant, application_id, device_id, field_id, "
                     + "outcome, reason_code, amount_requested, approved_amount, currency, decided_at, document) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, d.tenant());
            ps.setString(2, d.applicationId());
            ps.setString(3, d.deviceId());
            ps.setString(4, d.fieldId());
            ps.setString(5, d.outcome().name());
            ps.setString(6, d.reasonCode());
            ps.setBigDecimal(7, d.amountRequested());
            ps.setBigDecimal(8, d.approvedAmount());
            ps.setString(9, d.currency().getCurrencyCode());
            ps.setObject(10, OffsetDateTime.ofInstant(d.decidedAt(), ZoneOffset.UTC));
            ps.setString(11, AgriJson.decision(d).encode());
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return; // already decided: the first decision stands
            throw new AgriStoreException("cannot record loan decision " + d.applicationId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LoanDecision> findByApplication(String tenant, String applicationId) {
        List<LoanDecision> r = query("WHERE tenant = ? AND application_id = ?", tenant, applicationId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public List<LoanDecision> approvedForField(String tenant, String fieldId) {
        return query("WHERE tenant = ? AND field_id = ? AND outcome = ? ORDER BY decided_at, application_id", tenant, fieldId,
                LoanOutcome.APPROVE.name());
    }

    @Override
    public List<LoanDecision> approved(String tenant, Instant asOf) {
        return query("WHERE tenant = ? AND outcome = ? AND decided_at <= ? ORDER BY decided_at, application_id", tenant,
                LoanOutcome.APPROVE.name(), OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
    }

    /** Decisions of a tenant (optionally of one device), newest first. */
    public List<LoanDecision> list(String tenant, String deviceId, int limit) {
        return deviceId == null
                ? query("WHERE tenant = ? ORDER BY decided_at DESC, application_id LIMIT " + limit, tenant)
                : query("WHERE tenant = ? AND device_id = ? ORDER BY decided_at DESC, application_id LIMIT " + limit, tenant, deviceId);
    }

    private List<LoanDecision> query(String where, Object... args) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT document FROM agri_loan_decision " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<LoanDecision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(AgriJson.decisionFrom(new JsonObject(rs.getString(1))));
            }
            return out;
        } catch (SQLException e) {
            throw new AgriStoreException("cannot read loan decisions: " + e.getMessage(), e);
        }
    }
}
