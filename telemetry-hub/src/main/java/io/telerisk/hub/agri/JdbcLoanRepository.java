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

    /**
     * One page of a tenant's decisions, newest first: optionally only one device's, and only those on one farmer's
     * fields when {@code farmerId} is not null (the owner filter is in the query, so a page is full and
     * {@link #count} agrees with it).
     */
    public List<LoanDecision> list(String tenant, String deviceId, String farmerId, int offset, int limit) {
        Filter f = Filter.of(tenant, deviceId, farmerId);
        Object[] args = java.util.Arrays.copyOf(f.args(), f.args().length + 2);
        args[args.length - 2] = offset;
        args[args.length - 1] = limit;
        return query(f.where() + " ORDER BY d.decided_at DESC, d.application_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", args);
    }

    /** How many decisions {@link #list} pages through. */
    public long count(String tenant, String deviceId, String farmerId) {
        Filter f = Filter.of(tenant, deviceId, farmerId);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM agri_loan_decision d " + f.where())) {
            for (int i = 0; i < f.args().length; i++) ps.setObject(i + 1, f.args()[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new AgriStoreException("cannot count loan decisions: " + e.getMessage(), e);
        }
    }

    /** The WHERE clause (on alias {@code d}) and its arguments of a listing. */
    private record Filter(String where, Object[] args) {
        static Filter of(String tenant, String deviceId, String farmerId) {
            StringBuilder w = new StringBuilder("WHERE d.tenant = ?");
            List<Object> args = new ArrayList<>(List.of(tenant));
            if (deviceId != null) {
                w.append(" AND d.device_id = ?");
                args.add(deviceId);
            }
            if (farmerId != null) {
                // a decision is the farmer's when its field is theirs (a device can move between fields over the years)
                w.append(" AND EXISTS (SELECT 1 FROM agri_field f WHERE f.tenant = d.tenant AND f.field_id = d.field_id"
                        + " AND f.farmer_id = ?)");
                args.add(farmerId);
            }
            return new Filter(w.toString(), args.toArray());
        }
    }

    private List<LoanDecision> query(String where, Object... args) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.document FROM agri_loan_decision d " + where)) {
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
