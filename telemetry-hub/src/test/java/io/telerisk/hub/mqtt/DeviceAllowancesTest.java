package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic of a device's allowance on one hub, on a clock of its own (nanoseconds passed in): kept across
 * reconnects, emptied when the session moves to another hub, continued from the level handed over, dropped only when
 * dropping gives nothing away. The hubs' side of it is {@link SessionTakeOverTest}.
 */
class DeviceAllowancesTest {
    /** 10 messages/s, burst 20: an empty bucket is full again after 2 s. */
    private static final MqttLimits LIMITS = new MqttLimits(10, 20, 1 << 20, 1 << 20, 100, Duration.ofSeconds(10), 100, Duration.ofMinutes(5));
    private static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
    private static final long S = 1_000_000_000L;

    private static int admitted(DeviceRateLimit r, int n, long now) {
        int passed = 0;
        for (int i = 0; i < n; i++) if (r.admit(10, now) == DeviceRateLimit.Verdict.PASS) passed++;
        return passed;
    }

    @Test
    void aReconnectContinuesFromWhatIsLeftInsteadOfAFreshBurst() {
        DeviceAllowances a = new DeviceAllowances(LIMITS);
        DeviceRateLimit first = a.attach(CAR, 0);
        assertEquals(20, admitted(first, 30, 0));
        a.detach(first);
        DeviceRateLimit again = a.attach(CAR, S / 2);
        assertEquals(5, admitted(again, 30, S / 2), "half a second refilled 5, no fresh burst");
    }

    @Test
    void aSessionMovedAwayHandsItsLevelOverAndAConnectionBackHereWaitsForTheNextHubsLevel() {
        DeviceAllowances a = new DeviceAllowances(LIMITS);
        DeviceRateLimit r = a.attach(CAR, 0);
        assertEquals(15, admitted(r, 15, 0));
        a.detach(r);
        DeviceRateLimit.Level left = a.movedAway(CAR, 0).orElseThrow();
        assertEquals(5, left.messages(), 1e-9);
        assertTrue(a.movedAway(CAR, 0).isEmpty(), "the allowance is no longer here: nothing more to hand over");

        DeviceRateLimit back = a.attach(CAR, S);
        assertTrue(back.awaitingLevel());
        assertEquals(0, admitted(back, 5, S), "empty and not refilling while the level is on its way");
        a.continueFrom(CAR, new DeviceRateLimit.Level(3, 1000), S);
        assertFalse(back.awaitingLevel());
        assertEquals(3, admitted(back, 5, S), "continues from the level handed over, not from what refilled while away");
    }

    @Test
    void aLevelHandedToABucketOfItsOwnLowersItAndNeverRaisesIt() {
        DeviceAllowances a = new DeviceAllowances(LIMITS);
        DeviceRateLimit r = a.attach(CAR, 0);
        a.continueFrom(CAR, new DeviceRateLimit.Level(4, 1 << 20), 0);
        assertEquals(4, admitted(r, 10, 0));
        a.continueFrom(CAR, new DeviceRateLimit.Level(20, 1 << 20), 0);
        assertEquals(0, admitted(r, 10, 0));
    }

    @Test
    void bucketsAreDroppedOnlyWhenUnusedFullAndHeldLongEnoughToHandTheirLevelOver() {
        DeviceAllowances a = new DeviceAllowances(LIMITS);
        DeviceRateLimit r = a.attach(CAR, 0);
        a.evictIdle(10 * S);
        assertEquals(1, a.size(), "in use");
        a.detach(r);
        a.evictIdle(3 * S);
        assertEquals(1, a.size(), "full, but the other hubs' away buckets may still wait for its level (held 2 x burst / rate)");
        a.evictIdle(4 * S);
        assertEquals(0, a.size());

        a.movedAway(CAR, 10 * S); // another hub's session: an empty away bucket here
        a.evictIdle(11 * S);
        assertEquals(1, a.size(), "not full yet");
        a.evictIdle(12 * S);
        assertEquals(0, a.size(), "full again after burst / rate: dropping it gives nothing away");
    }

    @Test
    void whenTheLevelNeverComesTheBucketRefillsFromEmpty() {
        DeviceAllowances a = new DeviceAllowances(LIMITS);
        a.movedAway(CAR, 0);
        DeviceRateLimit r = a.attach(CAR, 0);
        r.stopAwaiting(S);
        assertEquals(5, admitted(r, 10, S + S / 2), "half a second of refill after giving up waiting");
    }
}
