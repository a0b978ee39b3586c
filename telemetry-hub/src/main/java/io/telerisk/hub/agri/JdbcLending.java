package io.telerisk.hub.agri;

import io.telerisk.agri.lending.FourEyes;
import io.telerisk.agri.lending.Payment;
import io.telerisk.agri.lending.ReferralReason;
import io.telerisk.agri.lending.Verdict;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The credit officer's desk in the system of record (tables of V51): desk policy, referral reviews, disbursements,
 * payments and linked covers. A referral decision runs in one transaction that locks the decision row
 * ({@code SELECT … FOR UPDATE}), so two officers deciding at once, on one hub or two, are serialised and four-eyes
 * holds; unique keys make a disbursement, a payment reference or a cover link count once.
 */
public final class JdbcLending {
    private final DataSource ds;

    public JdbcLending(DataSource ds) {
        this.ds = Objects.requireNonNull(ds, "ds");
    }

    /** A disbursement. */
    public record Disbursement(BigDecimal amount, LocalDate disbursedOn, String reference, String recordedBy, Instant recordedAt) {
    }

    /** A crop cover linked to a loan, the lender being its loss payee. */
    public record CoverLink(String applicationId, String coverId, String insurer, String linkedBy, Instant linkedAt) {
        /** The assignment as the lending domain rules on it: the cover and the day (UTC) of the link. */
        public io.telerisk.agri.lending.LossPayeeAssignment assignment() {
            return new io.telerisk.agri.lending.LossPayeeAssignment(coverId, linkedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
    }

    /** Thrown when a unique key says the thing already exists. */
    public static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded(String message) {
            super(message);
        }
    }

    // ---- policy ----

    public Optional<BigDecimal> fourEyesAbove(String tenant) {
        return one("SELECT four_eyes_above FROM agri_lending_policy WHERE tenant = ?", rs -> rs.getBigDecimal(1), tenant);
    }

    public void setFourEyesAbove(String tenant, BigDecimal amount, String by, Instant at) {
        try (Connection c = ds.getConnection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE agri_lending_policy SET four_eyes_above = ?, updated_by = ?, updated_at = ? WHERE tenant = ?")) {
                ps.setBigDecimal(1, amount);
                ps.setString(2, by);
                ps.setObject(3, ts(at));
                ps.setString(4, tenant);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO agri_lending_policy (tenant, four_eyes_above, updated_by, updated_at) VALUES (?,?,?,?)")) {
                    ps.setString(1, tenant);
                    ps.setBigDecimal(2, amount);
                    ps.setString(3, by);
                    ps.setObject(4, ts(at));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new AgriStoreException("cannot store the lending policy of " + tenant + ": " + e.getMessage(), e);
        }
    }

    // ---- referrals ----

    /** Referred applications still undecided (pending four-eyes included), oldest first. */
    public List<LoanDecision> referrals(String tenant, int offset, int limit) {
        return decisions("WHERE tenant = ? AND outcome = ? ORDER BY decided_at, application_id LIMIT " + limit + " OFFSET " + offset,
                tenant, LoanOutcome.REFER.name());
    }

    public long referralCount(String tenant) {
        return one("SELECT COUNT(*) FROM agri_loan_decision WHERE tenant = ? AND outcome = ?", rs -> rs.getLong(1), tenant,
                LoanOutcome.REFER.name()).orElse(0L);
    }

