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
    void statusTrackerKeepsTheNewestStateAndPersistsItOnFlush() {
        JdbcDeviceRegistry r = registry();
        r.register(key("st-1"), null);
        DeviceStatusTracker t = new DeviceStatusTracker(sor().dataSource());
        Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
        t.online(key("st-1"), t0);
        t.seen(key("st-1"), t0.plusSeconds(30));
        t.offline(key("st-1"), t0.plusSeconds(60));
        t.online(key("st-1"), t0.plusSeconds(10)); // late, out-of-order status: ignored
        DeviceStatus s = t.status(key("st-1")).orElseThrow();
        assertFalse(s.online());
        assertEquals(t0.plusSeconds(60), s.lastSeen());
        assertEquals(t0.plusSeconds(60), s.changedAt());
        t.seen(key("st-1"), t0.plusSeconds(90)); // a message after going offline: back online
        assertTrue(t.status(key("st-1")).orElseThrow().online());

        t.seen(key("unregistered"), t0);
        assertEquals(1, t.flush(), "only registered devices are persisted");
        DeviceStatus fromDb = new DeviceStatusTracker(sor().dataSource()).status(key("st-1")).orElseThrow();
        assertTrue(fromDb.online());
        assertEquals(t0.plusSeconds(90), fromDb.lastSeen());
        t.offline(key("st-1"), t0.plusSeconds(120));
        assertEquals(1, t.flush());
        assertEquals(0, t.flush(), "nothing changed since");
        assertFalse(new DeviceStatusTracker(sor().dataSource()).status(key("st-1")).orElseThrow().online());
    }
}
