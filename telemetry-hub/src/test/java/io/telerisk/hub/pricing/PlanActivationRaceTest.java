package io.telerisk.hub.pricing;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.pricing.catalog.PlanLifecycleException;
import io.telerisk.pricing.catalog.PlanRepository;
import io.telerisk.pricing.catalog.PlanService;
import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanStatus;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.testkit.PostgresDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs (two connection pools, two plan services with their own caches) on one PostgreSQL activate two versions
 * of one plan at the same moment. Each activation is held just after it has read the plan's versions until the other
 * has read them too (or a few seconds have passed): without one transaction around read and write, both read v1 as
 * the ACTIVE version, both supersede it, and v2 and v3 end up ACTIVE together.
 */
class PlanActivationRaceTest {
    private static final String TENANT = "acme";

    @Test
    void twoHubsActivatingTwoVersionsOfOnePlanAtOnceLeaveOneActiveVersion() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create();
             SystemOfRecord hubA = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
             SystemOfRecord hubB = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4)) {
            CountDownLatch bothRead = new CountDownLatch(2);
            PlanService a = service(new HeldAfterReading(new JdbcPlanRepository(hubA.dataSource(), TENANT), bothRead));
            PlanService b = service(new HeldAfterReading(new JdbcPlanRepository(hubB.dataSource(), TENANT), bothRead));
            PlanService setup = service(new JdbcPlanRepository(hubA.dataSource(), TENANT));
            for (int v = 1; v <= 3; v++) {
                RatingPlan doc = version(v, LocalDate.of(2026, v, 1));
                setup.saveDraft(doc, "alice");
                setup.approve(doc.key(), "bob");
            }
            setup.activate(new PlanKey("race", 1));

            HeldAfterReading.holding = true;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Optional<String>> v2 = pool.submit(() -> attempt(() -> a.activate(new PlanKey("race", 2))));
                Future<Optional<String>> v3 = pool.submit(() -> attempt(() -> b.activate(new PlanKey("race", 3))));
                Optional<String> refusedV2 = v2.get(60, TimeUnit.SECONDS);
                Optional<String> refusedV3 = v3.get(60, TimeUnit.SECONDS);
                assertTrue(refusedV3.isEmpty(), "v3 takes effect after both others, so it always supersedes: " + refusedV3);

                List<StoredPlan> versions = new JdbcPlanRepository(hubB.dataSource(), TENANT).versions("race");
                List<Integer> active = versions.stream().filter(p -> p.status() == PlanStatus.ACTIVE).map(p -> p.key().version()).toList();
                assertEquals(List.of(3), active, "one ACTIVE version, whatever the order: " + versions.stream()
                        .map(p -> "v" + p.key().version() + " " + p.status() + " retired " + p.retiredOn()).toList());
                StoredPlan first = versions.get(0), second = versions.get(1);
                assertEquals(PlanStatus.RETIRED, first.status());
                if (refusedV2.isEmpty()) {
                    // v2 first: it retired v1 on its own date, then v3 retired it on v3's
                    assertEquals(LocalDate.of(2026, 2, 1), first.retiredOn());
                    assertEquals(PlanStatus.RETIRED, second.status());
                    assertEquals(LocalDate.of(2026, 3, 1), second.retiredOn());
                } else {
                    // v3 first: v2 would take effect before the active v3, so it is refused and stays approved
                    assertTrue(refusedV2.get().contains("not after race@v3"), refusedV2.get());
                    assertEquals(LocalDate.of(2026, 3, 1), first.retiredOn());
                    assertEquals(PlanStatus.APPROVED, second.status());
                }
            } finally {
                HeldAfterReading.holding = false;
                pool.shutdownNow();
            }
        }
    }

    private static Optional<String> attempt(Supplier<PlanService.Activation> activation) {
        try {
            activation.get();
            return Optional.empty();
        } catch (PlanLifecycleException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static PlanService service(PlanRepository repository) {
        return new PlanService(repository, new PlanValidator(ProhibitedVariables.defaults()), Clock.systemUTC());
    }

    private static RatingPlan version(int version, LocalDate effectiveFrom) {
        JsonObject doc = PricingFixture.motorPlan("race").put("version", version).put("effectiveFrom", effectiveFrom.toString());
        return PlanDocumentReader.parse(doc.encode());
    }

    /**
     * A hub's repository that, while {@link #holding}, waits after each full read until the other hub has read too
     * (at most a few seconds: with the fix the other hub is blocked on the plan's lock and cannot read before this
     * one commits).
     */
    private record HeldAfterReading(PlanRepository delegate, CountDownLatch bothRead) implements PlanRepository {
        static volatile boolean holding;

        @Override
        public List<StoredPlan> all() {
            List<StoredPlan> all = delegate.all();
            if (holding) {
                bothRead.countDown();
                try {
                    bothRead.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return all;
        }

        @Override
        public Optional<StoredPlan> find(PlanKey key) {
            return delegate.find(key);
        }

        @Override
        public void put(StoredPlan plan) {
            delegate.put(plan);
        }

        @Override
        public void delete(PlanKey key) {
            delegate.delete(key);
        }

        @Override
        public <T> T atomically(String planId, Supplier<T> work) {
            return delegate.atomically(planId, work);
        }
    }
}
