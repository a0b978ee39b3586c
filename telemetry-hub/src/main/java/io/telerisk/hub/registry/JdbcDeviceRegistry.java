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

/**
 * The device registry in the system of record (tables {@code registered_device} and {@code device_credential},
 * migration V20).
 *
 * <p>Reads used by ingest ({@link #find}, {@link #authenticate}) go through in-memory caches ({@link KnownDevices},
 * {@link DeviceLogins}): positive entries
 * live {@code positiveTtl}, misses {@code negativeTtl} (so a flood of connects with unknown usernames does not
 * become a flood of queries; at most {@value #MAX_REMEMBERED_MISSES} misses of each kind are remembered, so made-up
 * names cannot grow the heap). Writes through this instance invalidate its cache at once; other hubs drop the entry
 * as soon as {@link RegistryChanges} tells them (PostgreSQL NOTIFY), and at the latest after {@code positiveTtl}.
 * The devices {@link #find} answers from are loaded in bulk by {@link #preload} (the hub calls it at start and every
 * half {@code positiveTtl}), so ingest's registry check does not query on the event loop in steady state; a device
 * registered on another hub arrives with its NOTIFY.
 * All methods block (JDBC) except {@link #find} of a cached device: call them from a worker.
 */
public final class JdbcDeviceRegistry implements DeviceRegistry {
    /** Unknown usernames (and unknown devices) remembered at once; more are looked up again (issue #12). */
    static final int MAX_REMEMBERED_MISSES = 10_000;
    /** Devices {@link #preload} loads at most; beyond, the others are looked up one by one on their first message. */
    static final int MAX_PRELOADED = 200_000;

    private final DataSource dataSource;
    private final JdbcRefusedLogins refusedLogins;
    private final JdbcAgentHealth agentHealth;
    private final Clock clock;
    private final DeviceLogins logins;
    private final KnownDevices devices;
    private final List<java.util.function.Consumer<DeviceKey>> revocationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Tells the other hubs about a change (none until {@link RegistryChanges#share} is called: a single hub). */
    private volatile RegistryChanges changes;

    public JdbcDeviceRegistry(DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    public JdbcDeviceRegistry(DataSource dataSource, Clock clock, Duration positiveTtl, Duration negativeTtl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.refusedLogins = new JdbcRefusedLogins(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agentHealth = new JdbcAgentHealth(dataSource, clock);
        this.logins = new DeviceLogins(dataSource, positiveTtl.toNanos(), negativeTtl.toNanos(), MAX_REMEMBERED_MISSES);
        this.devices = new KnownDevices(positiveTtl.toNanos(), negativeTtl.toNanos(), MAX_REMEMBERED_MISSES);
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
            announce(c, key); // other hubs load it into their caches: its first message needs no query there
        } catch (SQLException e) {
            // A concurrent registration of the same id loses on the primary key.
            if (isUniqueViolation(e)) {
                throw new DeviceConflictException("device " + key.tenant() + "/" + key.deviceId() + " already registered");
            }
            throw unavailable("register " + key, e);
        }
        invalidate(key.tenant(), key.deviceId());
        RegisteredDevice registered = new RegisteredDevice(key, now, displayName);
        devices.remember(key, Optional.of(registered), System.nanoTime());
        return registered;
    }

    /** Answered from memory for a cached (or preloaded) device or a recent miss; otherwise one query. */
    @Override
    public Optional<RegisteredDevice> find(DeviceKey key) {
        long now = System.nanoTime();
        Optional<RegisteredDevice> cached = devices.cached(key, now);
        if (cached != null) return cached;
        return reload(key, now);
    }

    /** Reads one device again and caches the answer (a change told by another hub). Blocking. */
    Optional<RegisteredDevice> reload(DeviceKey key) {
        return reload(key, System.nanoTime());
    }

    private Optional<RegisteredDevice> reload(DeviceKey key, long nowNanos) {
        Optional<RegisteredDevice> found;
        try (Connection c = dataSource.getConnection()) {
            found = loadDevice(c, key.tenant(), key.deviceId()).filter(d -> d.key().type() == key.type());
        } catch (SQLException e) {
            throw unavailable("find " + key, e);
        }
        devices.remember(key, found, nowNanos);
        return found;
    }

    /**
     * Loads every registered device (up to {@value #MAX_PRELOADED}) into the cache {@link #find} answers from, in one
     * query. Blocking. A load that raced with a change is dropped whole (the next one reads again).
     *
     * @return devices loaded, or -1 when dropped because a device changed meanwhile
     */
    public int preload() {
        long changesBefore = devices.changeCount();
        long now = System.nanoTime();
        List<RegisteredDevice> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, device_id, device_type, display_name, registered_at, state FROM registered_device")) {
            ps.setMaxRows(MAX_PRELOADED);
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) all.add(device(rs));
            }
        } catch (SQLException e) {
            throw unavailable("preload devices", e);
        }
        return devices.putAll(all, changesBefore, now);
    }

