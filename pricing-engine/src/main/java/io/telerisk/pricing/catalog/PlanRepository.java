package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.PlanKey;

import java.util.List;
import java.util.Optional;

/** Port: where plan versions and their lifecycle state live (in memory here; JDBC in the hub). */
public interface PlanRepository {
    Optional<StoredPlan> find(PlanKey key);

    /** Inserts or replaces the stored plan with the same key. {@link PlanService} enforces immutability rules. */
    void put(StoredPlan plan);

    /** Removes a stored version (only drafts are ever removed: {@link PlanService#discard}). */
    void delete(PlanKey key);

    /** Every stored version of every plan. */
    List<StoredPlan> all();
}
