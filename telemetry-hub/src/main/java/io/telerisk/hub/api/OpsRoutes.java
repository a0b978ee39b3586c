package io.telerisk.hub.api;

import io.telerisk.hub.auth.Principal;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.ingest.DeadLetterQuery;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.hub.privacy.ClaimAccessGrant;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Topic;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Health (overall, liveness, readiness), metrics, ingest stats, dead letters, the location access log and claim
 * grants.
 */
final class OpsRoutes {
    private static final long HEALTH_TIMEOUT_MS = 3000;
    private final ApiServices s;

    OpsRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.GET, "/health", false, ctx -> health(ctx, s.healthChecks()));
        t.add(HttpMethod.GET, "/health/live", false, this::live);
        t.add(HttpMethod.GET, "/health/ready", false,
                ctx -> health(ctx, s.healthChecks().stream().filter(HealthCheck::readiness).toList()));
        t.add(HttpMethod.GET, "/metrics", false, this::metrics);
        t.add(HttpMethod.GET, "/api/v1/stats/ingest", true, this::ingestStats);
        t.add(HttpMethod.GET, "/api/v1/stats/ingest/rates", true, this::ingestRates);
        t.add(HttpMethod.GET, "/api/v1/dead-letters", true, this::deadLetters);
        t.add(HttpMethod.GET, "/api/v1/tenants", true, this::tenants);
        t.add(HttpMethod.GET, "/api/v1/location-access", true, this::locationAccess);
        t.add(HttpMethod.POST, "/api/v1/claim-grants", true, this::grant);
    }

    /** The process answers on its event loop: nothing else is probed, so a slow database never restarts the hub. */
    private void live(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", "up").encode());
    }

    private void health(RoutingContext ctx, List<HealthCheck> probed) {
        List<Future<JsonObject>> checks = new ArrayList<>();
        for (HealthCheck c : probed) {
            long start = System.nanoTime();
            Future<JsonObject> f = ctx.vertx().executeBlocking(c.probe(), false)
                    .map(detail -> new JsonObject().put("status", "up").put("detail", detail))
                    .otherwise(e -> new JsonObject().put("status", "down").put("detail", String.valueOf(e.getMessage())))
                    .map(o -> o.put("latencyMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            // A hanging dependency must not hang the probe.
            f = f.timeout(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .otherwise(e -> new JsonObject().put("status", "down").put("detail", "no answer within " + HEALTH_TIMEOUT_MS + " ms"));
            checks.add(f);
        }
        Future.join(checks).onComplete(ar -> {
            JsonObject out = new JsonObject();
            boolean up = true;
            for (int i = 0; i < checks.size(); i++) {
                JsonObject r = checks.get(i).result();
                up &= "up".equals(r.getString("status"));
                out.put(probed.get(i).name(), r);
            }
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("status", up ? "up" : "down").put("checks", out).encode());
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> s.metrics().scrape(), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.fail(ctx, ar.cause());
                return;
            }
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
        });
    }

    private void ingestStats(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            String tenant = statsTenant(ctx);
            if (tenant == null) {
                // refused MQTT CONNECTs on this hub's built-in endpoint since start: wrong or revoked credentials (a counter,
                // not a list of names, so a flood of made-up usernames costs no memory)
                return ApiJson.ingestStats(s.ingestStats().snapshot()).put("deviceLoginsRefused", s.ingestStats().connectionsRejected())
                        .put("scope", "hub");
            }
            IngestStats mine = s.ingestStats().ofTenant(tenant);
            JsonObject own = ApiJson.ingestStats((mine == null ? new IngestStats(s.clock()) : mine).snapshot());
            own.remove("spooled"); // the disk spool is the hub's, not a tenant's
            own.remove("spoolReplayed");
            return own.put("scope", "tenant").put("tenant", tenant);
        });
    }

    /** Per-minute counts of the last hour, this hub only (an in-memory ring: each hub answers for itself). */
    private void ingestRates(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            String tenant = statsTenant(ctx);
            if (tenant == null) return ApiJson.ingestRates(s.ingestStats().rates().lastHour());
            IngestStats mine = s.ingestStats().ofTenant(tenant);
            return ApiJson.ingestRates((mine == null ? new IngestStats(s.clock()) : mine).rates().lastHour())
                    .put("scope", "tenant").put("tenant", tenant);
        });
    }

    /**
     * Whose ingest figures a caller gets: null for the whole hub (a platform operator naming no tenant), else a
     * tenant (a tenant operator's own, or the one a platform operator names). The hub's totals are platform-wide and
     * never shown to a tenant.
     */
    private static String statsTenant(RoutingContext ctx) {
        var p = Scope.operator(ctx);
        if (p.has(Role.PLATFORM_OPERATOR) && Params.query(ctx, "tenant") == null) return null;
        return Scope.tenant(ctx);
    }

    /** The platform's tenants (platform operators only): users and registered devices of each. */
    private void tenants(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.require(ctx, Role.PLATFORM_OPERATOR);
            ListPage.Request page = ListPage.request(ctx, 100, s.config().maxLimit());
            var found = s.users().tenants(page.offset(), page.limit());
            return ListPage.of(found.items(), found.total(), page, t -> new JsonObject().put("tenant", t.tenant())
                    .put("users", t.users()).put("devices", s.registry().search(new io.telerisk.hub.registry.DeviceQuery(
                            t.tenant(), null, null, null, null, null, null, 0, 1)).total()));
        });
    }

    private void deadLetters(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal who = Scope.operator(ctx);
            String tenant = Scope.tenantOrAll(ctx);
            // Payloads may hold positions (malformed telemetry); a platform operator reading another tenant's, or every
            // tenant's, gets the reasons and sizes but not the payloads: those stay with the tenant's own operators.
            boolean withhold = tenant == null || !tenant.equals(who.tenant());
            ListPage.Request page = ListPage.request(ctx, 100, Math.min(1000, s.config().maxLimit()));
            String reasonParam = Params.query(ctx, "reason");
            RejectReason reason = null;
            if (reasonParam != null) {
                try {
                    reason = RejectReason.valueOf(reasonParam.trim().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("parameter 'reason' = '" + Params.echo(reasonParam) + "' is not one of "
                            + java.util.Arrays.stream(RejectReason.values()).map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                            .collect(java.util.stream.Collectors.joining(", ")));
                }
            }
            String device = Params.query(ctx, "device");
            if (device != null) Params.segment("device", device);
            String from = Params.query(ctx, "from");
            String to = Params.query(ctx, "to");
            Instant fromT = from == null ? null : Params.instant("from", from);
            Instant toT = to == null ? null : Params.instant("to", to);
            if (s.deadLetters() == null) throw ApiException.unavailable("dead letters are not available on this hub");
            DeadLetterQuery.Page found = s.deadLetters().search(
                    new DeadLetterQuery(tenant, reason, device, fromT, toT, page.offset(), page.limit()));
            return ListPage.of(found.items(), found.total(), page, withhold ? ApiJson::deadLetterWithheld : ApiJson::deadLetter).put("tenant", tenant == null ? "*" : tenant)
                    .put("scanned", found.scanned());
        });
    }

    private void locationAccess(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.operator(ctx);
            String tenant = Scope.tenant(ctx);
            Params.Range r = Params.range(ctx, s.clock().instant().plusSeconds(1), Duration.ofDays(30));
            ListPage.Request page = ListPage.request(ctx, 100, s.config().maxLimit());
            return new JsonObject().put("tenant", tenant).put("from", r.from().toString()).put("to", r.to().toString())
                    .mergeIn(ListPage.of(s.accessLog().list(tenant, r.from(), r.to(), page.offset(), page.limit()),
                            s.accessLog().count(tenant, r.from(), r.to()), page, ApiJson::access));
        });
    }

    private void grant(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.operator(ctx);
            String tenant = Scope.tenant(ctx);
            JsonObject b = Params.body(ctx);
            String claim = Params.segment("claimId", Params.string(b, "claimId", true));
            DeviceType type = Params.deviceType(Params.string(b, "type", true));
            String id = Params.segment("device id", Params.string(b, "deviceId", true));
            Instant from = Params.instant("from", Params.string(b, "from", true));
            Instant to = Params.instant("to", Params.string(b, "to", true));
            if (!from.isBefore(to)) throw ApiException.badRequest("'from' must be before 'to'");
            DeviceKey key = new DeviceKey(tenant, type, id);
            if (s.registry().find(key).isEmpty()) throw ApiException.notFound("no " + type.wireName() + " '" + id + "' in tenant " + tenant);
            if (s.grants().find(claim, key).isPresent()) throw ApiException.conflict("claim '" + claim + "' already has a grant for " + id);
            s.grants().grant(new ClaimAccessGrant(claim, key, from, to));
            return new RouteTable.Reply(201, new JsonObject().put("claimId", claim).put("device", ApiJson.key(key))
                    .put("from", from.toString()).put("to", to.toString()), Map.of());
        });
    }
}