    /** Whether {@link #find} answers this device from memory (for tests). */
    boolean isCached(DeviceKey key) {
        Optional<RegisteredDevice> d = devices.cached(key, System.nanoTime());
        return d != null && d.isPresent();
    }

    /** Devices held in memory for {@link #find} (for tests and logs). */
    public int cachedDevices() {
        return devices.size();
    }

    /** The device of this tenant with this id, whatever its type. Not cached (used by the API). */
    public Optional<RegisteredDevice> findById(String tenant, String deviceId) {
        try (Connection c = dataSource.getConnection()) {
            return loadDevice(c, tenant, deviceId);
        } catch (SQLException e) {
            throw unavailable("find " + tenant + "/" + deviceId, e);
        }
    }

    /**
     * One page of a tenant's devices matching the query, ordered by id, with how many match in all. Status filters
     * read {@code device_status} as last flushed by the hubs (see {@link DeviceStatusTracker#flush}).
     */
    public DevicePage search(DeviceQuery q) {
        try {
            return DeviceSearch.page(dataSource, q);
        } catch (SQLException e) {
            throw unavailable("list devices of " + q.tenant(), e);
        }
    }

    /** A page of devices and how many match in all. */
    public record DevicePage(List<RegisteredDevice> items, long total) {
        public DevicePage {
            items = List.copyOf(items);
        }
    }

