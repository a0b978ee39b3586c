package io.telerisk.hub.registry;

import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDBC registry and status tracker against a real database (H2 and PostgreSQL subclasses). */
abstract class RegistryContract {
    abstract SystemOfRecord sor();

    private JdbcDeviceRegistry registry() {
        // long TTLs: any test that passes after a write proves the cache was invalidated, not expired
        return new JdbcDeviceRegistry(sor().dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
    }

    private static DeviceKey key(String id) {
        return new DeviceKey("acme", DeviceType.VEHICLE, id);
    }

    @Test
    void registersAndFindsDevicesScopedByTenantAndType() {
        JdbcDeviceRegistry r = registry();
        RegisteredDevice d = r.register(key("reg-1"), "Van");
        assertEquals("Van", d.displayName());
        assertEquals(Optional.of(d.key()), r.find(key("reg-1")).map(RegisteredDevice::key));
        assertTrue(r.find(new DeviceKey("other", DeviceType.VEHICLE, "reg-1")).isEmpty(), "other tenant");
        assertTrue(r.find(new DeviceKey("acme", DeviceType.WEARABLE, "reg-1")).isEmpty(), "other type");
        assertThrows(DeviceConflictException.class, () -> r.register(new DeviceKey("acme", DeviceType.WEARABLE, "reg-1"), null),
                "ids are unique within a tenant whatever the type (MQTT usernames are tenant/id)");
        r.register(new DeviceKey("other", DeviceType.VEHICLE, "reg-1"), null);
        assertTrue(r.search(new DeviceQuery("acme", DeviceType.VEHICLE, null, null, null, null, null, 0, 100)).items().stream().anyMatch(x -> x.key().equals(key("reg-1"))));
        assertTrue(r.search(new DeviceQuery("acme", null, null, null, null, null, null, 0, 100)).items().stream().allMatch(x -> x.key().tenant().equals("acme")));
        assertThrows(IllegalArgumentException.class, () -> r.register(key("bad/id"), null));
    }

    @Test
    void failedLoginsWithMadeUpUsernamesAreRememberedWithinABoundAndARealDeviceStillLogsIn() {
        JdbcDeviceRegistry r = registry();
        r.register(key("bound-1"), null);
        DeviceCredential real = r.issueCredential(key("bound-1")).orElseThrow();
        int madeUp = JdbcDeviceRegistry.MAX_REMEMBERED_MISSES + 500;
        for (int i = 0; i < madeUp; i++) {
            assertTrue(r.authenticate("acme/made-up-" + i, "guess").isEmpty());
        }
        assertTrue(r.cachedLoginEntries() <= JdbcDeviceRegistry.MAX_REMEMBERED_MISSES,
                "issue #12: " + madeUp + " made-up usernames left " + r.cachedLoginEntries() + " entries in memory");
        assertTrue(r.authenticate("acme/made-up-1", "guess").isEmpty(), "a remembered miss is still a refusal");
        assertTrue(r.authenticate(real.username(), real.token()).isPresent(), "the real device is not crowded out");
        // a device registered after its name was refused logs in at once: registration forgets the remembered miss
        assertTrue(r.authenticate("acme/bound-2", "x").isEmpty());
        r.register(key("bound-2"), null);
        DeviceCredential late = r.issueCredential(key("bound-2")).orElseThrow();
        assertTrue(r.authenticate(late.username(), late.token()).isPresent());
    }

    @Test
    void storesOnlyASaltedHashOfTheTokenNeverTheToken() throws Exception {
        JdbcDeviceRegistry r = registry();
        r.register(key("cred-1"), null);
        r.register(key("cred-2"), null);
        DeviceCredential c1 = r.issueCredential(key("cred-1")).orElseThrow();
        DeviceCredential c2 = r.issueCredential(key("cred-2")).orElseThrow();
        assertEquals("acme/cred-1", c1.username());
        assertTrue(c1.token().length() >= 40, "256-bit token");
        assertFalse(c1.toString().contains(c1.token()), "toString redacts");
        try (Connection c = sor().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM device_credential WHERE tenant = 'acme' AND device_id IN ('cred-1', 'cred-2') ORDER BY device_id")) {
            assertTrue(rs.next());
            String salt1 = rs.getString("salt");
            String hash1 = rs.getString("token_hash");
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String v = rs.getString(i);
                assertFalse(v != null && v.contains(c1.token()), "column " + rs.getMetaData().getColumnName(i) + " holds the token");
            }
            assertTrue(rs.next());
            assertNotEquals(salt1, rs.getString("salt"), "a salt per credential");
            assertNotEquals(hash1, rs.getString("token_hash"));
        }
        assertTrue(r.authenticate("acme/cred-1", c1.token()).isPresent());
        assertTrue(r.authenticate("acme/cred-1", c2.token()).isEmpty(), "another device's token");
    }

