package io.telerisk.hub.mqtt;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/** Ownership of broker sessions by PostgreSQL advisory locks: who is alive, who is gone, who drains whom. */
class BrokerSessionsTest {
    PostgresDatabase pg;
    SystemOfRecord sorA, sorB;

    @BeforeEach
    void start() {
        pg = PostgresDatabase.create();
        // two pools, as two hub processes would have
        sorA = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password());
        sorB = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password());
    }

    @AfterEach
    void stop() {
        sorA.close();
        sorB.close();
        pg.close();
    }

    private BrokerSessions claim(SystemOfRecord sor, String clientId, Duration wait) {
        return BrokerSessions.claim(sor.dataSource(), "hubs", clientId, "tcp://broker:1883", Clock.systemUTC(), wait);
    }

    private List<String> members() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id FROM broker_session ORDER BY client_id")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void aSecondHubWithTheSameClientIdIsRefusedWhileTheFirstRuns() {
        try (BrokerSessions a = claim(sorA, "hub-a", Duration.ZERO)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> claim(sorB, "hub-a", Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("hub-a") && e.getMessage().contains("client-id"), e.getMessage());
        }
        claim(sorB, "hub-a", Duration.ZERO).close(); // free again once the first one is gone
    }

    @Test
    void aRunningHubIsLeftAloneAndAHubWhoseDatabaseSessionDiedIsDrainedOnceThenForgotten() throws Exception {
        BrokerSessions a = claim(sorA, "hub-a", Duration.ZERO);
        try (BrokerSessions b = claim(sorB, "hub-b", Duration.ZERO)) {
            List<String> drained = new ArrayList<>();
            assertEquals(List.of(), b.adoptDeparted(c -> {
                drained.add(c);
                return CompletableFuture.completedFuture(0L);
            }), "hub-a holds its lock: it runs");
            assertEquals(List.of(), drained);

            // hub-a dies: its database backend goes away with its process (here: terminated by the server)
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                        + BrokerSessions.LOCK_CLASS + " AND objid = (hashtext('hub-a')::bigint & 4294967295)::oid");
            }
            assertEquals(List.of("hub-a", "hub-b"), members(), "a killed hub stays a member until its session is drained");
            assertEquals(List.of("hub-a"), b.adoptDeparted(c -> {
                drained.add(c);
                return CompletableFuture.completedFuture(42L);
            }));
            assertEquals(List.of("hub-a"), drained);
            assertEquals(List.of("hub-b"), members());
            assertEquals(List.of(), b.adoptDeparted(c -> CompletableFuture.completedFuture(0L)), "drained once");
        } finally {
            a.close();
        }
    }

    @Test
    void aFailedDrainKeepsTheMemberForTheNextScan() throws Exception {
        claim(sorA, "hub-a", Duration.ZERO).close(); // stopped without ending its session: stays a member
        try (BrokerSessions b = claim(sorB, "hub-b", Duration.ZERO)) {
            assertEquals(List.of(), b.adoptDeparted(c -> CompletableFuture.failedFuture(new IllegalStateException("broker down"))));
            assertEquals(List.of("hub-a", "hub-b"), members());
            assertEquals(List.of("hub-a"), b.adoptDeparted(c -> CompletableFuture.completedFuture(3L)));
        }
    }

    @Test
    void aHubThatEndedItsSessionLeavesTheGroup() throws Exception {
        try (BrokerSessions a = claim(sorA, "hub-a", Duration.ZERO)) {
            a.left(true);
        }
        assertEquals(List.of(), members());
    }

    @Test
    void theLiveHubCountFollowsTheLocksOfTheGroup() throws Exception {
        BrokerSessions a = claim(sorA, "hub-a", Duration.ZERO);
        try (BrokerSessions b = claim(sorB, "hub-b", Duration.ZERO);
             BrokerSessions elsewhere = BrokerSessions.claim(sorB.dataSource(), "other-group", "hub-x", "tcp://broker:1883",
                     Clock.systemUTC(), Duration.ZERO)) {
            assertEquals(2, a.liveMembers(), "hub-a and hub-b; hub-x is in another group");
            assertEquals(2, b.liveMembers());
            assertEquals(1, elsewhere.liveMembers());
            // hub-a dies: it stays registered (its session is not drained yet) but its lock is gone
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                        + BrokerSessions.LOCK_CLASS + " AND objid = (hashtext('hub-a')::bigint & 4294967295)::oid");
            }
            assertEquals(List.of("hub-a", "hub-b", "hub-x"), members());
            assertEquals(1, b.liveMembers(), "a registered member without its lock is not live");

            // the sampler a hub runs hands the count on, and follows a hub joining
            var vertx = io.vertx.core.Vertx.vertx();
            var seen = new java.util.concurrent.LinkedBlockingQueue<Integer>();
            try (LiveHubCount live = LiveHubCount.start(vertx, b, seen::add)) {
                assertEquals(1, seen.poll(), "sampled once at start, synchronously");
                try (BrokerSessions c = claim(sorB, "hub-c", Duration.ZERO)) {
                    long deadline = System.nanoTime() + LiveHubCount.EVERY.multipliedBy(3).toNanos();
                    Integer n;
                    do {
                        n = seen.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } while ((n == null || n != 2) && System.nanoTime() < deadline);
                    assertEquals(2, n, "hub-c joined: counted by the next sample");
                }
            } finally {
                vertx.close().await();
            }
        } finally {
            a.close();
        }
    }
}
