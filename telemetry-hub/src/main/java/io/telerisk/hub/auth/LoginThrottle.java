package io.telerisk.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on {@code POST /api/v1/auth/token}: after {@code maxFailures} wrong passwords for one
 * username within {@code window}, further attempts for it are refused until the window has passed since the first
 * failure. A success clears the count. Per hub instance and in memory (a restart forgets), which is enough to make
 * online guessing impractical next to PBKDF2's cost. Thread-safe.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** Bound on tracked usernames, so a flood of random names cannot grow memory without limit. */
    private static final int MAX_TRACKED = 100_000;

    private record Failures(Instant first, int count) {
    }

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be >= 1");
        this.maxFailures = maxFailures;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Five failures per username per 15 minutes. */
    public static LoginThrottle defaults(Clock clock) {
        return new LoginThrottle(5, Duration.ofMinutes(15), clock);
    }

    /** How long this username must wait before trying again; zero when it may try now. */
    public Duration retryAfter(String username) {
        Failures f = failures.get(username);
        if (f == null || f.count() < maxFailures) return Duration.ZERO;
        Duration left = Duration.between(clock.instant(), f.first().plus(window));
        if (left.isNegative() || left.isZero()) {
            failures.remove(username, f);
            return Duration.ZERO;
        }
        return left;
    }

    public void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) failures.values().removeIf(f -> f.first().plus(window).isBefore(now));
        failures.compute(username, (k, f) -> f == null || f.first().plus(window).isBefore(now)
                ? new Failures(now, 1) : new Failures(f.first(), f.count() + 1));
    }

    public void succeeded(String username) {
        failures.remove(username);
    }
}
