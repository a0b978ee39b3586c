package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.PlanKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Plan repository in memory, ordered by key. */
public final class InMemoryPlanRepository implements PlanRepository {
    private final ConcurrentSkipListMap<PlanKey, StoredPlan> plans = new ConcurrentSkipListMap<>();

    @Override
    public Optional<StoredPlan> find(PlanKey key) { return Optional.ofNullable(plans.get(key)); }

    @Override
    public void put(StoredPlan plan) { plans.put(plan.key(), plan); }

    @Override
    public void delete(PlanKey key) { plans.remove(key); }

    @Override
    public List<StoredPlan> all() { return new ArrayList<>(plans.values()); }
}
