package io.telerisk.hub.auth;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The token signing keys in the system of record (table {@code token_signing_key}, migration V23), so that every hub
 * on one database signs and verifies with the same keys: a token from one hub works on all of them. The secret is never
 * in the repository, the configuration or a data directory. Blocking (JDBC).
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /**
     * Every key, newest first; on an empty table one is generated (256 random bits). Two hubs starting at once
     * on an empty database both try to insert the same first key id: the loser's insert fails on the primary key and
     * it reads the winner's key, so they always agree.
     */
    public static List<SigningKey> loadOrCreate(DataSource dataSource, Clock clock) {
        try (Connection c = dataSource.getConnection()) {
            List<SigningKey> keys = load(c);
            if (!keys.isEmpty()) return keys;
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO token_signing_key (key_id, secret, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, "k1");
                ps.setString(2, secret);
                ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw e; // another hub created it first: use theirs
            }
            keys = load(c);
            if (keys.isEmpty()) throw new IllegalStateException("no token signing key after creating one");
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or create the token signing keys: " + e.getMessage(), e);
        }
    }

    private static List<SigningKey> load(Connection c) throws SQLException {
        List<SigningKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key_id, secret, created_at FROM token_signing_key ORDER BY created_at DESC, key_id DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
                out.add(new SigningKey(rs.getString("key_id"), rs.getString("secret"), created));
            }
        }
        return out;
    }
}
