package io.telerisk.hub.api;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One dependency {@code GET /health} probes. The probe blocks (it runs on a worker), returns a short detail when
 * healthy and throws when not.
 */
public record HealthCheck(String name, Callable<String> probe) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }
}
