package io.telerisk.hub.claims;

import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.privacy.ClaimAccessGrants;
import io.telerisk.model.Envelope;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Claims state shared by two hubs on one PostgreSQL database (issue #11): the running hub's claims and a second,
 * independent claims instance with its own connections. Both open claims and decide; the ledger stays one chain that
 * verifies alike on both, and a decision based on a version the other hub changed is refused (409), writing nothing.
 */
class ClaimsTwoHubsPostgresTest {
    private static final AtomicLong SEQ = new AtomicLong(50_000);
    private static ClaimsHubFixture fx;
    private static ClaimsApi hub1, hub2;

    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.POSTGRES);
        hub1 = fx.claims();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(fx.pg.jdbcUrl());
        ds.setUser(fx.pg.user());
        ds.setPassword(fx.pg.password());
        hub2 = new ClaimsApi(ds, fx.hub.store(), fx.hub.summaries(), fx.hub.registry(), new ClaimAccessGrants(ds, Clock.systemUTC()), Clock.systemUTC(),
                new PhysicsRuleClassifier(8), 0.5, ClaimsApi.DEFAULT_FOUR_EYES_THRESHOLD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    private static Envelope crash(String candidate, int secondsAgo) {
        return ClaimsHubFixture.crashCandidate(SEQ.incrementAndGet(), candidate, Instant.now().minusSeconds(secondsAgo).truncatedTo(ChronoUnit.MILLIS), 12.5);
    }

    @Test
    void claimsOpenedOnBothHubsConcurrentlyFormOneChainThatVerifiesAlikeOnEach() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ClaimsApi on = i % 2 == 0 ? hub1 : hub2;
                Envelope e = crash("two-hubs-" + i, 3000 + i * 20);
                done.add(pool.submit(() -> on.onEnvelope(e, Instant.now())));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < 24; i++) {
            JsonObject c = hub2.claim("acme", "CRASH-acme-two-hubs-" + i);
            assertEquals("AWAITING_ADJUSTER", c.getString("status"), "opened, assessed and routed, never stuck OPEN");
            assertEquals(3, c.getJsonArray("history").size(), c.getJsonArray("history").encode());
        }
        JsonObject v1 = hub1.ledgerReads().verify(), v2 = hub2.ledgerReads().verify();
        assertTrue(v1.getBoolean("valid"), v1.encode());
        assertEquals(v1, v2, "the same answer on every hub");
    }

    @Test
    void aDecisionOnAVersionTheOtherHubChangedIsRefusedAndWritesNothing() {
        hub1.onEnvelope(crash("two-hubs-stale", 4000), Instant.now());
        String id = "CRASH-acme-two-hubs-stale";
        long v = hub2.claim("acme", id).getLong("version");
        hub1.decide("acme", "acme-adjuster", id, new JsonObject().put("decision", "adjust").put("reasonCode", "AMOUNT_PER_REPAIR_QUOTE")
                .put("amount", "4000.00").put("version", v));
        int entries = hub2.claim("acme", id).getJsonArray("history").size();
        ApiException e = assertThrows(ApiException.class, () -> hub2.decide("acme", "acme-adjuster-2", id,
                new JsonObject().put("decision", "reject").put("reasonCode", "NOT_COVERED").put("version", v)));
        assertEquals(409, e.status());
        JsonObject now = hub2.claim("acme", id);
        assertEquals("APPROVED", now.getString("status"));
        assertEquals(new BigDecimal("3500.00"), new BigDecimal(now.getString("amount")));
        assertEquals(entries, now.getJsonArray("history").size(), "no ledger entry for the refused decision");
        assertTrue(hub1.ledgerReads().verify().getBoolean("valid"));
    }

    @Test
    void racingDecisionsFromBothHubsLeaveExactlyOneDecisionInTheLedger() throws Exception {
        hub1.onEnvelope(crash("two-hubs-race", 5000), Instant.now());
        String id = "CRASH-acme-two-hubs-race";
        long v = hub1.claim("acme", id).getLong("version");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> status(() -> hub1.decide("acme", "acme-adjuster", id,
                    new JsonObject().put("decision", "reject").put("reasonCode", "NOT_COVERED").put("version", v))));
            Future<Integer> b = pool.submit(() -> status(() -> hub2.decide("acme", "acme-adjuster-2", id,
                    new JsonObject().put("decision", "reject").put("reasonCode", "FRAUD_CONFIRMED").put("version", v))));
            List<Integer> statuses = List.of(a.get(), b.get());
            assertTrue(statuses.contains(200) && statuses.contains(409), statuses.toString());
        } finally {
            pool.shutdown();
        }
        long rejections = hub1.claim("acme", id).getJsonArray("history").stream()
                .filter(o -> "REJECTED".equals(((JsonObject) o).getString("toState"))).count();
        assertEquals(1, rejections);
        assertEquals(hub1.ledgerReads().verify(), hub2.ledgerReads().verify());
    }

    private static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }
}
