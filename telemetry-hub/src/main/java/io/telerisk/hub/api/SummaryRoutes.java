package io.telerisk.hub.api;

import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;


/**
 * Daily usage and trips (by local start day) of vehicles, wearable days, farm days: the aggregates every role may read,
 * each a day range answered in the list envelope ({@code offset}/{@code limit}; {@code total} = rows in the range).
 */
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

    /** The device and day range, then one page of its summaries in the list envelope. */
    private static JsonObject result(RegisteredDevice d, Params.DayRange r, JsonObject page) {
        return new JsonObject().put("device", ApiJson.key(d.key())).put("from", r.from().toString())
                .put("to", r.toExclusive().toString()).mergeIn(page);
    }

    /** Day lists hold at most {@link #MAX_DAYS} rows, so by default a whole range comes in one page. */
    private ListPage.Request dayPage(RoutingContext ctx) {
        return ListPage.request(ctx, MAX_DAYS, s.config().maxLimit());
    }

    private void dailyUsage(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            ListPage.Request page = dayPage(ctx);
            RegisteredDevice d = device(ctx, DeviceType.VEHICLE);
            return result(d, r, ListPage.slice(summaries().dailyUsage(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive()),
                    page, ApiJson::dailyUsage));
        });
    }

    /** Trips are many per day: paged in SQL with a COUNT. */
    private void trips(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            ListPage.Request page = ListPage.request(ctx, 1000, s.config().maxLimit());
            RegisteredDevice d = device(ctx, DeviceType.VEHICLE);
            String tenant = d.key().tenant(), id = d.key().deviceId();
            return result(d, r, ListPage.of(summaries().trips(tenant, id, r.from(), r.toExclusive(), page.offset(), page.limit()),
                    summaries().tripCount(tenant, id, r.from(), r.toExclusive()), page, ApiJson::trip));
        });
    }

    private void wearableDays(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            ListPage.Request page = dayPage(ctx);
            RegisteredDevice d = device(ctx, DeviceType.WEARABLE);
            return result(d, r, ListPage.slice(summaries().wearableDays(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive()),
                    page, ApiJson::wearableDay));
        });
    }

    private void farmDays(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Params.DayRange r = Params.days(ctx, MAX_DAYS);
            ListPage.Request page = dayPage(ctx);
            RegisteredDevice d = device(ctx, DeviceType.FARM_SENSOR);
            return result(d, r, ListPage.slice(summaries().farmDays(d.key().tenant(), d.key().deviceId(), r.from(), r.toExclusive()),
                    page, ApiJson::farmDay));
        });
    }
}