    public Optional<FourEyes.Review> review(String tenant, String applicationId) {
        try (Connection c = ds.getConnection()) {
            return review(c, tenant, applicationId);
        } catch (SQLException e) {
            throw new AgriStoreException("cannot read review of " + applicationId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decides a referral in one transaction: locks the decision, hands it and its pending review to {@code step},
     * stores the review it returns and, when {@code step} returns a final decision, replaces the referral with it.
     *
     * @param step (referral, pending review) → (review to store or null, new decision or null); may throw to abort
     * @return what {@code step} returned
     */
    public Step decide(String tenant, String applicationId, BiFunction<LoanDecision, Optional<FourEyes.Review>, Step> step) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                LoanDecision d;
                try (PreparedStatement ps = c.prepareStatement("SELECT document FROM agri_loan_decision WHERE tenant = ? AND application_id = ? FOR UPDATE")) {
                    ps.setString(1, tenant);
                    ps.setString(2, applicationId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw AgriProblem.notFound("no loan application " + applicationId);
                        d = AgriJson.decisionFrom(new JsonObject(rs.getString(1)));
                    }
                }
                Step s = step.apply(d, review(c, tenant, applicationId));
                if (s.review() != null) saveReview(c, tenant, applicationId, s.review());
                if (s.decision() != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE agri_loan_decision SET outcome = ?, reason_code = ?, approved_amount = ?, "
                            + "document = ? WHERE tenant = ? AND application_id = ?")) {
                        ps.setString(1, s.decision().outcome().name());
                        ps.setString(2, s.decision().reasonCode());
                        ps.setBigDecimal(3, s.decision().approvedAmount());
                        ps.setString(4, AgriJson.decision(s.decision()).encode());
                        ps.setString(5, tenant);
                        ps.setString(6, applicationId);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return s;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AgriStoreException("cannot decide referral " + applicationId + ": " + e.getMessage(), e);
        }
    }

    /** What a referral decision step produced. */
    public record Step(FourEyes.Review review, LoanDecision decision, Object outcome) {
    }

    private static Optional<FourEyes.Review> review(Connection c, String tenant, String applicationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT verdict, amount, reason_code, note, proposed_by, proposed_at, confirmed_by, "
                + "confirmed_at, decided FROM agri_referral_review WHERE tenant = ? AND application_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, applicationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                FourEyes.Proposal p = new FourEyes.Proposal(Verdict.valueOf(rs.getString(1)), rs.getBigDecimal(2),
                        ReferralReason.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), instant(rs, 6));
                return Optional.of(new FourEyes.Review(p, rs.getString(7), rs.getObject(8) == null ? null : instant(rs, 8), rs.getBoolean(9)));
            }
        }
    }

    private static void saveReview(Connection c, String tenant, String applicationId, FourEyes.Review r) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM agri_referral_review WHERE tenant = ? AND application_id = ?")) {
            del.setString(1, tenant);
            del.setString(2, applicationId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agri_referral_review (tenant, application_id, verdict, amount, reason_code, "
                + "note, proposed_by, proposed_at, confirmed_by, confirmed_at, decided) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            FourEyes.Proposal p = r.proposal();
            ps.setString(1, tenant);
            ps.setString(2, applicationId);
            ps.setString(3, p.verdict().name());
            ps.setBigDecimal(4, p.amount());
            ps.setString(5, p.reason().name());
            ps.setString(6, p.note());
            ps.setString(7, p.officer());
            ps.setObject(8, ts(p.at()));
            ps.setString(9, r.confirmedBy());
            ps.setObject(10, r.confirmedAt() == null ? null : ts(r.confirmedAt()));
            ps.setBoolean(11, r.final_());
            ps.executeUpdate();
        }
    }

    // ---- loans ----

    /** Approved loans of a tenant, oldest first. */
    public List<LoanDecision> approvedLoans(String tenant, int offset, int limit) {
        return decisions("WHERE tenant = ? AND outcome = ? ORDER BY decided_at, application_id LIMIT " + limit + " OFFSET " + offset,
                tenant, LoanOutcome.APPROVE.name());
    }

    public long approvedCount(String tenant) {
        return one("SELECT COUNT(*) FROM agri_loan_decision WHERE tenant = ? AND outcome = ?", rs -> rs.getLong(1), tenant,
                LoanOutcome.APPROVE.name()).orElse(0L);
    }

    public void disburse(String tenant, String applicationId, Disbursement d) {
        update("INSERT INTO agri_loan_disbursement (tenant, application_id, amount, disbursed_on, reference, recorded_by, recorded_at) "
                        + "VALUES (?,?,?,?,?,?,?)", "loan " + applicationId + " is already disbursed",
                tenant, applicationId, d.amount(), Date.valueOf(d.disbursedOn()), d.reference(), d.recordedBy(), ts(d.recordedAt()));
    }

    public Optional<Disbursement> disbursement(String tenant, String applicationId) {
        return one("SELECT amount, disbursed_on, reference, recorded_by, recorded_at FROM agri_loan_disbursement WHERE tenant = ? AND application_id = ?",
                rs -> new Disbursement(rs.getBigDecimal(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4), instant(rs, 5)),
                tenant, applicationId);
    }

    public void addPayment(String tenant, String applicationId, Payment p, String by, Instant at) {
        update("INSERT INTO agri_loan_payment (tenant, payment_id, application_id, amount, paid_on, source, reference, recorded_by, recorded_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?)", "a " + p.source() + " payment with reference '" + p.reference() + "' is already recorded on loan " + applicationId,
                tenant, p.paymentId(), applicationId, p.amount(), Date.valueOf(p.paidOn()), p.source().name(), p.reference(), by, ts(at));
    }

    public List<Payment> payments(String tenant, String applicationId) {
        return many("SELECT payment_id, amount, paid_on, source, reference FROM agri_loan_payment WHERE tenant = ? AND application_id = ? "
                        + "ORDER BY paid_on, payment_id",
                rs -> new Payment(rs.getString(1), rs.getBigDecimal(2), rs.getDate(3).toLocalDate(), Payment.Source.valueOf(rs.getString(4)),
                        rs.getString(5)), tenant, applicationId);
    }

    /** The loan a cover payout of {@code claimId} was applied to (its payment reference is the claim id). */
    public Optional<String> loanPaidByClaim(String tenant, String claimId) {
        return one("SELECT application_id FROM agri_loan_payment WHERE tenant = ? AND source = ? AND reference = ?",
                rs -> rs.getString(1), tenant, Payment.Source.COVER_PAYOUT.name(), claimId);
    }

    public void linkCover(String tenant, CoverLink l) {
        update("INSERT INTO agri_loan_cover (tenant, application_id, cover_id, insurer, linked_by, linked_at) VALUES (?,?,?,?,?,?)",
                "loan " + l.applicationId() + " already has a cover, or cover " + l.coverId() + " is already linked to a loan",
                tenant, l.applicationId(), l.coverId(), l.insurer(), l.linkedBy(), ts(l.linkedAt()));
    }

    public Optional<CoverLink> coverOfLoan(String tenant, String applicationId) {
        return one("SELECT application_id, cover_id, insurer, linked_by, linked_at FROM agri_loan_cover WHERE tenant = ? AND application_id = ?",
                JdbcLending::cover, tenant, applicationId);
    }

    public Optional<CoverLink> loanOfCover(String tenant, String coverId) {
        return one("SELECT application_id, cover_id, insurer, linked_by, linked_at FROM agri_loan_cover WHERE tenant = ? AND cover_id = ?",
                JdbcLending::cover, tenant, coverId);
    }

    private static CoverLink cover(ResultSet rs) throws SQLException {
        return new CoverLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5));
    }

    // ---- plumbing ----

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private List<LoanDecision> decisions(String where, Object... args) {
        return many("SELECT document FROM agri_loan_decision " + where, rs -> AgriJson.decisionFrom(new JsonObject(rs.getString(1))), args);
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> r = many(sql, row, args);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    private <T> List<T> many(String sql, Row<T> row, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new AgriStoreException("cannot read the lending desk: " + e.getMessage(), e);
        }
    }

    private void update(String sql, String duplicate, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) throw new AlreadyRecorded(duplicate);
            throw new AgriStoreException("cannot write the lending desk: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }
}
