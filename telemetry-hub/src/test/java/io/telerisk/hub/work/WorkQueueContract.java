package io.telerisk.hub.work;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The shared work queue on one database seen by two hubs (two pools): once each, and nothing lost to a crash. */
abstract class WorkQueueContract {
    SystemOfRecord hubA, hubB;

    /** Opens the same database twice, as two hub processes would. */
    abstract SystemOfRecord open();

    void start() {
        hubA = open();
        hubB = open();
    }

    @AfterEach
    void stop() {
        if (hubA != null) hubA.close();
        if (hubB != null) hubB.close();
    }

    @Test
    void twoHubsWorkersHandleEveryItemExactlyOnce() throws Exception {
        start();
        WorkQueue a = new WorkQueue(hubA.dataSource(), Clock.systemUTC()), b = new WorkQueue(hubB.dataSource(), Clock.systemUTC());
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        Map<String, String> by = new ConcurrentHashMap<>();
        WorkQueue.Handler h = item -> {
            handled.computeIfAbsent(item.key(), k -> new AtomicInteger()).incrementAndGet();
            by.put(item.key(), Thread.currentThread().getName());
        };
        int n = 200;
        for (int i = 0; i < n; i++) (i % 2 == 0 ? a : b).enqueue("k", "item-" + i, "{}", Instant.now());
        assertFalse(a.enqueue("k", "item-0", "{}", Instant.now()), "the same key again is not queued twice");
        try (WorkWorkers wa = new WorkWorkers(a, "k", 2, Duration.ofMillis(50), h).start();
             WorkWorkers wb = new WorkWorkers(b, "k", 2, Duration.ofMillis(50), h).start()) {
            assertTrue(wa.awaitIdle(60_000) && wb.awaitIdle(60_000));
            assertEquals(n, handled.size());
            handled.forEach((k, c) -> assertEquals(1, c.get(), k + " handled once"));
            assertEquals(n, wa.handled() + wb.handled());
        }
    }

    @Test
    void anItemTakenByAWorkerWhoseHubDiedIsHandledByAnotherHub() throws Exception {
        start();
        WorkQueue b = new WorkQueue(hubB.dataSource(), Clock.systemUTC());
        new WorkQueue(hubA.dataSource(), Clock.systemUTC()).enqueue("k", "crash-1", "{\"x\":1}", Instant.now());
        // hub A's worker takes the item the way WorkQueue does, then its process dies before committing
        try (Connection dying = hubA.dataSource().getConnection()) {
            dying.setAutoCommit(false);
            try (Statement s = dying.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM work_item WHERE kind = 'k' AND done_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                assertTrue(rs.next());
            }
            assertTrue(b.runNext("k", item -> fail("held by a live worker: skipped")).isEmpty(), "a held item is skipped, not waited for");
            dying.rollback(); // what the database does when the connection of a dead process goes
        }
        var o = b.runNext("k", item -> assertEquals("{\"x\":1}", item.payload()));
        assertTrue(o.isPresent() && o.get().failure() == null, "hub B handles it");
        assertEquals(0, b.due("k"));
        assertTrue(b.runNext("k", item -> fail("done once")).isEmpty());
    }

    @Test
    void aFailingItemIsKeptWithItsErrorAndRetriedLater() throws Exception {
        start();
        WorkQueue a = new WorkQueue(hubA.dataSource(), Clock.systemUTC());
        a.enqueue("k", "poison", "{}", Instant.now());
        var o = a.runNext("k", item -> {
            throw new IllegalStateException("database said no");
        });
        assertTrue(o.isPresent());
        assertEquals("database said no", o.get().failure().getMessage());
        assertEquals(0, a.due("k"), "not due again at once");
        try (Connection c = hubA.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT attempts, last_error, done_at FROM work_item WHERE item_key = 'poison'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("database said no", rs.getString(2));
            assertNull(rs.getObject(3));
        }
        WorkQueue later = new WorkQueue(hubA.dataSource(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        assertTrue(later.runNext("k", item -> assertEquals(1, item.attempts())).isPresent(), "retried once the delay is over");
    }
}
