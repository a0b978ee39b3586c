package io.telerisk.hub.api;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One dependency {@code GET /health} probes. The probe blocks (it runs on a worker), returns a short detail when
 * healthy and throws when not. A readiness check also decides {@code GET /health/ready}: the hub should get work
 * (API traffic from a load balancer, a place in the broker group) only while every readiness check is up.
 *
 * @param readiness whether {@code /health/ready} includes this check
 */
public record HealthCheck(String name, Callable<String> probe, boolean readiness) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }

    /** A check that counts for readiness. */
    public HealthCheck(String name, Callable<String> probe) {
        this(name, probe, true);
    }
}
