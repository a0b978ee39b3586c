package io.telerisk.hub.registry;

import io.telerisk.hub.cluster.Notifications;
import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs' registries on one PostgreSQL: ingest's registry check answers from the bulk preload, a device registered
 * on the other hub reaches this hub's cache with the NOTIFY (before any message of it), and a device disabled on the
 * other hub is seen disabled here at once, not after the cache lifetime.
 */
class RegistryPreloadTwoHubsTest {
    private static PostgresDatabase pg;
    private static SystemOfRecord sor;
    private static Notifications notesA;
    private static Notifications notesB;
    private static JdbcDeviceRegistry hubA;
    private static JdbcDeviceRegistry hubB;

    @BeforeAll
    static void open() throws Exception {
        pg = PostgresDatabase.create();
        sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
        // an hour: anything not pushed by NOTIFY would stay stale for the whole test
        hubA = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
        hubB = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
        notesA = notifications(hubA);
        notesB = notifications(hubB);
    }

    private static Notifications notifications(JdbcDeviceRegistry registry) throws InterruptedException {
        Notifications n = Notifications.of(Notifications.listenerSource(sor.dataSource(), sor.dialect(), pg.jdbcUrl(),
                pg.user(), pg.password()), sor.dialect(), Clock.systemUTC());
        RegistryChanges.share(registry, sor.dataSource(), n);
        n.start(10_000);
        return n;
    }

    @AfterAll
    static void close() {
        if (notesA != null) notesA.close();
        if (notesB != null) notesB.close();
        if (sor != null) sor.close();
        if (pg != null) pg.close();
    }

    private static DeviceKey key(String id) {
        return new DeviceKey("acme", DeviceType.VEHICLE, id);
    }

    /** Hides the registry table, so a look-up that still queried would fail: the answer must come from memory. */
    private static void hideRegistryTableFor(Runnable lookUp) throws Exception {
        try (Connection c = sor.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE registered_device RENAME TO registered_device_hidden");
        }
        try {
            lookUp.run();
        } finally {
            try (Connection c = sor.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ALTER TABLE registered_device_hidden RENAME TO registered_device");
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void preloadedDevicesAndOnesRegisteredOnTheOtherHubAreAnsweredWithoutAQuery() throws Exception {
        hubB.register(key("pre-1"), null);
        hubB.register(key("pre-2"), null);
        // a hub starting now (listening to nothing yet): its preload holds them
        JdbcDeviceRegistry starting = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
        assertTrue(starting.preload() >= 2);
        hideRegistryTableFor(() -> assertEquals(Optional.of(key("pre-2")), starting.find(key("pre-2")).map(RegisteredDevice::key),
                "answered from the preload"));

        hubB.register(key("added-on-b"), "new van");
        await(() -> hubA.isCached(key("added-on-b")) && hubB.isCached(key("added-on-b")),
                "hub A loads the device hub B registered, told by NOTIFY");
        hideRegistryTableFor(() -> assertEquals(Optional.of("new van"), hubA.find(key("added-on-b")).map(RegisteredDevice::displayName),
                "its first message needs no query on hub A"));
    }

    @Test
    void aDeviceDisabledOnTheOtherHubIsSeenDisabledAtOnce() throws Exception {
        hubA.register(key("rev-1"), null);
        await(() -> hubB.isCached(key("rev-1")), "the registration's NOTIFY reached hub B");
        hubB.clearCache();
        // a load that raced with a notification is dropped (-1): the hub's next periodic load reads again
        await(() -> hubB.preload() >= 1, "hub B preloads");
        assertEquals(DeviceState.ACTIVE, hubB.find(key("rev-1")).orElseThrow().state());
        hubA.setState(key("rev-1"), DeviceState.DISABLED);
        await(() -> hubB.find(key("rev-1")).orElseThrow().state() == DeviceState.DISABLED,
                "hub B's cached (preloaded) entry replaced by the NOTIFY, though it would live an hour");
        assertFalse(hubB.authenticate("acme/rev-1", "any-token").isPresent());
    }

    @Test
    void aPreloadThatRacedWithAChangeIsDropped() {
        KnownDevices cache = new KnownDevices(Duration.ofHours(1).toNanos(), Duration.ofHours(1).toNanos(), 100);
        long before = cache.changeCount();
        cache.invalidate("acme", "raced"); // a change committed while the bulk read ran
        RegisteredDevice stale = new RegisteredDevice(key("raced"), java.time.Instant.EPOCH, null);
        assertEquals(-1, cache.putAll(java.util.List.of(stale), before, System.nanoTime()));
        assertEquals(null, cache.cached(key("raced"), System.nanoTime()), "nothing stale was put: the next look-up reads");
        assertEquals(1, cache.putAll(java.util.List.of(stale), cache.changeCount(), System.nanoTime()));
    }
}
