package io.telerisk.hub.registry;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Topic;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device registry in the system of record (tables {@code registered_device} and {@code device_credential},
 * migration V20).
 *
 * <p>Reads used by ingest ({@link #find}, {@link #authenticate}) go through an in-memory cache: positive entries
 * live {@code positiveTtl}, misses {@code negativeTtl} (so a flood of connects with unknown usernames does not
 * become a flood of queries). Writes through this instance invalidate its cache at once; other hub instances see
 * a rotated credential at the latest after {@code positiveTtl}. All methods block (JDBC): call them from a worker.
 */
public final class JdbcDeviceRegistry implements DeviceRegistry {
    /** Longest password we bother hashing; device tokens are 43 characters. */
    private static final int MAX_PASSWORD_LENGTH = 512;

    private final DataSource dataSource;
    private final Clock clock;
    private final long positiveTtlNanos;
    private final long negativeTtlNanos;
    private final ConcurrentHashMap<String, CachedCredential> credentials = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeviceKey, CachedDevice> devices = new ConcurrentHashMap<>();

    private record CachedCredential(RegisteredDevice device, byte[] salt, byte[] hash, long loadedNanos) {
    }

    private record CachedDevice(RegisteredDevice device, long loadedNanos) {
    }

    public JdbcDeviceRegistry(DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    public JdbcDeviceRegistry(DataSource dataSource, Clock clock, Duration positiveTtl, Duration negativeTtl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.positiveTtlNanos = positiveTtl.toNanos();
        this.negativeTtlNanos = negativeTtl.toNanos();
    }

    /**
     * Registers a device.
     *
     * @throws DeviceConflictException  when the tenant already has a device with this id (of any type)
     * @throws IllegalArgumentException when tenant or id are not valid topic segments
     */
    public RegisteredDevice register(DeviceKey key, String displayName) {
        return register(key, displayName, clock.instant());
    }

    /**
     * Registers a device that was installed at {@code installedAt}, e.g. when importing an existing fleet whose
     * devices still hold older telemetry to upload: samples before the registration time are rejected as
     * {@code BEFORE_DEVICE_EXISTED}.
     *
     * @throws DeviceConflictException  when the tenant already has a device with this id (of any type)
     * @throws IllegalArgumentException when tenant or id are not valid topic segments, or installedAt is in the future
     */
    public RegisteredDevice register(DeviceKey key, String displayName, Instant installedAt) {
        requireSegments(key);
        if (installedAt.isAfter(clock.instant())) throw new IllegalArgumentException("installedAt " + installedAt + " is in the future");
        if (displayName != null && displayName.length() > 200) {
            throw new IllegalArgumentException("displayName longer than 200 characters");
        }
        Instant now = installedAt;
        try (Connection c = dataSource.getConnection()) {
            if (loadDevice(c, key.tenant(), key.deviceId()).isPresent()) {
                throw new DeviceConflictException("device " + key.tenant() + "/" + key.deviceId() + " already registered");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO registered_device (tenant, device_id, device_type, display_name, registered_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, key.tenant());
                ps.setString(2, key.deviceId());
                ps.setString(3, key.type().wireName());
                ps.setString(4, displayName);
                SqlTime.set(ps, 5, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            // A concurrent registration of the same id loses on the primary key.
            if (isUniqueViolation(e)) {
                throw new DeviceConflictException("device " + key.tenant() + "/" + key.deviceId() + " already registered");
            }
            throw unavailable("register " + key, e);
        }
        invalidate(key.tenant(), key.deviceId());
        return new RegisteredDevice(key, now, displayName);
    }

    @Override
    public Optional<RegisteredDevice> find(DeviceKey key) {
        long now = System.nanoTime();
        CachedDevice cached = devices.get(key);
        if (cached != null && !expired(cached.device() != null, cached.loadedNanos(), now)) {
            return Optional.ofNullable(cached.device());
        }
        Optional<RegisteredDevice> found;
        try (Connection c = dataSource.getConnection()) {
            found = loadDevice(c, key.tenant(), key.deviceId()).filter(d -> d.key().type() == key.type());
        } catch (SQLException e) {
            throw unavailable("find " + key, e);
        }
        devices.put(key, new CachedDevice(found.orElse(null), now));
        return found;
    }

    /** The device of this tenant with this id, whatever its type. Not cached (used by the API). */
    public Optional<RegisteredDevice> findById(String tenant, String deviceId) {
        try (Connection c = dataSource.getConnection()) {
            return loadDevice(c, tenant, deviceId);
        } catch (SQLException e) {
            throw unavailable("find " + tenant + "/" + deviceId, e);
        }
    }

    /** Devices of a tenant ordered by id, optionally of one type, paged. */
    public List<RegisteredDevice> list(String tenant, DeviceType type, int limit, int offset) {
        String sql = "SELECT tenant, device_id, device_type, display_name, registered_at FROM registered_device WHERE tenant = ?"
                + (type == null ? "" : " AND device_type = ?") + " ORDER BY device_id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            if (type != null) ps.setString(i++, type.wireName());
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<RegisteredDevice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(device(rs));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("list devices of " + tenant, e);
        }
    }

    /**
     * Issues a new MQTT credential for a registered device, replacing any previous one. Only the salted hash is
     * stored; the returned token cannot be recovered later.
     *
     * @return empty when the device is not registered
     */
    public Optional<DeviceCredential> issueCredential(DeviceKey key) {
        String token = TokenHasher.newToken();
        byte[] salt = TokenHasher.newSalt();
        byte[] hash = TokenHasher.hash(salt, token);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<RegisteredDevice> device = loadDevice(c, key.tenant(), key.deviceId())
                        .filter(d -> d.key().type() == key.type());
                if (device.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM device_credential WHERE tenant = ? AND device_id = ?")) {
                    del.setString(1, key.tenant());
                    del.setString(2, key.deviceId());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO device_credential (tenant, device_id, salt, token_hash, issued_at) VALUES (?, ?, ?, ?, ?)")) {
                    ins.setString(1, key.tenant());
                    ins.setString(2, key.deviceId());
                    ins.setString(3, TokenHasher.encode(salt));
                    ins.setString(4, TokenHasher.encode(hash));
                    SqlTime.set(ins, 5, now);
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("issue credential for " + key, e);
        }
        invalidate(key.tenant(), key.deviceId());
        return Optional.of(new DeviceCredential(key, username(key), token, now));
    }

    @Override
    public Optional<RegisteredDevice> authenticate(String username, String password) {
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
        if (cached == null || expired(cached.device() != null, cached.loadedNanos(), now)) {
            cached = loadCredential(tenant, deviceId, now);
            credentials.put(username, cached);
        }
        if (cached.device() == null) {
            // Hash anyway so unknown and known usernames take about the same time.
            TokenHasher.hash(new byte[16], password);
            return Optional.empty();
        }
        return TokenHasher.matches(cached.salt(), cached.hash(), password) ? Optional.of(cached.device()) : Optional.empty();
    }

    /** The MQTT username of a device: {@code tenant/deviceId}. */
    public static String username(DeviceKey key) {
        return key.tenant() + "/" + key.deviceId();
    }

    /** Drops every cached entry; the next reads go to the database. */
    public void clearCache() {
        credentials.clear();
        devices.clear();
    }

    private CachedCredential loadCredential(String tenant, String deviceId, long now) {
        String sql = "SELECT d.tenant, d.device_id, d.device_type, d.display_name, d.registered_at, c.salt, c.token_hash "
                + "FROM registered_device d JOIN device_credential c ON c.tenant = d.tenant AND c.device_id = d.device_id "
                + "WHERE d.tenant = ? AND d.device_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new CachedCredential(null, null, null, now);
                return new CachedCredential(device(rs), TokenHasher.decode(rs.getString("salt")),
                        TokenHasher.decode(rs.getString("token_hash")), now);
            }
        } catch (SQLException e) {
            throw unavailable("authenticate " + tenant + "/" + deviceId, e);
        }
    }

    private Optional<RegisteredDevice> loadDevice(Connection c, String tenant, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, device_id, device_type, display_name, registered_at FROM registered_device WHERE tenant = ? AND device_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(device(rs)) : Optional.empty();
            }
        }
    }

    private static RegisteredDevice device(ResultSet rs) throws SQLException {
        DeviceKey key = new DeviceKey(rs.getString("tenant"), DeviceType.fromWire(rs.getString("device_type")),
                rs.getString("device_id"));
        return new RegisteredDevice(key, SqlTime.get(rs, "registered_at"), rs.getString("display_name"));
    }

    private void invalidate(String tenant, String deviceId) {
        credentials.remove(tenant + "/" + deviceId);
        devices.keySet().removeIf(k -> k.tenant().equals(tenant) && k.deviceId().equals(deviceId));
    }

    private boolean expired(boolean positive, long loadedNanos, long now) {
        return now - loadedNanos > (positive ? positiveTtlNanos : negativeTtlNanos);
    }

    private static void requireSegments(DeviceKey key) {
        if (!Topic.isValidSegment(key.tenant())) throw new IllegalArgumentException("invalid tenant '" + key.tenant() + "': 1-64 of [A-Za-z0-9._-]");
        if (!Topic.isValidSegment(key.deviceId())) throw new IllegalArgumentException("invalid device id '" + key.deviceId() + "': 1-64 of [A-Za-z0-9._-]");
    }

    static boolean isUniqueViolation(SQLException e) {
        // 23505 is unique_violation on PostgreSQL and H2 alike.
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) return true;
        }
        return false;
    }

    private static RegistryUnavailableException unavailable(String what, SQLException e) {
        return new RegistryUnavailableException("device registry unavailable (" + what + "): " + e.getMessage(), e);
    }
}
