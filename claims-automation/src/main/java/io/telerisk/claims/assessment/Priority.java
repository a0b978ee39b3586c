package io.telerisk.claims.assessment;

import java.time.Duration;

/** Adjuster queue priority with its service-level target (time from FNOL to first decision). */
public enum Priority {
    P1(Duration.ofHours(4)), P2(Duration.ofHours(24)), P3(Duration.ofDays(3)), P4(Duration.ofDays(5));

    private final Duration sla;

    Priority(Duration sla) {
        this.sla = sla;
    }

    public Duration sla() {
        return sla;
    }
}
