package io.telerisk.hub.claims;

import io.telerisk.claims.ledger.AuditLedgerStore;
import io.telerisk.claims.ledger.LedgerEntry;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditLedgerStore} on the system of record (table {@code claims_ledger}, V60; head in
 * {@code claims_ledger_head}, V61): one row per entry, keyed by its sequence, read back in sequence order. The
 * instant and the amount are stored as the exact text that was hashed, so a row that nobody touched recomputes to
 * its hash, and any edit in SQL does not. {@link #head()} locks the head row ({@code SELECT ... FOR UPDATE}) in the
 * caller's transaction, so appenders on every hub take turns and continue one chain. Insert-only. Blocking.
 */
final class JdbcAuditLedgerStore implements AuditLedgerStore {
    private static final String COLUMNS = "seq, claim_id, at_text, from_state, to_state, actor, reason_code, amount_text, detail, previous_hash, hash";
    /** Rows the database sends at a time to an export's cursor. */
    static final int EXPORT_FETCH_SIZE = 500;
    private final JdbcTransactions tx;

    JdbcAuditLedgerStore(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Head head() {
        try {
            return tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM claims_ledger_head WHERE id = 1 FOR UPDATE");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("the claims ledger head row is missing (migration V61)");
                    return new Head(rs.getLong(1), rs.getString(2).trim());
                }
            });
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the claims ledger head: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void append(LedgerEntry e) {
        try {
            tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO claims_ledger (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, e.sequence());
                    ps.setString(2, e.claimId());
                    ps.setString(3, e.at().toString());
                    ps.setString(4, e.fromState());
                    ps.setString(5, e.toState());
                    ps.setString(6, e.actor());
                    ps.setString(7, e.reasonCode());
                    ps.setString(8, e.amount() == null ? null : e.amount().toPlainString());
                    ps.setString(9, e.detail());
                    ps.setString(10, e.previousHash());
                    ps.setString(11, e.hash());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE claims_ledger_head SET seq = ?, hash = ? WHERE id = 1")) {
                    ps.setLong(1, e.sequence());
                    ps.setString(2, e.hash());
                    if (ps.executeUpdate() != 1) throw new IllegalStateException("the claims ledger head row is missing (migration V61)");
                }
                return null;
            });
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot append ledger entry " + e.sequence() + " of claim " + e.claimId() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public List<LedgerEntry> readAll() {
        return query("SELECT " + COLUMNS + " FROM claims_ledger ORDER BY seq");
    }

    @Override
    public List<LedgerEntry> byClaim(String claimId) {
        return query("SELECT " + COLUMNS + " FROM claims_ledger WHERE claim_id = ? ORDER BY seq", claimId);
    }

    @Override
    public List<LedgerEntry> page(long fromSequence, int limit) {
        return query("SELECT " + COLUMNS + " FROM claims_ledger WHERE seq >= ? ORDER BY seq LIMIT " + Math.max(0, limit), fromSequence);
    }

    /** The tenant's share of the ledger (entries of its claims) in sequence order: {@code limit} entries after skipping {@code offset}. */
    List<LedgerEntry> pageOfClaimsOf(String tenant, long offset, int limit) {
        return query("SELECT " + COLUMNS.replaceAll("(\\w+)", "l.$1") + " FROM claims_ledger l JOIN claims_claim c ON c.claim_id = l.claim_id "
                + "WHERE c.tenant = ? ORDER BY l.seq LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset), tenant);
    }

    /**
     * Hands every entry of the tenant's claims to {@code each}, in sequence order, as the cursor reads them: one query
     * in one read transaction with a fetch size, so PostgreSQL sends the rows {@value #EXPORT_FETCH_SIZE} at a time
     * (a portal; auto-commit off is what makes the driver use one) and nothing holds the whole result (exports).
     *
     * @return how many entries were read
     */
    long forEachOfClaimsOf(String tenant, java.util.function.Consumer<LedgerEntry> each) {
        return tx.inTransaction(() -> {
            try {
                return tx.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.replaceAll("(\\w+)", "l.$1")
                            + " FROM claims_ledger l JOIN claims_claim c ON c.claim_id = l.claim_id WHERE c.tenant = ? ORDER BY l.seq",
                            ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                        ps.setFetchSize(EXPORT_FETCH_SIZE);
                        ps.setString(1, tenant);
                        long n = 0;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                each.accept(read(rs));
                                n++;
                            }
                        }
                        return n;
                    }
                });
            } catch (SQLException ex) {
                throw new IllegalStateException("cannot read the claims ledger: " + ex.getMessage(), ex);
            }
        });
    }

    /** How many entries belong to the tenant's claims. */
    long countOf(String tenant) {
        try {
            return tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM claims_ledger l JOIN claims_claim c ON c.claim_id = l.claim_id WHERE c.tenant = ?")) {
                    ps.setString(1, tenant);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot count the claims ledger: " + ex.getMessage(), ex);
        }
    }

    private List<LedgerEntry> query(String sql, Object... args) {
        try {
            return tx.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<LedgerEntry> out = new ArrayList<>();
                        while (rs.next()) out.add(read(rs));
                        return out;
                    }
                }
            });
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the claims ledger: " + ex.getMessage(), ex);
        }
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        String amountText = rs.getString(8);
        String hash = rs.getString(11).trim();
        Instant at;
        BigDecimal amount;
        try {
            at = Instant.parse(rs.getString(3));
            amount = amountText == null ? null : new BigDecimal(amountText);
        } catch (RuntimeException unreadable) {
            // a row edited into nonsense: keep it in the chain with a hash it cannot match, so verify() names it
            at = Instant.EPOCH;
            amount = null;
            hash = "unreadable:" + hash;
        }
        return new LedgerEntry(rs.getLong(1), rs.getString(2), at, rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), amount, rs.getString(9), rs.getString(10).trim(), hash);
    }
}
