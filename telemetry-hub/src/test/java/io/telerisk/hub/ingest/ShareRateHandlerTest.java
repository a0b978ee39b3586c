package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The {@code $share} path's device rate: the budget of {@link MqttLimits} divided by the live hubs of the group. */
class ShareRateHandlerTest {
    private static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
    private static final DeviceKey VAN = new DeviceKey("acme", DeviceType.VEHICLE, "van-1");
    /** 100 messages/s, burst 40; bytes generous unless a test says otherwise. */
    private static final MqttLimits LIMITS = limits(100, 40, 1L << 30, 1L << 30);
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(7 * SECOND);

    private static MqttLimits limits(int rate, int burst, long byteRate, long byteBurst) {
        return new MqttLimits(rate, burst, byteRate, byteBurst, 100, Duration.ofSeconds(10), 1_000, Duration.ofMinutes(5));
    }

    private static Pending message(DeviceKey device, int bytes) {
        Pending p = new Pending(new InboundMessage(Topic.of(device, Channel.TELEMETRY).render(), null, new byte[bytes], null,
                null, "broker:test", null, 0), Instant.now());
        p.topic = Topic.of(device, Channel.TELEMETRY);
        return p;
    }

    /** Sends {@code n} messages spread evenly over {@code seconds}; returns how many passed. */
    private int passed(ShareRateHandler h, DeviceKey device, int n, double seconds) {
        int ok = 0;
        long step = (long) (seconds * SECOND / n);
        for (int i = 0; i < n; i++) {
            now.addAndGet(step);
            if (h.handle(message(device, 10)) == null) ok++;
        }
        return ok;
    }

    @Test
    void oneHubAllowsTheWholeBurstThenTheRate() {
        ShareRateHandler h = new ShareRateHandler(LIMITS, now::get);
        int burst = 0;
        while (h.handle(message(CAR, 10)) == null) burst++;
        assertEquals(40, burst, "a quiet device may send its whole burst at once");
        // 3x the rate for 4 s: 400 allowed (the burst is spent)
        int ok = passed(h, CAR, 1200, 4);
        assertEquals(400, ok, 2);
    }

    @Test
    void twoLiveHubsEachAllowHalfTheRateAndHalfTheBurst() {
        ShareRateHandler h = new ShareRateHandler(LIMITS, now::get);
        h.liveHubs(2);
        int burst = 0;
        while (h.handle(message(CAR, 10)) == null) burst++;
        assertEquals(20, burst);
        assertEquals(200, passed(h, CAR, 1200, 4), 2, "50 messages/s on this hub: 100/s across the two");
    }

    @Test
    void aChangedCountAppliesToBucketsAlreadyInUse() {
        ShareRateHandler h = new ShareRateHandler(LIMITS, now::get);
        assertEquals(100, passed(h, CAR, 300, 1) - 40, 2, "one hub: 100/s after the burst");
        h.liveHubs(4);
        assertEquals(4, h.liveHubs());
        assertEquals(100, passed(h, CAR, 1200, 4), 2, "four hubs: 25/s here");
        h.liveHubs(1);
        assertEquals(400, passed(h, CAR, 1200, 4), 2, "back to one hub (the others left): 100/s here");
        h.liveHubs(0);
        assertEquals(1, h.liveHubs(), "this hub runs, so never fewer than one");
    }

    @Test
    void aDeviceOverItsRateCostsNoOtherDeviceAndIsToldWhy() {
        ShareRateHandler h = new ShareRateHandler(LIMITS, now::get);
        h.liveHubs(2);
        Decoded.Rejected refused = null;
        for (int i = 0; i < 100 && refused == null; i++) refused = h.handle(message(CAR, 10));
        assertNotNull(refused);
        assertEquals(RejectReason.RATE_LIMITED, refused.reason());
        assertTrue(refused.detail().contains("acme/vehicle/car-1") && refused.detail().contains("100 messages/s")
                && refused.detail().contains("1/2"), refused.detail());
        assertNull(h.handle(message(VAN, 10)), "another device has its own budget");
    }

    @Test
    void theByteRateLimitsLargeMessages() {
        ShareRateHandler h = new ShareRateHandler(limits(1000, 1000, 10_240, 10_240), now::get);
        h.liveHubs(2); // 5 KiB burst and 5 KiB/s here
        assertNull(h.handle(message(CAR, 4_000)));
        assertEquals(RejectReason.RATE_LIMITED, h.handle(message(CAR, 4_000)).reason());
        now.addAndGet(SECOND);
        assertNull(h.handle(message(CAR, 4_000)), "refilled at 5 KiB/s");
        now.addAndGet(10 * SECOND);
        assertNull(h.handle(message(CAR, 50_000)), "larger than the whole burst: passes when the bucket is full");
    }

    @Test
    void quietDevicesAreForgottenAndActiveOnesKept() {
        ShareRateHandler h = new ShareRateHandler(LIMITS, now::get);
        h.handle(message(CAR, 10));
        h.handle(message(VAN, 10));
        assertEquals(2, h.trackedDevices());
        now.addAndGet(SECOND / 1000); // refills a tenth of a message: neither bucket is full
        h.handle(message(VAN, 10));
        h.forgetQuiet();
        assertEquals(2, h.trackedDevices(), "both buckets are still short of full");
        now.addAndGet(SECOND);
        for (int i = 0; i < 60; i++) h.handle(message(VAN, 10)); // van empties its bucket again
        h.forgetQuiet();
        assertEquals(1, h.trackedDevices(), "car's bucket is full again: forgetting it changes nothing");
    }

    @Test
    void aFloodKeepsOneDeadLetterPerDevicePerSecond() {
        ShareRateHandler h = new ShareRateHandler(LIMITS, now::get);
        for (int i = 0; i < 40; i++) assertNull(h.handle(message(CAR, 10))); // the burst
        Pending first = message(CAR, 10);
        assertEquals(RejectReason.RATE_LIMITED, h.handle(first).reason());
        assertFalse(first.deadLetterNotKept, "the first refusal is kept");
        for (int i = 0; i < 30; i++) {
            Pending p = message(CAR, 10);
            assertNotNull(h.handle(p));
            assertTrue(p.deadLetterNotKept, "within the second: counted, not kept");
        }
        for (int i = 0; i < 40; i++) h.handle(message(VAN, 10));
        Pending other = message(VAN, 10);
        assertNotNull(h.handle(other));
        assertFalse(other.deadLetterNotKept, "another device's first refusal is kept");
    }

    @Test
    void aKeptDeadLetterCountsTheRefusalsNotKeptSinceThePreviousOne() {
        ShareRateHandler h = new ShareRateHandler(limits(1, 1, 1L << 30, 1L << 30), now::get);
        assertNull(h.handle(message(CAR, 10)));
        Pending kept = message(CAR, 10);
        assertTrue(h.handle(kept).detail().contains("; 0 more"), "first refusal kept");
        for (int i = 0; i < 5; i++) {
            Pending p = message(CAR, 10);
            assertNotNull(h.handle(p));
            assertTrue(p.deadLetterNotKept);
        }
        now.addAndGet(SECOND / 2);
        Pending p = message(CAR, 10);
        assertNotNull(h.handle(p), "half a token only");
        assertTrue(p.deadLetterNotKept);
        now.addAndGet(SECOND * 3 / 4); // a token, and a second since the kept one
        assertNull(h.handle(message(CAR, 10)));
        Pending next = message(CAR, 10);
        Decoded.Rejected r = h.handle(next);
        assertFalse(next.deadLetterNotKept);
        assertTrue(r.detail().contains("; 6 more of its messages refused on this hub"), r.detail());
    }
}
