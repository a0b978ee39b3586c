package io.telerisk.hub.registry;

import io.telerisk.hub.cluster.Notifications;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registry changes (a device registered, disabled, enabled, decommissioned, or its credential rotated) told to every
 * hub at once: the hub that makes the change sends {@code tenant/type/deviceId} on channel {@value #CHANNEL} in the
 * change's own transaction; each hub (the acting one too) drops the device from its caches, reads it again into the
 * cache ingest checks (so a device registered on another hub needs no query on its first message here), and tells its
 * change listeners, which check the device's session on this hub against the registry again (and end it when its
 * credential no longer works).
 *
 * <p>After the listening connection was lost, the devices whose state or credential changed since then (less a minute,
 * for the hubs' clocks, which wrote those times) are treated as changed, the whole cache is dropped and loaded again
 * ({@link JdbcDeviceRegistry#preload}). With H2 (one
 * hub) nothing travels: the acting hub already applied its change, and the cache TTL stays the backstop everywhere.
 */
public final class RegistryChanges implements Notifications.Handler {
    private static final Logger LOG = Logger.getLogger(RegistryChanges.class.getName());
    /** The NOTIFY channel. */
    public static final String CHANNEL = "telerisk_registry";
    /** Margin for the clocks of the hubs that wrote the change times read by a resync. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final JdbcDeviceRegistry registry;
    private final DataSource dataSource;
    private final Notifications notifications;
    private final List<Consumer<DeviceKey>> listeners = new CopyOnWriteArrayList<>();

    private RegistryChanges(JdbcDeviceRegistry registry, DataSource dataSource, Notifications notifications) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.notifications = notifications;
    }

    /**
     * Makes {@code registry} announce its changes on {@code notifications} and apply the other hubs' (subscribes to
     * {@value #CHANNEL}; call before {@link Notifications#start}).
     */
    public static RegistryChanges share(JdbcDeviceRegistry registry, DataSource dataSource, Notifications notifications) {
        RegistryChanges c = new RegistryChanges(Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(notifications, "notifications"));
        notifications.on(CHANNEL, c);
        registry.changesSharedBy(c);
        return c;
    }

    /**
     * Registers a listener told (on the notifications thread: hand slow work off) of every device changed by any hub,
     * once this hub's cache no longer holds it.
     */
    public void onChanged(Consumer<DeviceKey> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void announce(Connection c, DeviceKey key) throws SQLException {
        notifications.send(c, CHANNEL, key.tenant() + "/" + key.type().wireName() + "/" + key.deviceId());
    }

    @Override
    public void message(String payload) {
        String[] parts = payload.split("/", 3);
        if (parts.length != 3) {
            LOG.warning("ignoring registry notification '" + payload + "'");
            return;
        }
        changed(new DeviceKey(parts[0], DeviceType.fromWire(parts[1]), parts[2]));
    }

    @Override
    public void resync(Instant lostAt) {
        registry.clearCache();
        try {
            registry.preload();
        } catch (RegistryUnavailableException e) {
            LOG.log(Level.WARNING, "devices not preloaded after lost notifications; they are read one by one", e);
        }
        Set<DeviceKey> changed;
        try {
            changed = changedSince(lostAt.minus(CLOCK_MARGIN));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "registry changes since " + lostAt + " not read; sessions of changed devices are checked at their next change", e);
            return;
        }
        if (!changed.isEmpty()) LOG.info(changed.size() + " devices changed while notifications were lost; checking their sessions");
        changed.forEach(this::changed);
    }

    private void changed(DeviceKey key) {
        registry.invalidate(key.tenant(), key.deviceId());
        try {
            registry.reload(key);
        } catch (RegistryUnavailableException e) {
            LOG.log(Level.WARNING, "changed device " + key + " not read again; its next message reads it", e);
        }
        for (Consumer<DeviceKey> l : listeners) {
            try {
                l.accept(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "registry change listener failed for " + key, e);
            }
        }
    }

    private Set<DeviceKey> changedSince(Instant since) throws SQLException {
        Set<DeviceKey> out = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT d.tenant, d.device_type, d.device_id FROM registered_device d WHERE d.state_changed_at >= ?"
                        + " UNION SELECT d.tenant, d.device_type, d.device_id FROM registered_device d JOIN device_credential k"
                        + " ON k.tenant = d.tenant AND k.device_id = d.device_id WHERE k.issued_at >= ?")) {
            SqlTime.set(ps, 1, since);
            SqlTime.set(ps, 2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new DeviceKey(rs.getString(1), DeviceType.fromWire(rs.getString(2)), rs.getString(3)));
            }
        }
        return out;
    }
}
