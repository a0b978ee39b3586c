package io.telerisk.hub.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the REST API. The JWT signing key is deliberately not here: it is generated into the system of record
 * (see {@code io.telerisk.hub.auth.SigningKeys}) so it never appears in files that get committed or logged.
 *
 * @param host          interface the HTTP server binds to
 * @param port          HTTP port (0 picks a free one)
 * @param tokenTtl      lifetime of issued bearer tokens
 * @param maxLimit      the largest {@code limit} a list request may ask for
 * @param maxBuckets    the most buckets a downsampled series may have
 * @param bodyLimitBytes largest accepted request body
 * @param tls           HTTPS key and certificate, or {@link ApiTls#NONE}
 * @param drainDelay    on stop, how long readiness reports "draining" before the hub stops taking work, so load
 *                      balancers and orchestrators take it out of rotation first
 * @param login         the login throttle's thresholds and the proxies whose forwarding headers name the client
 */
public record ApiConfig(String host, int port, Duration tokenTtl, int maxLimit, int maxBuckets, int bodyLimitBytes,
                        ApiTls tls, Duration drainDelay, Login login) {
    /**
     * How failed logins are slowed (see {@code io.telerisk.hub.auth.LoginThrottle}): per client address and per
     * username, a number of free failures, then a wait starting at 1 s and doubling up to the maximum.
     *
     * @param trustedProxies        peers whose {@code X-Forwarded-For}/{@code Forwarded} name the client address
     * @param sourceFreeFailures    failures per client address before it waits
     * @param sourceMaxDelay        longest wait of one client address
     * @param usernameFreeFailures  failures per username before it waits (keep it above the per-address allowance,
     *                              so one address cannot make a user wait)
     * @param usernameMaxDelay      longest wait of one username: the most anyone can make a user wait
     */
    public record Login(TrustedProxies trustedProxies, int sourceFreeFailures, Duration sourceMaxDelay,
                        int usernameFreeFailures, Duration usernameMaxDelay) {
        /** No trusted proxy; 10 failures per address then up to 15 min; 20 per username then up to 30 s. */
        public static final Login DEFAULTS = new Login(TrustedProxies.NONE, 10, Duration.ofMinutes(15), 20, Duration.ofSeconds(30));

        public Login {
            Objects.requireNonNull(trustedProxies, "trustedProxies");
            if (sourceFreeFailures < 0 || usernameFreeFailures < 0) throw new IllegalArgumentException("free login failures must be >= 0");
            if (sourceMaxDelay.toSeconds() < 1 || usernameMaxDelay.toSeconds() < 1) {
                throw new IllegalArgumentException("the longest login wait must be at least 1 s");
            }
        }

        public Login withTrustedProxies(TrustedProxies t) {
            return new Login(t, sourceFreeFailures, sourceMaxDelay, usernameFreeFailures, usernameMaxDelay);
        }
    }

    public ApiConfig {
        login = login == null ? Login.DEFAULTS : login;
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        tls = tls == null ? ApiTls.NONE : tls;
        drainDelay = drainDelay == null ? Duration.ZERO : drainDelay;
        if (drainDelay.isNegative()) throw new IllegalArgumentException("drain delay must not be negative");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("api port " + port + " not in 0..65535");
        if (tokenTtl.toSeconds() < 1) throw new IllegalArgumentException("token TTL must be at least 1 s");
        if (maxLimit < 1) throw new IllegalArgumentException("maxLimit must be >= 1");
        if (maxBuckets < 1) throw new IllegalArgumentException("maxBuckets must be >= 1");
        if (bodyLimitBytes < 1024) throw new IllegalArgumentException("bodyLimitBytes must be >= 1024");
    }

    /** Plain HTTP, no drain delay. */
    public ApiConfig(String host, int port, Duration tokenTtl, int maxLimit, int maxBuckets, int bodyLimitBytes) {
        this(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, ApiTls.NONE, Duration.ZERO, Login.DEFAULTS);
    }

    /** 127.0.0.1:8080 over HTTP, tokens valid 1 h, at most 10 000 rows or buckets per request, 64 KiB bodies, no drain delay. */
    public static ApiConfig defaults() {
        return new ApiConfig("127.0.0.1", 8080, Duration.ofHours(1), 10_000, 10_000, 64 * 1024);
    }

    public ApiConfig withPort(String host, int port) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, tls, drainDelay, login);
    }

    public ApiConfig withTls(ApiTls t) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, t, drainDelay, login);
    }

    public ApiConfig withDrainDelay(Duration d) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, tls, d, login);
    }

    public ApiConfig withLogin(Login l) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, tls, drainDelay, l);
    }
}