    @Test
    void rejectsWrongPasswordsUnknownUsersAndMalformedUsernames() {
        JdbcDeviceRegistry r = registry();
        r.register(key("auth-1"), null);
        DeviceCredential c = r.issueCredential(key("auth-1")).orElseThrow();
        assertEquals(key("auth-1"), r.authenticate("acme/auth-1", c.token()).orElseThrow().key());
        assertTrue(r.authenticate("acme/auth-1", c.token() + "x").isEmpty());
        assertTrue(r.authenticate("acme/auth-1", c.token().substring(1)).isEmpty());
        assertTrue(r.authenticate("acme/auth-1", "").isEmpty());
        assertTrue(r.authenticate("acme/auth-1", null).isEmpty());
        assertTrue(r.authenticate("acme/auth-1", "x".repeat(100_000)).isEmpty());
        assertTrue(r.authenticate("other/auth-1", c.token()).isEmpty(), "same id, other tenant");
        assertTrue(r.authenticate("acme/nobody", c.token()).isEmpty());
        for (String bad : new String[]{"auth-1", "acme/auth-1/x", "/auth-1", "acme/", "acme/+", "acme/#", "ac me/auth-1", null}) {
            assertTrue(r.authenticate(bad, c.token()).isEmpty(), "username " + bad);
        }
        r.register(key("no-cred"), null);
        assertTrue(r.authenticate("acme/no-cred", "anything").isEmpty(), "registered but never given a credential");
    }

    @Test
    void rotationRevokesTheOldTokenAtOnceDespiteTheCache() {
        JdbcDeviceRegistry r = registry();
        r.register(key("rot-1"), null);
        DeviceCredential first = r.issueCredential(key("rot-1")).orElseThrow();
        assertTrue(r.authenticate("acme/rot-1", first.token()).isPresent(), "now cached");
        DeviceCredential second = r.issueCredential(key("rot-1")).orElseThrow();
        assertTrue(r.authenticate("acme/rot-1", first.token()).isEmpty(), "old token revoked");
        assertTrue(r.authenticate("acme/rot-1", second.token()).isPresent());
    }

    @Test
    void aNegativeCacheEntryIsDroppedWhenTheDeviceGetsACredential() {
        JdbcDeviceRegistry r = registry();
        assertTrue(r.authenticate("acme/late-1", "whatever").isEmpty(), "unknown: cached as a miss for an hour");
        assertTrue(r.find(key("late-1")).isEmpty());
        r.register(key("late-1"), null);
        DeviceCredential c = r.issueCredential(key("late-1")).orElseThrow();
        assertTrue(r.find(key("late-1")).isPresent());
        assertTrue(r.authenticate("acme/late-1", c.token()).isPresent());
    }

    @Test
    void anotherInstanceSeesARotationAfterItsCacheExpires() throws Exception {
        JdbcDeviceRegistry writer = registry();
        JdbcDeviceRegistry otherHub = new JdbcDeviceRegistry(sor().dataSource(), Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(50));
        writer.register(key("multi-1"), null);
        DeviceCredential first = writer.issueCredential(key("multi-1")).orElseThrow();
        assertTrue(otherHub.authenticate("acme/multi-1", first.token()).isPresent());
        writer.issueCredential(key("multi-1")).orElseThrow();
        Thread.sleep(120);
        assertTrue(otherHub.authenticate("acme/multi-1", first.token()).isEmpty(), "bounded staleness");
    }

    @Test
    void issuingForAnUnknownDeviceOrTheWrongTypeGivesNothing() {
        JdbcDeviceRegistry r = registry();
        r.register(key("typed-1"), null);
        assertTrue(r.issueCredential(key("ghost")).isEmpty());
        assertTrue(r.issueCredential(new DeviceKey("acme", DeviceType.FARM_SENSOR, "typed-1")).isEmpty());
    }

