package io.telerisk.hub.claims;

import io.telerisk.claims.ledger.AuditLedgerStore;
import io.telerisk.claims.ledger.LedgerEntry;

import javax.sql.DataSource;
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
 * {@link AuditLedgerStore} on the system of record (table {@code claims_ledger}, V60): one row per entry, keyed by
 * its sequence, read back in sequence order. The instant and the amount are stored as the exact text that was
 * hashed, so a row that nobody touched recomputes to its hash, and any edit in SQL does not. Insert-only; the
 * sequence primary key makes a second writer's conflicting append fail rather than fork the chain. Blocking.
 */
public final class JdbcAuditLedgerStore implements AuditLedgerStore {
    private final DataSource dataSource;

    public JdbcAuditLedgerStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void append(LedgerEntry e) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO claims_ledger (seq, claim_id, at_text, from_state, to_state, actor, reason_code, amount_text, detail, "
                        + "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot append ledger entry " + e.sequence() + " of claim " + e.claimId() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public List<LedgerEntry> readAll() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, claim_id, at_text, from_state, to_state, actor, reason_code, amount_text, detail, previous_hash, hash "
                        + "FROM claims_ledger ORDER BY seq")) {
            try (ResultSet rs = ps.executeQuery()) {
                List<LedgerEntry> out = new ArrayList<>();
                while (rs.next()) {
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
                    out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), at, rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), amount, rs.getString(9), rs.getString(10).trim(), hash));
                }
                return out;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the claims ledger: " + ex.getMessage(), ex);
        }
    }
}
