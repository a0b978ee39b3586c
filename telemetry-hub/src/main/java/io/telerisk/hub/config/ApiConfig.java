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
 */
public record ApiConfig(String host, int port, Duration tokenTtl, int maxLimit, int maxBuckets, int bodyLimitBytes,
                        ApiTls tls, Duration drainDelay) {
    public ApiConfig {
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
        this(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, ApiTls.NONE, Duration.ZERO);
    }

    /** 127.0.0.1:8080 over HTTP, tokens valid 1 h, at most 10 000 rows or buckets per request, 64 KiB bodies, no drain delay. */
    public static ApiConfig defaults() {
        return new ApiConfig("127.0.0.1", 8080, Duration.ofHours(1), 10_000, 10_000, 64 * 1024);
    }

    public ApiConfig withPort(String host, int port) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, tls, drainDelay);
    }

    public ApiConfig withTls(ApiTls t) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, t, drainDelay);
    }

    public ApiConfig withDrainDelay(Duration d) {
        return new ApiConfig(host, port, tokenTtl, maxLimit, maxBuckets, bodyLimitBytes, tls, d);
    }
}
