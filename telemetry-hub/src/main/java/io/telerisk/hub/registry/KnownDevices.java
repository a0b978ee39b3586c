package io.telerisk.hub.registry;

import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered devices this hub holds in memory for ingest's registry check ({@link JdbcDeviceRegistry#find}): one
 * entry per device, kept {@code positiveTtl}; misses remembered {@code negativeTtl} (bounded, see {@link RecentMisses}).
 *
 * <p>Filled in bulk ({@link #putAll}, the hub's preload at start and its periodic refresh) so that a device's first
 * message does not cost a query on the event loop, and one device at a time on a miss. A bulk fill that raced with a
 * change ({@link #invalidate}) is dropped whole: its rows may predate the change, and the next refresh reads again.
 */
final class KnownDevices {
    private record Entry(RegisteredDevice device, long loadedNanos) {
    }

    private final ConcurrentHashMap<DeviceKey, Entry> devices = new ConcurrentHashMap<>();
    private final RecentMisses<DeviceKey> unknown;
    private final long positiveTtlNanos;
    /** Counts changes; a bulk fill applies only if none happened since its read began. Guarded by {@code this}. */
    private long changes;

    KnownDevices(long positiveTtlNanos, long negativeTtlNanos, int maxRememberedMisses) {
        this.positiveTtlNanos = positiveTtlNanos;
        this.unknown = new RecentMisses<>(maxRememberedMisses, negativeTtlNanos);
    }

    /** The cached answer: a device, {@code Optional.empty()} for a remembered miss, or null when the store must be read. */
    Optional<RegisteredDevice> cached(DeviceKey key, long nowNanos) {
        Entry e = devices.get(key);
        if (e != null && nowNanos - e.loadedNanos() <= positiveTtlNanos) return Optional.of(e.device());
        if (unknown.contains(key, nowNanos)) return Optional.empty();
        return null;
    }

    /** Remembers what one look-up read (loaded at {@code nowNanos}, taken before the read). */
    void remember(DeviceKey key, Optional<RegisteredDevice> found, long nowNanos) {
        if (found.isPresent()) {
            devices.put(key, new Entry(found.get(), nowNanos));
        } else {
            devices.remove(key);
            unknown.remember(key, nowNanos);
        }
    }

    /** Where the change counter stands: pass it to {@link #putAll} for rows read after this call. */
    synchronized long changeCount() {
        return changes;
    }

    /**
     * Puts devices read in bulk, unless a change happened since {@code changeCountBefore} (then nothing is put).
     *
     * @return how many were put, or -1 when dropped because of a change
     */
    synchronized int putAll(Collection<RegisteredDevice> read, long changeCountBefore, long nowNanos) {
        if (changes != changeCountBefore) return -1;
        for (RegisteredDevice d : read) {
            devices.put(d.key(), new Entry(d, nowNanos));
            unknown.forget(d.key());
        }
        return read.size();
    }

    /** Forgets a device (any type) that changed: the next look-up reads it again. */
    synchronized void invalidate(String tenant, String deviceId) {
        changes++;
        for (DeviceType type : DeviceType.values()) { // one id per tenant, of any type: no scan of the whole map
            DeviceKey k = new DeviceKey(tenant, type, deviceId);
            devices.remove(k);
            unknown.forget(k);
        }
    }

    synchronized void clear() {
        changes++;
        devices.clear();
        unknown.clear();
    }

    int size() {
        return devices.size();
    }
}
