package io.telerisk.hub.api;

import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.config.ApiConfig;
import io.telerisk.hub.ingest.DeadLetterStore;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.metrics.HubMetrics;
import io.telerisk.hub.pricing.PricingApi;
import io.telerisk.hub.privacy.ClaimAccessGrants;
import io.telerisk.hub.privacy.LocationAccessLog;
import io.telerisk.hub.privacy.LocationPolicy;
import io.telerisk.hub.registry.DeviceStatusTracker;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.summary.SummaryRepository;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything the REST API talks to, wired by the hub. {@code summaries}, {@code deadLetters} and {@code pricing} may be null when
 * that part of the hub is not running; their endpoints then answer 503.
 */
public record ApiServices(ApiConfig config, Clock clock, JdbcDeviceRegistry registry, DeviceStatusTracker statuses,
                          UserStore users, TokenService tokens, TelemetryStore store, SummaryRepository summaries,
                          IngestStats ingestStats, DeadLetterStore deadLetters, ClaimAccessGrants grants,
                          LocationAccessLog accessLog, LocationPolicy policy, HubMetrics metrics,
                          List<HealthCheck> healthChecks, PricingApi pricing, io.telerisk.hub.agri.AgriApi agri,
                          io.telerisk.hub.claims.ClaimsApi claims) {
    /** Without claims: its endpoints then answer 503. */
    public ApiServices(ApiConfig config, Clock clock, JdbcDeviceRegistry registry, DeviceStatusTracker statuses,
                       UserStore users, TokenService tokens, TelemetryStore store, SummaryRepository summaries,
                       IngestStats ingestStats, DeadLetterStore deadLetters, ClaimAccessGrants grants,
                       LocationAccessLog accessLog, LocationPolicy policy, HubMetrics metrics, List<HealthCheck> healthChecks,
                       PricingApi pricing, io.telerisk.hub.agri.AgriApi agri) {
        this(config, clock, registry, statuses, users, tokens, store, summaries, ingestStats, deadLetters, grants, accessLog,
                policy, metrics, healthChecks, pricing, agri, null);
    }

    /** Without crop credit ({@code agri}): its endpoints then answer 503. */
    public ApiServices(ApiConfig config, Clock clock, JdbcDeviceRegistry registry, DeviceStatusTracker statuses,
                       UserStore users, TokenService tokens, TelemetryStore store, SummaryRepository summaries,
                       IngestStats ingestStats, DeadLetterStore deadLetters, ClaimAccessGrants grants,
                       LocationAccessLog accessLog, LocationPolicy policy, HubMetrics metrics, List<HealthCheck> healthChecks,
                       PricingApi pricing) {
        this(config, clock, registry, statuses, users, tokens, store, summaries, ingestStats, deadLetters, grants, accessLog,
                policy, metrics, healthChecks, pricing, null, null);
    }

    /** Without pricing: its endpoints then answer 503. */
    public ApiServices(ApiConfig config, Clock clock, JdbcDeviceRegistry registry, DeviceStatusTracker statuses,
                       UserStore users, TokenService tokens, TelemetryStore store, SummaryRepository summaries,
                       IngestStats ingestStats, DeadLetterStore deadLetters, ClaimAccessGrants grants,
                       LocationAccessLog accessLog, LocationPolicy policy, HubMetrics metrics, List<HealthCheck> healthChecks) {
        this(config, clock, registry, statuses, users, tokens, store, summaries, ingestStats, deadLetters, grants, accessLog,
                policy, metrics, healthChecks, null);
    }

    public ApiServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ingestStats, "ingestStats");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(metrics, "metrics");
        healthChecks = List.copyOf(healthChecks);
    }
}
