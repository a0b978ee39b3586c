package io.telerisk.hub.command;

import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The outbox's bounds on H2 and PostgreSQL: at most 100 pending per device by default, or as configured
 * (the oldest go), expired commands are neither taken nor kept, delivered ones are pruned after an hour, a command id
 * is pending once, and a device's rows being delivered by one hub are skipped by another.
 */
class CommandOutboxTest {
    private static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
    private static final DeviceKey OTHER = new DeviceKey("acme", DeviceType.VEHICLE, "car-2");
    private static final int DEFAULT_MAX = OutboxLimits.DEFAULTS.maxPendingPerDevice();
    private final CommandOutbox outbox = new CommandOutbox();

    @Test
    void defaultsAreAHundredPerDeviceForADay() {
        assertEquals(new OutboxLimits(100, java.time.Duration.ofHours(24)), OutboxLimits.DEFAULTS);
    }

    @Test
    void configuredLimitsBoundTheOutbox() throws Exception {
        CommandOutbox small = new CommandOutbox(new OutboxLimits(3, java.time.Duration.ofMinutes(10)));
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        try (SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:outbox-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
             Connection c = sor.dataSource().getConnection()) {
            for (int i = 0; i < 5; i++) small.add(c, CAR, "c-" + i, EncodedCommand.json("{\"n\":" + i + "}"), now.plusMillis(i));
            c.setAutoCommit(false);
            List<CommandOutbox.Pending> pending = small.take(c, CAR, now.plusSeconds(1));
            assertEquals(List.of("c-2", "c-3", "c-4"), pending.stream().map(CommandOutbox.Pending::commandId).toList(),
                    "three kept, the two oldest went");
            c.commit();
            assertEquals(3, small.take(c, CAR, now.plus(java.time.Duration.ofMinutes(10)).minusSeconds(1)).size(), "kept until just before 10 min");
            assertEquals(0, small.take(c, CAR, now.plus(java.time.Duration.ofMinutes(10)).plusSeconds(1)).size(), "expired after 10 min");
            c.commit();
        }
    }

    @Test
    void boundsOnH2() throws Exception {
        try (SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:outbox-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2)) {
            bounds(sor);
        }
    }

    @Test
    void boundsOnPostgres() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create();
             SystemOfRecord sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 3)) {
            bounds(sor);
            // a device's rows held by one hub's delivery are skipped by another's
            Instant now = Instant.now();
            try (Connection c = sor.dataSource().getConnection()) {
                outbox.add(c, OTHER, "o-1", EncodedCommand.json("{}"), now);
            }
            try (Connection first = sor.dataSource().getConnection(); Connection second = sor.dataSource().getConnection()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);
                assertEquals(1, outbox.take(first, OTHER, now).size());
                assertEquals(0, outbox.take(second, OTHER, now).size());
                first.rollback();
                assertEquals(1, outbox.take(second, OTHER, now).size(), "free again once the first rolled back");
                second.rollback();
            }
        }
    }

    private void bounds(SystemOfRecord sor) throws Exception {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        try (Connection c = sor.dataSource().getConnection()) {
            for (int i = 0; i < DEFAULT_MAX + 5; i++) {
                outbox.add(c, CAR, "c-" + i, EncodedCommand.json("{\"n\":" + i + "}"), now.plusMillis(i));
            }
            outbox.add(c, CAR, "c-104", EncodedCommand.json("{\"n\":104}"), now.plusSeconds(1)); // again: still once
            c.setAutoCommit(false);
            List<CommandOutbox.Pending> pending = outbox.take(c, CAR, now.plusSeconds(2));
            assertEquals(DEFAULT_MAX, pending.size());
            assertEquals("c-5", pending.get(0).commandId(), "the five oldest went");
            assertEquals("c-104", pending.get(pending.size() - 1).commandId());
            outbox.attempted(c, pending.get(0).id(), true, now.plusSeconds(2));
            outbox.attempted(c, pending.get(1).id(), false, now.plusSeconds(2));
            c.commit();
            assertEquals(DEFAULT_MAX - 1, outbox.take(c, CAR, now.plusSeconds(3)).size());
            c.commit();
            assertEquals(List.of(CAR), outbox.devicesWithPending(c, now.plusSeconds(3), 10));

            assertEquals(0, outbox.prune(c, now.plusSeconds(3)), "nothing expired, the delivered one is recent");
            assertEquals(1, outbox.prune(c, now.plus(CommandOutbox.KEEP_DELIVERED).plusSeconds(3)), "the delivered one after an hour");
            Instant later = now.plus(OutboxLimits.DEFAULTS.expiry()).plusSeconds(2);
            assertEquals(0, outbox.take(c, CAR, later).size(), "expired commands are not delivered");
            c.commit();
            assertEquals(List.of(), outbox.devicesWithPending(c, later, 10));
            assertEquals(DEFAULT_MAX - 1, outbox.prune(c, later));
            c.commit();
        }
    }
}
