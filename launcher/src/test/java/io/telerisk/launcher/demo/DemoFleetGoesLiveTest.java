package io.telerisk.launcher.demo;

import io.telerisk.hub.auth.Role;
import io.telerisk.sim.publish.PublisherStats;
import io.telerisk.sim.publish.Rate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue #9/#10: the demo fleet does not die when its replay reaches the present. A short replay (one day at
 * 8,640x: about ten seconds) catches up; from then on every device stays connected (none finishes), and the fleet
 * map shows every vehicle online with a position published after the catch-up (parked vehicles report where they
 * stand, here every few seconds instead of the demo's five minutes, so the test stays short).
 */
class DemoFleetGoesLiveTest {
    private static final DemoWorld.Settings SHORT_REPLAY = DemoWorldFixture.SETTINGS
            .withReplay(1, 86_400 / 10.0, Rate.parse("2000")).withParkedReport(Duration.ofSeconds(3));

    @TempDir
    Path dir;

    @Test
    void afterCatchingUpTheFleetStaysOnlineAndTheMapShowsPositionsPublishedLive() throws InterruptedException {
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("demo"), SHORT_REPLAY)) {
            DemoWorld world = demo.world();
            Instant live = null;
            for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); live == null && System.nanoTime() < end; ) {
                Thread.sleep(250);
                live = world.liveSince();
            }
            assertNotNull(live, "the replay never caught up with the present: simulated time " + world.simulatedNow() + ", stats "
                    + world.publisher().stats());
            // the simulated time is the present now, not a time running ahead at the replay's speed
            Duration lead = Duration.between(Instant.now(), world.simulatedNow());
            assertTrue(lead.compareTo(Duration.ofSeconds(1)) < 0, "simulated time runs ahead of the present by " + lead);

            // every vehicle on the map: online, with a position published after the catch-up
            Map<String, String> notYet = new TreeMap<>();
            JsonArray items = null;
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
                Thread.sleep(1000);
                var r = demo.get(Role.OPERATOR, 1, "/api/v1/fleet/positions?limit=200");
                assertEquals(200, r.status(), r.body());
                items = r.json().getJsonArray("items");
                notYet.clear();
                for (Object o : items) {
                    JsonObject v = (JsonObject) o;
                    JsonObject position = v.getJsonObject("position");
                    boolean online = v.getJsonObject("status").getBoolean("online");
                    if (!online || position == null || !Instant.parse(position.getString("time")).isAfter(live)) {
                        notYet.put(v.getString("id"), "online=" + online + " position=" + position);
                    }
                }
                if (items.size() == DemoWorldFixture.VEHICLES && notYet.isEmpty()) break;
            }
            assertNotNull(items);
            assertEquals(DemoWorldFixture.VEHICLES, items.size(), items.encodePrettily());
            assertTrue(notYet.isEmpty(), "live since " + live + ", vehicles without a live position or offline: " + notYet);

            // and no device finished or dropped its connection: the fleet is still all there after catching up
            PublisherStats stats = world.publisher().stats();
            assertEquals(0, stats.finished(), "devices whose stream ended at the catch-up: " + stats);
            assertEquals(stats.devices(), stats.connected(), "devices not connected after the catch-up: " + stats);
            var online = demo.get(Role.OPERATOR, 1, "/api/v1/devices?status=offline&limit=200").json();
            if (online.getInteger("total") != 0) fail("devices offline after the catch-up: " + online.encodePrettily());
        }
    }
}
