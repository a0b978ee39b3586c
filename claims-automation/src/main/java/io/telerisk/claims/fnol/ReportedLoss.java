package io.telerisk.claims.fnol;

import io.telerisk.model.GnssFix;

import java.time.Instant;
import java.util.Objects;

/**
 * A loss reported by a person.
 *
 * @param reportedBy       who reported it
 * @param lossTime         when they say it happened
 * @param place            where they say it happened, or {@code null}
 * @param collision        whether they report a collision (then telemetry should show an impulse)
 * @param claimedAmount    amount claimed, or {@code null}
 * @param description      free text
 */
public record ReportedLoss(String reportedBy, Instant lossTime, GnssFix place, boolean collision,
                           java.math.BigDecimal claimedAmount, String description) {
    public ReportedLoss {
        Objects.requireNonNull(reportedBy, "reportedBy");
        Objects.requireNonNull(lossTime, "lossTime");
    }
}
