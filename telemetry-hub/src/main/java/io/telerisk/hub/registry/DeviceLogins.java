package io.telerisk.hub.registry;

import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.model.topic.Topic;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MQTT logins of devices ({@link JdbcDeviceRegistry#authenticate}): credential rows cached {@code positiveTtl}, unknown
 * usernames remembered {@code negativeTtl} (bounded, see {@link RecentMisses}), salted hashes compared in constant
 * time. The registry drops an entry when the device changes ({@link #invalidate}).
 */
final class DeviceLogins {
    /** Longest password we bother hashing; device tokens are 43 characters. */
    private static final int MAX_PASSWORD_LENGTH = 512;

    private record CachedCredential(RegisteredDevice device, byte[] salt, byte[] hash, long loadedNanos) {
    }

    private final DataSource dataSource;
    private final long positiveTtlNanos;
    private final ConcurrentHashMap<String, CachedCredential> credentials = new ConcurrentHashMap<>();
    private final RecentMisses<String> unknownUsernames;

    DeviceLogins(DataSource dataSource, long positiveTtlNanos, long negativeTtlNanos, int maxRememberedMisses) {
        this.dataSource = dataSource;
        this.positiveTtlNanos = positiveTtlNanos;
        this.unknownUsernames = new RecentMisses<>(maxRememberedMisses, negativeTtlNanos);
    }

    /** See {@link DeviceRegistry#authenticate}. Blocking on a cache miss. */
    Optional<RegisteredDevice> authenticate(String username, String password) {
        if (username == null || password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        int slash = username.indexOf('/');
        if (slash < 0) return Optional.empty();
        String tenant = username.substring(0, slash);
        String deviceId = username.substring(slash + 1);
        if (!Topic.isValidSegment(tenant) || !Topic.isValidSegment(deviceId)) return Optional.empty();

        long now = System.nanoTime();
        CachedCredential cached = credentials.get(username);
        if (cached == null || now - cached.loadedNanos() > positiveTtlNanos) {
            cached = unknownUsernames.contains(username, now) ? new CachedCredential(null, null, null, now)
                    : loadCredential(tenant, deviceId, now);
            if (cached.device() != null) {
                credentials.put(username, cached);
            } else {
                credentials.remove(username);
                unknownUsernames.remember(username, now);
            }
        }
        if (cached.device() == null) {
            // Hash anyway so unknown and known usernames take about the same time.
            TokenHasher.hash(new byte[16], password);
            return Optional.empty();
        }
        return TokenHasher.matches(cached.salt(), cached.hash(), password) ? Optional.of(cached.device()) : Optional.empty();
    }

    /** Forgets the cached login of {@code username} ({@code tenant/deviceId}). */
    void invalidate(String username) {
        credentials.remove(username);
        unknownUsernames.forget(username);
    }

    void clear() {
        credentials.clear();
        unknownUsernames.clear();
    }

    /** Cached credential rows and remembered unknown usernames. */
    int cachedEntries() {
        return credentials.size() + unknownUsernames.size();
    }

    private CachedCredential loadCredential(String tenant, String deviceId, long now) {
        String sql = "SELECT d.tenant, d.device_id, d.device_type, d.display_name, d.registered_at, d.state, c.salt, c.token_hash "
                + "FROM registered_device d JOIN device_credential c ON c.tenant = d.tenant AND c.device_id = d.device_id "
                + "WHERE d.tenant = ? AND d.device_id = ? AND d.state = 'active'"; // a disabled device has no working credential
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new CachedCredential(null, null, null, now);
                return new CachedCredential(JdbcDeviceRegistry.device(rs), TokenHasher.decode(rs.getString("salt")),
                        TokenHasher.decode(rs.getString("token_hash")), now);
            }
        } catch (SQLException e) {
            throw JdbcDeviceRegistry.unavailable("authenticate " + tenant + "/" + deviceId, e);
        }
    }
}