    /**
     * Moves a device to another state. Disabling or decommissioning removes its credential from this hub's cache at
     * once (other hubs' as soon as {@link RegistryChanges} tells them) and tells the revocation listeners, which end its
     * session.
     *
     * @return the device in its new state; empty when it is not registered
     * @throws DeviceConflictException when the device is decommissioned (that is final)
     */
    public Optional<RegisteredDevice> setState(DeviceKey key, DeviceState state) {
        Objects.requireNonNull(state, "state");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE registered_device SET state = ?, state_changed_at = ? WHERE tenant = ? AND device_id = ? AND device_type = ?"
                        + " AND state <> 'decommissioned'")) {
            ps.setString(1, state.wireName());
            SqlTime.set(ps, 2, clock.instant());
            ps.setString(3, key.tenant());
            ps.setString(4, key.deviceId());
            ps.setString(5, key.type().wireName());
            if (ps.executeUpdate() == 0) {
                Optional<RegisteredDevice> d = loadDevice(c, key.tenant(), key.deviceId()).filter(x -> x.key().type() == key.type());
                if (d.isPresent() && d.get().state() == DeviceState.DECOMMISSIONED) {
                    throw new DeviceConflictException("device " + key.tenant() + "/" + key.deviceId() + " is decommissioned; that is final");
                }
                return d;
            }
            announce(c, key);
        } catch (SQLException e) {
            throw unavailable("set state of " + key, e);
        }
        invalidate(key.tenant(), key.deviceId());
        if (state != DeviceState.ACTIVE) revoked(key);
        return find(key);
    }

    /**
     * Registers a listener told (on the calling thread) when a device's credential stops working on this hub: disabled,
     * decommissioned, or its credential rotated. The hub ends the device's connected session with it.
     */
    public void onRevoked(java.util.function.Consumer<DeviceKey> listener) {
        revocationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void revoked(DeviceKey key) {
        for (var l : revocationListeners) {
            try {
                l.accept(key);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(JdbcDeviceRegistry.class.getName()).log(java.util.logging.Level.WARNING,
                        "revocation listener failed for " + key, e);
            }
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
                if (device.get().state() == DeviceState.DECOMMISSIONED) {
                    c.rollback();
                    throw new DeviceConflictException("device " + key.tenant() + "/" + key.deviceId() + " is decommissioned; it gets no credential");
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM device_credential WHERE tenant = ? AND device_id = ?")) {
                    del.setString(1, key.tenant());
                    del.setString(2, key.deviceId());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO device_credential (tenant, device_id, salt, token_hash, issued_at, broker_hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ins.setString(1, key.tenant());
                    ins.setString(2, key.deviceId());
                    ins.setString(3, TokenHasher.encode(salt));
                    ins.setString(4, TokenHasher.encode(hash));
                    SqlTime.set(ins, 5, now);
                    // for the external broker's password file (bin/platform broker-files): the token is never stored
                    ins.setString(6, MosquittoPasswordHash.of(token));
                    ins.executeUpdate();
                }
                announce(c, key); // sent when this transaction commits
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("issue credential for " + key, e);
        }
        invalidate(key.tenant(), key.deviceId());
        revoked(key); // a session connected with the old token ends now
        return Optional.of(new DeviceCredential(key, username(key), token, now));
    }

    @Override
    public Optional<RegisteredDevice> authenticate(String username, String password) {
        return logins.authenticate(username, password);
    }

    /** Edge agents' latest health reports (an ingest listener keeps them; operators read them on the device). */
    public JdbcAgentHealth agentHealth() {
        return agentHealth;
    }

    /** The refused logins of this registry's devices, in the same database. */
    @Override
    public JdbcRefusedLogins refusedLogins() {
        return refusedLogins;
    }

    /** The MQTT username of a device: {@code tenant/deviceId}. */
    public static String username(DeviceKey key) {
        return key.tenant() + "/" + key.deviceId();
    }

    /** Drops every cached entry; the next reads go to the database. */
    public void clearCache() {
        logins.clear();
        devices.clear();
    }

    private Optional<RegisteredDevice> loadDevice(Connection c, String tenant, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, device_id, device_type, display_name, registered_at, state FROM registered_device WHERE tenant = ? AND device_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(device(rs)) : Optional.empty();
            }
        }
    }

    static RegisteredDevice device(ResultSet rs) throws SQLException {
        DeviceKey key = new DeviceKey(rs.getString("tenant"), DeviceType.fromWire(rs.getString("device_type")),
                rs.getString("device_id"));
        return new RegisteredDevice(key, SqlTime.get(rs, "registered_at"), rs.getString("display_name"),
                DeviceState.fromWire(rs.getString("state")));
    }

    void changesSharedBy(RegistryChanges changes) {
        this.changes = changes;
    }

    private void announce(Connection c, DeviceKey key) throws SQLException {
        RegistryChanges ch = changes;
        if (ch != null) ch.announce(c, key);
    }

    void invalidate(String tenant, String deviceId) {
        logins.invalidate(tenant + "/" + deviceId);
        devices.invalidate(tenant, deviceId);
    }

    /** Cached credential rows and remembered unknown usernames (bounded; for tests of the bound). */
    int cachedLoginEntries() {
        return logins.cachedEntries();
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

    static RegistryUnavailableException unavailable(String what, SQLException e) {
        return new RegistryUnavailableException("device registry unavailable (" + what + "): " + e.getMessage(), e);
    }
}
