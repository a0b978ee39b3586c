package io.telerisk.hub.api;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.privacy.LocationAccess;
import io.telerisk.hub.privacy.LocationDecision;
import io.telerisk.hub.privacy.LocationPolicy.Resource;
import io.telerisk.hub.registry.DeviceQuery;
import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.hub.registry.DeviceStatus;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.LastFix;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.VehicleSample;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The fleet map's data: one page of the tenant's vehicles (filtered like {@code GET /devices}) with each one's last
 * known position, however old ({@link LastFix}: a fleet replaying past days has positions from its first minute), and
 * its age. Positions are personal data, so the read goes through the {@link io.telerisk.hub.privacy} rules
 * like every other position read: operators only, and each vehicle's read is appended to the location access log
 * (resource {@code last-position}, the range searched) before its position is read.
 */
final class FleetRoutes {
    /** Pages stay small: every vehicle on a page is one logged read and up to a few store queries. */
    static final int MAX_PAGE = 200;
    /** Device clocks may run a little ahead of the hub's: a fix stamped just after "last seen" still counts. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
    private final ApiServices s;
    private final LastFix lastFix;

    FleetRoutes(ApiServices s) {
        this.s = s;
        this.lastFix = new LastFix(s.store());
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.GET, "/api/v1/fleet/positions", true, this::positions);
    }

    private void positions(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal who = Scope.principal(ctx);
            String tenant = Scope.tenant(ctx);
            LocationDecision.Full allowed = allowed(who, tenant);
            String statusParam = Params.query(ctx, "status");
            Boolean online = statusParam == null ? null : switch (statusParam) {
                case "online" -> Boolean.TRUE;
                case "offline" -> Boolean.FALSE;
                default -> throw ApiException.badRequest("parameter 'status' = '" + Params.echo(statusParam) + "' is not online or offline");
            };
            ListPage.Request page = ListPage.request(ctx, 50, Math.min(MAX_PAGE, s.config().maxLimit()));
            JdbcDeviceRegistry.DevicePage found = s.registry().search(new DeviceQuery(tenant, DeviceType.VEHICLE, null, online,
                    null, null, Params.query(ctx, "q"), page.offset(), page.limit()));
            int logged = 0;
            JsonArray items = new JsonArray();
            for (RegisteredDevice d : found.items()) {
                Optional<DeviceStatus> status = s.statuses().status(d.key());
                Instant lastSeen = status.map(DeviceStatus::lastSeen).orElse(null);
                VehicleSample fix = null;
                if (lastSeen != null) {
                    Instant to = lastSeen.plus(CLOCK_SLACK);
                    Instant from = LastFix.windowStart(to);
                    // logged before the read, as every position read: no position leaves the hub unlogged
                    s.accessLog().append(new LocationAccess(s.clock().instant(), who.username(), allowed.role(), d.key(), from, to,
                            null, Resource.LAST_POSITION.logName()));
                    logged++;
                    fix = lastFix.before(d.key(), to).orElse(null);
                }
                items.add(ApiJson.device(d, status).put("position", fix == null ? null : ApiJson.position(fix)
                        .put("ageSeconds", Math.max(0, Duration.between(fix.time(), s.clock().instant()).toSeconds()))));
            }
            return ListPage.of(items, found.total(), page).put("tenant", tenant).put("positions", "included").put("logged", logged);
        });
    }

    /**
     * The privacy rules' answer for this caller on the tenant's vehicles' last positions (it depends on the role, not
     * on the vehicle); 403 with the rule's reason for anyone they do not let read positions.
     */
    private LocationDecision.Full allowed(Principal who, String tenant) {
        Instant now = s.clock().instant();
        LocationDecision d = s.policy().decide(who, new DeviceKey(tenant, DeviceType.VEHICLE, "fleet"), now, now, null, null,
                Resource.LAST_POSITION, null);
        if (d instanceof LocationDecision.Full full) return full;
        throw ApiException.forbidden(d instanceof LocationDecision.Denied denied ? denied.reason()
                : "last positions of the fleet are readable by operators only");
    }
}
