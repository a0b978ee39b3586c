package io.telerisk.hub.api;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.privacy.ClaimAccessGrant;
import io.telerisk.hub.privacy.LocationAccess;
import io.telerisk.hub.privacy.LocationDecision;
import io.telerisk.hub.privacy.LocationPolicy.Resource;
import io.telerisk.hub.privacy.LocationStripper;
import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.store.Aggregate;
import io.telerisk.hub.store.SampleFields;
import io.telerisk.hub.store.SeriesPoint;
import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.model.DeviceKey;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;

/**
 * Raw telemetry, downsampled series and events of one device, filtered by the {@link io.telerisk.hub.privacy}
 * rules: positions are removed, denied or served-and-logged depending on the caller. Each answers the list envelope:
 * raw samples and events page through the time window with {@code offset}/{@code limit} and count it in
 * {@code total}; a series is one chart, never paged ({@code total} = its non-empty buckets, {@code limit} = the
 * buckets the range holds).
 */
final class TelemetryRoutes {
    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);
    private final ApiServices s;

    TelemetryRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.GET, "/api/v1/devices/:type/:id/telemetry", true, this::raw);
        t.add(HttpMethod.GET, "/api/v1/devices/:type/:id/series", true, this::series);
        t.add(HttpMethod.GET, "/api/v1/devices/:type/:id/events", true, this::events);
    }

    /**
     * The decision for one read; logs it first when it will reveal positions or raw health data, so no such read goes
     * unlogged.
     */
    private LocationDecision decide(RoutingContext ctx, Principal who, DeviceKey key, Params.Range range,
                                    Resource resource, String field) {
        String claim = Params.query(ctx, "claim");
        if (claim != null) Params.segment("claim", claim);
        ClaimAccessGrant grant = claim == null ? null : s.grants().find(claim, key).orElse(null);
        LocationDecision d = s.policy().decide(who, key, range.from(), range.to(), claim, grant, resource, field);
        if (d instanceof LocationDecision.Denied denied) throw ApiException.forbidden(denied.reason());
        if (d instanceof LocationDecision.Full full) {
            s.accessLog().append(new LocationAccess(s.clock().instant(), who.username(), full.role(), key,
                    range.from(), range.to(), full.claimId(), resource.logName()));
        }
        if (d instanceof LocationDecision.RawHealth health) {
            s.accessLog().append(new LocationAccess(s.clock().instant(), who.username(), health.role(), key,
                    range.from(), range.to(), null, "health-" + resource.logName()));
        }
        return d;
    }

    private static String positions(LocationDecision d) {
        if (d instanceof LocationDecision.Full) return "included";
        if (d instanceof LocationDecision.Stripped) return "removed";
        return "none";
    }

    private void raw(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal who = Scope.principal(ctx);
            String tenant = Scope.tenant(ctx);
            Params.Range range = Params.range(ctx, s.clock().instant(), DEFAULT_SPAN);
            ListPage.Request page = ListPage.request(ctx, 1000, s.config().maxLimit());
            RegisteredDevice device = DeviceRoutes.device(s, ctx, tenant);
            LocationDecision d = decide(ctx, who, device.key(), range, Resource.RAW_TELEMETRY, null);
            List<StoredSample> samples = s.store().raw(device.key(), range.from(), range.to(), page.offset(), page.limit());
            boolean strip = d instanceof LocationDecision.Stripped;
            JsonArray items = new JsonArray();
            for (StoredSample ss : samples) {
                items.add(ApiJson.sample(ss.sequence(), strip ? LocationStripper.strip(ss.sample()) : ss.sample()));
            }
            long total = s.store().rawCount(device.key(), range.from(), range.to());
            return envelope(device.key(), range, d).mergeIn(ListPage.of(items, total, page));
        });
    }

    private void series(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal who = Scope.principal(ctx);
            String tenant = Scope.tenant(ctx);
            boolean healthRules = !who.isOperator()
                    && Params.deviceType(ctx.pathParam("type")) == io.telerisk.model.DeviceType.WEARABLE;
            String bucketParam = Params.query(ctx, "bucket");
            Duration bucket = bucketParam != null ? Params.bucket(bucketParam)
                    : healthRules ? io.telerisk.hub.privacy.LocationPolicy.MIN_HEALTH_BUCKET : Duration.ofMinutes(5);
            // health series for non-operators come in whole buckets: the default range ends on the last full one
            java.time.Instant now = s.clock().instant();
            if (healthRules) now = java.time.Instant.ofEpochMilli(now.toEpochMilli() / bucket.toMillis() * bucket.toMillis());
            Params.Range range = Params.range(ctx, now, DEFAULT_SPAN);
            String field = Params.requiredQuery(ctx, "field");
            Aggregate agg = Params.aggregate(Params.query(ctx, "agg"));
            long buckets = (Duration.between(range.from(), range.to()).toMillis() + bucket.toMillis() - 1) / bucket.toMillis();
            if (buckets > s.config().maxBuckets()) {
                throw ApiException.badRequest("range / bucket gives " + buckets + " buckets; at most " + s.config().maxBuckets()
                        + " (use a larger bucket or a shorter range)");
            }
            RegisteredDevice device = DeviceRoutes.device(s, ctx, tenant);
            try {
                SampleFields.numericField(device.key().type(), field);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage().replace(field, Params.echo(field)));
            }
            s.policy().healthSeriesProblem(who, device.key(), range.from(), range.to(), bucket).ifPresent(reason -> {
                throw ApiException.forbidden(reason);
            });
            LocationDecision d = decide(ctx, who, device.key(), range, Resource.SERIES, field);
            List<SeriesPoint> points = s.store().downsampled(device.key(), field, range.from(), range.to(), bucket, agg);
            JsonArray items = new JsonArray();
            points.forEach(p -> items.add(ApiJson.point(p)));
            // one chart, never paged: bounded by max-buckets, every non-empty bucket of the range in one answer
            return envelope(device.key(), range, d).put("field", field).put("bucket", bucket.toString())
                    .put("agg", agg.name().toLowerCase(java.util.Locale.ROOT))
                    .mergeIn(ListPage.of(items, items.size(), new ListPage.Request(0, (int) Math.max(1, buckets))));
        });
    }

    private void events(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal who = Scope.principal(ctx);
            String tenant = Scope.tenant(ctx);
            Params.Range range = Params.range(ctx, s.clock().instant(), DEFAULT_SPAN);
            ListPage.Request page = ListPage.request(ctx, 1000, s.config().maxLimit());
            RegisteredDevice device = DeviceRoutes.device(s, ctx, tenant);
            LocationDecision d = decide(ctx, who, device.key(), range, Resource.EVENTS, null);
            List<StoredEvent> events = s.store().events(device.key(), range.from(), range.to(), page.offset(), page.limit());
            boolean strip = d instanceof LocationDecision.Stripped;
            JsonArray items = new JsonArray();
            for (StoredEvent e : events) {
                items.add(ApiJson.event(e.sequence(), strip ? LocationStripper.strip(e.event()) : e.event()));
            }
            long total = s.store().eventCount(device.key(), range.from(), range.to());
            return envelope(device.key(), range, d).mergeIn(ListPage.of(items, total, page));
        });
    }

    private static JsonObject envelope(DeviceKey key, Params.Range range, LocationDecision d) {
        JsonObject o = new JsonObject().put("device", ApiJson.key(key)).put("from", range.from().toString())
                .put("to", range.to().toString()).put("positions", positions(d));
        if (d instanceof LocationDecision.Full f && f.claimId() != null) o.put("claim", f.claimId());
        return o;
    }
}
