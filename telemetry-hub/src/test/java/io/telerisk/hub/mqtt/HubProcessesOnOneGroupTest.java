package io.telerisk.hub.mqtt;

import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hubs as separate JVM processes on one {@code $share} group of a private Mosquitto and one PostgreSQL database:
 * one hub killed with SIGKILL mid-stream (another drains its broker session), restarted, then the other stopped
 * with SIGTERM mid-stream (it drains its own). Every envelope the broker acknowledged to the publisher is stored.
 */
class HubProcessesOnOneGroupTest {
    private static final int DEVICES = 4;
    @TempDir
    Path dir;
    HubProcesses run;

    @AfterEach
    void stop() throws Exception {
        if (run != null) run.close();
    }

    @Test
    void everyEnvelopeTheBrokerAcknowledgedIsStoredWhenAHubIsKilledRestartedAndAnotherStopped() throws Exception {
        run = new HubProcesses(dir);
        try (SystemOfRecord sor = SystemOfRecord.open(run.pg.jdbcUrl(), run.pg.user(), run.pg.password(), 2)) {
            JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
            for (int d = 0; d < DEVICES; d++) registry.register(new DeviceKey(HubProcesses.T, DeviceType.VEHICLE, "car-" + d), "car " + d, Instant.now().minus(1, ChronoUnit.DAYS));
        }
        Process a = run.startHub("hub-a");
        Process b = run.startHub("hub-b");
        run.connectPublisher();
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // 1. hub A is killed mid-stream: its session still gets a share until hub B drains it
        List<Envelope> first = run.stream(DEVICES, start, 1);
        Set<String> acked = run.publish(first, first.size() / 3, () -> a.destroyForcibly());
        assertTrue(acked.size() > first.size() * 9 / 10, "the broker acknowledged the stream: " + acked.size());
        run.awaitStored(acked);

        // 2. hub A comes back with its client id; then hub B is stopped with SIGTERM mid-stream
        Process a2 = run.startHub("hub-a");
        List<Envelope> second = run.stream(DEVICES, start.plusSeconds(1600), 100_000); // after the first stream's last sample
        Set<String> acked2 = run.publish(second, second.size() / 3, b::destroy);
        assertTrue(b.waitFor(60, TimeUnit.SECONDS), "hub B stops on SIGTERM");
        run.awaitStored(acked2);
        assertTrue(a2.isAlive());

        try (Connection c = run.pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id FROM broker_session ORDER BY client_id")) {
            List<String> members = new ArrayList<>();
            while (rs.next()) members.add(rs.getString(1));
            assertEquals(List.of("hub-a"), members, "the killed session was drained and the stopped hub left the group");
        }
    }
}
