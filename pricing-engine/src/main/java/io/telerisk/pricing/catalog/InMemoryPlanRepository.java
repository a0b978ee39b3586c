package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.PlanKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Plan repository in memory, ordered by key. {@link #atomically} serialises the units on one plan id; nothing is
 * rolled back (a unit's writes are plain map updates that do not fail).
 */
public final class InMemoryPlanRepository implements PlanRepository {
    private final ConcurrentSkipListMap<PlanKey, StoredPlan> plans = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredPlan> find(PlanKey key) { return Optional.ofNullable(plans.get(key)); }

    @Override
    public void put(StoredPlan plan) { plans.put(plan.key(), plan); }

    @Override
    public void delete(PlanKey key) { plans.remove(key); }

    @Override
    public List<StoredPlan> all() { return new ArrayList<>(plans.values()); }

    @Override
    public <T> T atomically(String planId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(planId, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
