package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The device's rate on the {@code $share} path (issue #12; docs/security.md): the same {@link MqttLimits} as the
 * built-in endpoint, divided by the number of live hubs of the shared group. The broker hands a shared
 * subscription's messages to its members in turn, so each hub sees about 1/N of a device's messages and a budget
 * of R/N per hub is about R in all. The broker has already acknowledged the message to the device, so a message
 * over the rate cannot be refused: it is rejected as {@link RejectReason#RATE_LIMITED} (counted, not stored, and
 * acknowledged to the broker like any rejection, so it never holds the shared window).
 *
 * <p>A flood must not turn into a flood of dead-letter rows on the system of record (one insert each, 8 KiB of
 * payload each): of a device's messages over the rate, each hub keeps at most one dead letter per
 * {@link #DEAD_LETTER_EVERY_NANOS} ns, whose detail says how many more it refused since the previous one; those are
 * counted with their reason like every rejection ({@code telerisk_ingest_rejected_total{reason="rate_limited"}}) and
 * acknowledged, but not kept.
 *
 * <p>Thread-safe and non-blocking: the live-hub count is a volatile sampled elsewhere (off the event loop), each
 * device's buckets are locked only while taken from. A device's buckets are forgotten once full again
 * ({@link #forgetQuiet()}), so memory follows the devices active in the last burst period, not every device ever seen.
 */
final class ShareRateHandler implements IngestHandler {
    /** At most one kept {@code RATE_LIMITED} dead letter per device per hub in this time. */
    static final long DEAD_LETTER_EVERY_NANOS = 1_000_000_000L;

    private final MqttLimits limits;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<DeviceKey, DeviceRate> buckets = new ConcurrentHashMap<>();

    /** One device's buckets and what became of its refused messages since its last kept dead letter. */
    private static final class DeviceRate {
        final RateBuckets buckets;
        long lastKeptNanos;
        boolean keptAny;
        long refusedNotKept;

        DeviceRate(RateBuckets buckets) {
            this.buckets = buckets;
        }
    }

    private volatile int liveHubs = 1;

    ShareRateHandler(MqttLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** How many hubs of the shared group are live now (this one included); below 1 counts as 1. */
    void liveHubs(int n) {
        liveHubs = Math.max(1, n);
    }

    int liveHubs() {
        return liveHubs;
    }

    @Override
    public Decoded.Rejected handle(Pending p) {
        int hubs = liveHubs;
        double share = 1.0 / hubs;
        long now = nanoTime.getAsLong();
        DeviceRate d = buckets.computeIfAbsent(p.topic.deviceKey(), k -> new DeviceRate(new RateBuckets(limits, share, now)));
        long notKeptBefore;
        synchronized (d) { // several broker connections (a drain, a reconnect) may carry the same device at once
            if (d.buckets.take(limits, share, p.message.payload().length, now)) return null;
            if (d.keptAny && now - d.lastKeptNanos < DEAD_LETTER_EVERY_NANOS) {
                d.refusedNotKept++;
                p.deadLetterNotKept = true;
            } else {
                d.keptAny = true;
                d.lastKeptNanos = now;
            }
            notKeptBefore = p.deadLetterNotKept ? 0 : d.refusedNotKept;
            if (!p.deadLetterNotKept) d.refusedNotKept = 0;
        }
        return new Decoded.Rejected(RejectReason.RATE_LIMITED, describe(p.topic.deviceKey(), hubs, notKeptBefore));
    }

    /** The limit in words, for the dead letter, and how many refusals since the previous one were not kept. */
    private String describe(DeviceKey device, int hubs, long notKept) {
        return "device " + device + " is over its rate of " + limits.messagesPerSecond() + " messages/s (burst "
                + limits.messageBurst() + ") and " + limits.bytesPerSecond() + " bytes/s (burst " + limits.byteBurst()
                + ") (telerisk.mqtt.rate.*); relayed by the broker's shared subscription, so this hub allows 1/" + hubs
                + " of it (" + hubs + (hubs == 1 ? " live hub" : " live hubs") + " in the group); " + notKept
                + " more of its messages refused on this hub since its previous rate_limited dead letter (counted, not"
                + " kept: one dead letter per device per second per hub)";
    }

    /**
     * Drops the buckets that are full again (a device quiet for a burst period): same as never seen. Refusals not kept
     * since the device's last dead letter stay counted; no later dead letter names them.
     */
    void forgetQuiet() {
        double share = 1.0 / liveHubs;
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().buckets.fullBy(limits, share, now);
            }
        });
    }

    /** Devices with buckets in memory. */
    int trackedDevices() {
        return buckets.size();
    }
}
