package io.telerisk.hub.retention;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/** Per-tenant retention policies with a default for tenants not listed. Immutable, thread-safe. */
public final class RetentionPolicies {
    private final RetentionPolicy fallback;
    private final Map<String, RetentionPolicy> byTenant;

    public RetentionPolicies(RetentionPolicy fallback, Map<String, RetentionPolicy> byTenant) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.byTenant = Map.copyOf(byTenant);
    }

    /** {@link RetentionPolicy#DEFAULT} for every tenant. */
    public static RetentionPolicies defaults() {
        return new RetentionPolicies(RetentionPolicy.DEFAULT, Map.of());
    }

    /** The policy of a tenant. */
    public RetentionPolicy of(String tenant) {
        return byTenant.getOrDefault(tenant, fallback);
    }

    /** The zone a tenant's days are counted in. */
    public ZoneId zone(String tenant) {
        return of(tenant).zone();
    }
}