    @Test
    void statusIsSharedAndAnOldSessionsOfflineDoesNotOverrideANewerOnline() {
        JdbcDeviceRegistry r = registry();
        r.register(key("st-1"), null);
        DeviceStatusTracker hubA = new DeviceStatusTracker(sor().dataSource());
        DeviceStatusTracker hubB = new DeviceStatusTracker(sor().dataSource());
        Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
        DeviceSession onA = new DeviceSession("hub-a-1", t0);
        DeviceSession onB = new DeviceSession("hub-b-1", t0.plusSeconds(60));
        assertTrue(hubA.online(key("st-1"), onA, t0));
        assertTrue(hubB.status(key("st-1")).orElseThrow().online(), "hub B sees what hub A wrote");
        assertTrue(hubB.online(key("st-1"), onB, t0.plusSeconds(60)), "the device reconnected to hub B");
        assertFalse(hubA.offline(key("st-1"), onA, t0.plusSeconds(90)), "hub A notices its old connection died late");
        assertEquals(1, hubA.staleOfflines());
        DeviceStatus s = hubA.status(key("st-1")).orElseThrow();
        assertTrue(s.online(), "still online on hub B: " + s);
        assertEquals(t0, s.changedAt(), "online since its first connect");
        assertFalse(hubA.online(key("st-1"), onA, t0.plusSeconds(95)), "a late online of the older session loses");

        assertTrue(hubB.offline(key("st-1"), onB, t0.plusSeconds(120)));
        s = hubA.status(key("st-1")).orElseThrow();
        assertFalse(s.online());
        assertEquals(t0.plusSeconds(120), s.changedAt());
        assertEquals(t0.plusSeconds(120), s.lastSeen());

        hubA.seen(key("st-1"), t0.plusSeconds(100)); // a message stored before that offline: stays offline
        hubA.seen(key("unregistered"), t0);
        assertEquals(0, hubA.flush(), "older than the row's last seen, and unregistered devices are not persisted");
        assertFalse(hubB.status(key("st-1")).orElseThrow().online());
        hubB.seen(key("st-1"), t0.plusSeconds(150));
        hubB.seen(key("st-1"), t0.plusSeconds(140));
        assertEquals(1, hubB.flush(), "last seen is written in batches, the latest per device");
        s = hubA.status(key("st-1")).orElseThrow();
        assertTrue(s.online(), "a message after going offline: back online (a missed online)");
        assertEquals(t0.plusSeconds(150), s.lastSeen());
        assertEquals(0, hubB.flush(), "nothing seen since");
    }

    @Test
    void periodicFlushRewritesABusyDevicesLastSeenOnlyOnceItMovedTheResolution() {
        JdbcDeviceRegistry r = registry();
        r.register(key("busy-1"), null);
        DeviceStatusTracker t = new DeviceStatusTracker(sor().dataSource());
        Instant t0 = Instant.parse("2026-05-02T10:00:00Z");
        Instant step = t0.plus(DeviceStatusTracker.LAST_SEEN_RESOLUTION);
        t.seen(key("busy-1"), t0);
        assertEquals(1, t.flushUnlessBusy(), "a device's first message is written at the next flush");
        t.seen(key("busy-1"), step.minusSeconds(1));
        assertEquals(0, t.flushUnlessBusy(), "within the resolution: not rewritten yet");
        assertEquals(t0, t.status(key("busy-1")).orElseThrow().lastSeen());
        t.seen(key("busy-1"), step);
        assertEquals(1, t.flushUnlessBusy(), "moved the resolution: rewritten, with the latest time");
        assertEquals(step, t.status(key("busy-1")).orElseThrow().lastSeen());

        DeviceSession s = DeviceStatusTracker.brokerSession(t0);
        assertTrue(t.offline(key("busy-1"), s, step.plusSeconds(1)));
        t.seen(key("busy-1"), step.plusSeconds(2));
        assertEquals(1, t.flushUnlessBusy(), "the first message after an offline is written at once");
        assertTrue(t.status(key("busy-1")).orElseThrow().online(), "back online");

        t.seen(key("busy-1"), step.plusSeconds(3));
        assertEquals(1, t.flush(), "an explicit flush (and the one at stop) writes everything");
        assertEquals(step.plusSeconds(3), t.status(key("busy-1")).orElseThrow().lastSeen());
    }

    @Test
    void relayedStatusesAreOrderedByTheDevicesOwnSessionTime() {
        JdbcDeviceRegistry r = registry();
        r.register(key("st-2"), null);
        DeviceStatusTracker t = new DeviceStatusTracker(sor().dataSource());
        Instant first = Instant.parse("2026-05-01T10:00:00Z");
        Instant second = first.plusSeconds(300);
        assertTrue(t.online(key("st-2"), DeviceStatusTracker.brokerSession(first), first));
        assertTrue(t.online(key("st-2"), DeviceStatusTracker.brokerSession(second), second.plusSeconds(1)));
        // the last will of the first session (its t is that session's connect time) arrives after the second online
        assertFalse(t.offline(key("st-2"), DeviceStatusTracker.brokerSession(first), second.plusSeconds(2)));
        assertTrue(t.status(key("st-2")).orElseThrow().online());
        // the second session's own will ends it
        assertTrue(t.offline(key("st-2"), DeviceStatusTracker.brokerSession(second), second.plusSeconds(30)));
        assertFalse(t.status(key("st-2")).orElseThrow().online());
        assertFalse(t.online(key("unregistered-2"), DeviceStatusTracker.brokerSession(first), first));
    }
}
