package io.telerisk.hub.claims;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Files sent for a claim (table {@code claims_attachment}, V61): the bytes, their SHA-256 (also written to the
 * claim's ledger entry, so a file swapped later no longer matches) and who sent them when. Blocking.
 */
final class ClaimAttachments {
    /** Largest file accepted. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /** A stored file's description. */
    record Attachment(String attachmentId, String claimId, String filename, String contentType, int sizeBytes, String sha256,
                      String submittedBy, Instant submittedAt) {
    }

    private final DataSource dataSource;
    private final JdbcTransactions tx;

    ClaimAttachments(DataSource dataSource, JdbcTransactions tx) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** Stores a file in the caller's transaction (the one that writes the ledger entry naming it). */
    void store(Attachment a, String tenant, byte[] content) {
        try {
            tx.withConnection(c -> {
                insert(c, a, tenant, content);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store attachment " + a.filename() + " of claim " + a.claimId() + ": " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, Attachment a, String tenant, byte[] content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO claims_attachment "
                + "(attachment_id, claim_id, tenant, filename, content_type, size_bytes, sha256, content, submitted_by, submitted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.attachmentId());
            ps.setString(2, a.claimId());
            ps.setString(3, tenant);
            ps.setString(4, a.filename());
            ps.setString(5, a.contentType());
            ps.setInt(6, a.sizeBytes());
            ps.setString(7, a.sha256());
            ps.setBytes(8, content);
            ps.setString(9, a.submittedBy());
            ps.setObject(10, JdbcClaimRepository.utc(a.submittedAt()));
            ps.executeUpdate();
        }
    }

    List<Attachment> of(String tenant, String claimId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT attachment_id, claim_id, filename, "
                + "content_type, size_bytes, sha256, submitted_by, submitted_at FROM claims_attachment WHERE tenant = ? AND claim_id = ? "
                + "ORDER BY submitted_at, attachment_id")) {
            ps.setString(1, tenant);
            ps.setString(2, claimId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Attachment> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Attachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6).trim(), rs.getString(7), rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read attachments of claim " + claimId + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of one file of the tenant's claim. */
    Optional<byte[]> content(String tenant, String claimId, String attachmentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT content FROM claims_attachment WHERE tenant = ? AND claim_id = ? AND attachment_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, claimId);
            ps.setString(3, attachmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read attachment " + attachmentId + ": " + e.getMessage(), e);
        }
    }
}
