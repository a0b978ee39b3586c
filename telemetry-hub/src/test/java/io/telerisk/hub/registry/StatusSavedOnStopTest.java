package io.telerisk.hub.registry;

import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping a hub on its default H2 database saves the last-seen times it still holds: the periodic status flush
 * running on a worker when the hub stops must finish (or hand its rows to the final flush) before the database
 * closes. It used to be cut off by the pool's close, its rows lost and only {@code sor.trace.db} telling
 * ("Database is already closed"). With flushes that outlast the flush interval (a thousand devices), periodic
 * flushes also ran side by side and failed on each other's row locks.
 */
class StatusSavedOnStopTest {
    private static final int DEVICES = 2_000;

    @TempDir
    Path dir;

    @Test
    void theLastSeenTimesHeldAtStopAreSavedBeforeTheDatabaseCloses() throws Exception {
        Path data = dir.resolve("data");
        // flushes back to back, so one is on a worker when the hub stops
        HubConfig config = HubConfig.embedded(data).withStatusFlushInterval(Duration.ofMillis(5));
        Map<DeviceKey, Instant> last = new HashMap<>();
        long failedFlushes;
        Hub hub = Hub.start(config);
        try {
            List<DeviceKey> keys = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                DeviceKey k = new DeviceKey("acme", DeviceType.VEHICLE, "car-" + i);
                hub.registry().register(k, null);
                keys.add(k);
            }
            DeviceStatusTracker statuses = hub.services().statuses();
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int round = 0; round < 20; round++) {
                for (DeviceKey k : keys) {
                    t = t.plusMillis(1);
                    statuses.seen(k, t);
                    last.put(k, t);
                }
                Thread.sleep(10);
            }
            assertTrue(waitForAnyRow(statuses, keys.get(0)), "the periodic flush writes while the hub runs");
            // more seen times right before the stop: only the final flush can save them
            for (DeviceKey k : keys) {
                t = t.plusMillis(1);
                statuses.seen(k, t);
                last.put(k, t);
            }
            failedFlushes = statuses.failedFlushes();
        } finally {
            hub.close();
        }

        // overlapping flushes of the same rows waited for each other's row locks until H2 gave up
        assertEquals(0, failedFlushes, "status flushes the database refused while the hub ran");
        try (Connection c = DriverManager.getConnection(config.sor().jdbcUrl(), config.sor().user(), config.sor().password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_id, last_seen FROM device_status WHERE tenant = 'acme'")) {
            Map<String, Instant> saved = new HashMap<>();
            while (rs.next()) saved.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            int wrong = 0;
            String example = null;
            for (Map.Entry<DeviceKey, Instant> e : last.entrySet()) {
                if (!e.getValue().equals(saved.get(e.getKey().deviceId()))) {
                    wrong++;
                    if (example == null) example = e.getKey().deviceId() + ": saved " + saved.get(e.getKey().deviceId()) + ", last seen " + e.getValue();
                }
            }
            assertEquals(0, wrong, "devices whose last-seen time was not saved at stop, e.g. " + example);
        }
        Path trace = data.resolve("sor.trace.db");
        String traced = Files.exists(trace) ? Files.readString(trace) : "";
        assertFalse(traced.contains("already closed"), "H2 recorded work on a closed database:\n" + traced);
    }

    private static boolean waitForAnyRow(DeviceStatusTracker statuses, DeviceKey k) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (statuses.status(k).isPresent()) return true;
            Thread.sleep(20);
        }
        return false;
    }
}
