package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.model.DeviceKey;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate allowance of each device on this hub's built-in endpoint (issue #12): one {@link DeviceRateLimit} per
 * device, shared by its connections here, so a reconnect continues from what is left instead of getting a fresh
 * burst. A device whose session moved to another hub leaves an empty bucket marked away here (its level went with
 * it): a connection here while that bucket is kept starts from empty and adds the level the previous hub hands over.
 *
 * <p>Bounded: a bucket is dropped once no connection uses it and it is full again ({@link #evictIdle}): an away bucket
 * {@code burst / rate} seconds after the device left (10 s with the defaults), the device's own buckets no earlier
 * than twice that after its last connect here, so they outlive the other hubs' away buckets. Dropping a full bucket
 * gives nothing away. So it holds the connected devices plus those connected anywhere in the last
 * {@code 2 x burst / rate} seconds, never more than the registered devices.
 */
final class DeviceAllowances {
    private final MqttLimits limits;
    private final ConcurrentHashMap<DeviceKey, DeviceRateLimit> buckets = new ConcurrentHashMap<>();

    DeviceAllowances(MqttLimits limits) {
        this.limits = limits;
    }

    /** The device's buckets for a new connection: those it left here, or full ones. */
    DeviceRateLimit attach(DeviceKey device, long nowNanos) {
        // compute (atomic per device) so that eviction cannot drop the buckets between lookup and attach
        return buckets.compute(device, (k, b) -> {
            DeviceRateLimit r = b != null ? b : new DeviceRateLimit(limits, nowNanos);
            r.attach(nowNanos);
            return r;
        });
    }

    /** A connection that used {@code rate} ended. */
    void detach(DeviceRateLimit rate) {
        rate.detach();
    }

    /**
     * The device's session moved to another hub: returns what was left here, for the new hub to continue from (empty
     * when the allowance was not here), and leaves an empty bucket marked away, so a connection here within
     * {@code burst / rate} seconds starts from empty and waits for the level of the hub it leaves.
     */
    Optional<DeviceRateLimit.Level> movedAway(DeviceKey device, long nowNanos) {
        DeviceRateLimit.Level[] left = {null};
        buckets.compute(device, (k, b) -> {
            DeviceRateLimit r = b != null ? b : new DeviceRateLimit(limits, nowNanos);
            DeviceRateLimit.Level l = r.moveAway(nowNanos);
            if (b != null) left[0] = l;
            return r;
        });
        return Optional.ofNullable(left[0]);
    }

    /** Continues the device's allowance here from the level its previous hub handed over (see {@link DeviceRateLimit#continueFrom}). */
    void continueFrom(DeviceKey device, DeviceRateLimit.Level level, long nowNanos) {
        DeviceRateLimit r = buckets.get(device);
        if (r != null) r.continueFrom(level, nowNanos);
    }

    /** Drops the buckets no connection uses that are full again (and were held long enough: {@link DeviceRateLimit#idleAndFull}). */
    void evictIdle(long nowNanos) {
        for (DeviceKey k : buckets.keySet()) buckets.computeIfPresent(k, (key, r) -> r.idleAndFull(nowNanos) ? null : r);
    }

    /** Devices whose buckets are held. */
    int size() {
        return buckets.size();
    }
}
