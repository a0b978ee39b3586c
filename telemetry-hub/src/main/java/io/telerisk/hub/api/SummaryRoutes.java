package io.telerisk.hub.api;

import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;


/** Daily usage and trips (by local start day) of vehicles, wearable days, farm days: the aggregates every role may read. */
final class SummaryRoutes {
    /** Longest day range per request (about three years). */
    static final int MAX_DAYS = 1100;
    private final ApiServices s;

    SummaryRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.GET, "/api/v1/devices/vehicle/:id/daily-usage", true, this::dailyUsage);
        t.add(HttpMethod.GET, "/api/v1/devices/vehicle/:id/trips", true, this::trips);
        t.add(HttpMethod.GET, "/api/v1/devices/wearable/:id/wearable-days", true, this::wearableDays);
        t.add(HttpMethod.GET, "/api/v1/devices/farm-sensor/:id/farm-days", true, this::farmDays);
    }

    private RegisteredDevice device(RoutingContext ctx, DeviceType type) {
        String tenant = Scope.tenant(ctx);
        String id = Params.segment("device id", ctx.pathParam("id"));
        return s.registry().find(new DeviceKey(tenant, type, id))
                .orElseThrow(() -> ApiException.notFound("no " + type.wireName() + " '" + id + "' in tenant " + tenant));
    }

    private SummaryRepository summaries() {
        if (s.summaries() == null) throw ApiException.unavailable("summaries are not available on this hub");
        return s.summaries();
    }

    private static JsonObject result(RegisteredDevice d, Object from, Object to, JsonArray items) {
        return new JsonObject().put("device", ApiJson.key(d.key())).put("from", from.toString()).put("to", to.toString())
                .put("count", items.size()).put("items", items);
    }

    private void dailyUsage(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            RegisteredDevice d = device(ctx, DeviceType.VEHICLE);
            JsonArray items = new JsonArray();
            summaries().dailyUsage(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive())
                    .forEach(u -> items.add(ApiJson.dailyUsage(u)));
            return result(d, r.from(), r.toExclusive(), items);
        });
    }

    private void trips(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            int limit = Params.limit(ctx, 1000, s.config().maxLimit());
            RegisteredDevice d = device(ctx, DeviceType.VEHICLE);
            JsonArray items = new JsonArray();
            summaries().trips(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive()).stream().limit(limit)
                    .forEach(t -> items.add(ApiJson.trip(t)));
            return result(d, r.from(), r.toExclusive(), items).put("limit", limit).put("truncated", items.size() >= limit);
        });
    }

    private void wearableDays(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            RegisteredDevice d = device(ctx, DeviceType.WEARABLE);
            JsonArray items = new JsonArray();
            summaries().wearableDays(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive())
                    .forEach(w -> items.add(ApiJson.wearableDay(w)));
            return result(d, r.from(), r.toExclusive(), items);
        });
    }

    private void farmDays(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            RegisteredDevice d = device(ctx, DeviceType.FARM_SENSOR);
            JsonArray items = new JsonArray();
            summaries().farmDays(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive())
                    .forEach(f -> items.add(ApiJson.farmDay(f)));
            return result(d, r.from(), r.toExclusive(), items);
        });
    }
}
