package io.telerisk.pricing.plan;

import java.util.Objects;

/** Identity of one immutable plan version: every quote records it. */
public record PlanKey(String planId, int version) implements Comparable<PlanKey> {
    public PlanKey {
        Objects.requireNonNull(planId, "planId");
        if (planId.isBlank()) throw new IllegalArgumentException("planId is blank");
        if (version < 1) throw new IllegalArgumentException("plan version must be >= 1, got " + version);
    }

    @Override
    public int compareTo(PlanKey o) {
        int c = planId.compareTo(o.planId);
        return c != 0 ? c : Integer.compare(version, o.version);
    }

    @Override
    public String toString() { return planId + "@v" + version; }
}
