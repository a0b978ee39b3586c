package io.telerisk.hub.command;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the {@link CommandOutbox}: how many undelivered commands are kept per device (adding one more drops the
 * oldest) and how long an undelivered command is kept. Configured with {@code telerisk.commands.outbox-max-pending}
 * and {@code telerisk.commands.outbox-expiry}.
 *
 * @param maxPendingPerDevice pending commands kept per device; a device offline for long gets the newest
 * @param expiry              how long an undelivered command is kept
 */
public record OutboxLimits(int maxPendingPerDevice, Duration expiry) {
    /** 100 per device, 24 hours. */
    public static final OutboxLimits DEFAULTS = new OutboxLimits(100, Duration.ofHours(24));

    public OutboxLimits {
        Objects.requireNonNull(expiry, "expiry");
        if (maxPendingPerDevice < 1) throw new IllegalArgumentException("maxPendingPerDevice must be >= 1: " + maxPendingPerDevice);
        if (expiry.isNegative() || expiry.isZero()) throw new IllegalArgumentException("expiry must be positive: " + expiry);
    }
}
