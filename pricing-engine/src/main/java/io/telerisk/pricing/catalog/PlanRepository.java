package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.PlanKey;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Port: where plan versions and their lifecycle state live (in memory here; JDBC in the hub). */
public interface PlanRepository {
    Optional<StoredPlan> find(PlanKey key);

    /** Inserts or replaces the stored plan with the same key. {@link PlanService} enforces immutability rules. */
    void put(StoredPlan plan);

    /** Removes a stored version (only drafts are ever removed: {@link PlanService#discard}). */
    void delete(PlanKey key);

    /** Every stored version of every plan. */
    List<StoredPlan> all();

    /**
     * Runs {@code work} as one unit on the versions of one plan id: no other unit on the same plan id runs meanwhile
     * (on any hub sharing the store), and the writes {@code work} makes land together or not at all. Lifecycle steps
     * that read versions and then write on what they read (activation superseding the active version) run in it, so
     * two of them never both act on the same reading. A call inside a running unit joins it.
     */
    <T> T atomically(String planId, Supplier<T> work);
}
