package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.DeviceQuery;
import io.telerisk.hub.registry.DeviceState;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.registry.DeviceRegistry.RegisteredDevice;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The device registry over HTTP: register, list with filters, read (with status), issue MQTT credentials, disable,
 * enable and decommission.
 */
final class DeviceRoutes {
    private final ApiServices s;

    DeviceRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.POST, "/api/v1/devices", true, this::register);
        t.add(HttpMethod.GET, "/api/v1/devices", true, this::list);
        t.add(HttpMethod.GET, "/api/v1/devices/:type/:id", true, this::get);
        t.add(HttpMethod.POST, "/api/v1/devices/:type/:id/credentials", true, this::issueCredential);
        t.add(HttpMethod.POST, "/api/v1/devices/:type/:id/disable", true, ctx -> setState(ctx, DeviceState.DISABLED));
        t.add(HttpMethod.POST, "/api/v1/devices/:type/:id/enable", true, ctx -> setState(ctx, DeviceState.ACTIVE));
        t.add(HttpMethod.POST, "/api/v1/devices/:type/:id/decommission", true, ctx -> setState(ctx, DeviceState.DECOMMISSIONED));
        t.add(HttpMethod.GET, "/api/v1/refused-logins", true, this::refusedLogins);
    }

    /**
     * The device named by the path, in the caller's tenant; 404 when it is not there (including when it exists in
     * another tenant: existence in other tenants is never revealed).
     */
    static RegisteredDevice device(ApiServices s, RoutingContext ctx, String tenant) {
        DeviceType type = Params.deviceType(ctx.pathParam("type"));
        String id = Params.segment("device id", ctx.pathParam("id"));
        DeviceKey key = new DeviceKey(tenant, type, id);
        return s.registry().find(key).orElseThrow(() -> ApiException.notFound("no " + type.wireName() + " '" + id + "' in tenant " + tenant));
    }

    private void register(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.operator(ctx);
            String tenant = Scope.tenant(ctx);
            JsonObject body = Params.body(ctx);
            DeviceType type = Params.deviceType(Params.string(body, "type", true));
            String id = Params.segment("device id", Params.string(body, "id", true));
            String name = Params.string(body, "displayName", false);
            if (name != null && (name.length() > 200 || name.chars().anyMatch(c -> c < 0x20))) {
                throw ApiException.badRequest("field 'displayName' must be at most 200 printable characters");
            }
            String installed = Params.string(body, "installedAt", false);
            java.time.Instant installedAt = installed == null ? s.clock().instant() : Params.instant("installedAt", installed);
            if (installedAt.isAfter(s.clock().instant())) throw ApiException.badRequest("'installedAt' must not be in the future");
            RegisteredDevice d = s.registry().register(new DeviceKey(tenant, type, id), name, installedAt);
            return new RouteTable.Reply(201, ApiJson.device(d, java.util.Optional.empty()),
                    Map.of("Location", "/api/v1/devices/" + type.wireName() + "/" + id));
        });
    }

    private void list(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.principal(ctx);
            String tenant = Scope.tenant(ctx);
            String typeParam = Params.query(ctx, "type");
            DeviceType type = typeParam == null ? null : Params.deviceType(typeParam);
            String stateParam = Params.query(ctx, "state");
            DeviceState state;
            try {
                state = stateParam == null ? null : DeviceState.fromWire(stateParam);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("parameter 'state' = '" + Params.echo(stateParam) + "' is not active, disabled or decommissioned");
            }
            String statusParam = Params.query(ctx, "status");
            Boolean online = statusParam == null ? null : switch (statusParam) {
                case "online" -> Boolean.TRUE;
                case "offline" -> Boolean.FALSE;
                default -> throw ApiException.badRequest("parameter 'status' = '" + Params.echo(statusParam) + "' is not online or offline");
            };
            String before = Params.query(ctx, "seenBefore");
            String since = Params.query(ctx, "seenSince");
            ListPage.Request page = ListPage.request(ctx, 100, s.config().maxLimit());
            DeviceQuery q = new DeviceQuery(tenant, type, state, online, before == null ? null : Params.instant("seenBefore", before),
                    since == null ? null : Params.instant("seenSince", since), Params.query(ctx, "q"), page.offset(), page.limit());
            JdbcDeviceRegistry.DevicePage found = s.registry().search(q);
            return ListPage.of(found.items(), found.total(), page, d -> ApiJson.device(d, s.statuses().status(d.key())))
                    .put("tenant", tenant);
        });
    }

    /** Disable, enable or decommission: the device's credential stops (or starts) working at once; its session ends. */
    private void setState(RoutingContext ctx, DeviceState state) {
        RouteTable.blocking(ctx, () -> {
            Scope.operator(ctx);
            String tenant = Scope.tenant(ctx);
            RegisteredDevice d = device(s, ctx, tenant);
            RegisteredDevice changed = s.registry().setState(d.key(), state)
                    .orElseThrow(() -> ApiException.notFound("device " + d.key() + " disappeared"));
            return ApiJson.device(changed, s.statuses().status(changed.key()));
        });
    }

    private void get(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            String tenant = Scope.tenant(ctx);
            RegisteredDevice d = device(s, ctx, tenant);
            JsonObject out = ApiJson.device(d, s.statuses().status(d.key()));
            // who tried to log in as the device, and from where, is the operator's business only
            if (!Scope.principal(ctx).isOperator()) return out;
            return out.put("refusedLogins",
                    s.registry().refusedLogins().forDevice(tenant, d.key().deviceId()).map(ApiJson::refusedLogins).orElse(null))
                    .put("agentHealth", s.registry().agentHealth().latest(d.key()).map(ApiJson::agentHealth).orElse(null));
        });
    }

    /**
     * The tenant's refused device logins (MQTT CONNECTs the built-in endpoints of every hub refused), latest first:
     * a row per device, the tenant's unknown usernames in one row ({@code deviceId} null). Operators only.
     */
    private void refusedLogins(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.operator(ctx);
            String tenant = Scope.tenant(ctx);
            ListPage.Request page = ListPage.request(ctx, 100, s.config().maxLimit());
            var found = s.registry().refusedLogins().list(tenant, page.offset(), page.limit());
            return ListPage.of(found.items(), found.total(), page, ApiJson::refusedLogins).put("tenant", tenant);
        });
    }

    private void issueCredential(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.operator(ctx);
            String tenant = Scope.tenant(ctx);
            RegisteredDevice d = device(s, ctx, tenant);
            DeviceCredential c = s.registry().issueCredential(d.key())
                    .orElseThrow(() -> ApiException.notFound("device " + d.key() + " disappeared"));
            // The token is shown once: keep it out of caches.
            return new RouteTable.Reply(201, ApiJson.credential(c), Map.of("Cache-Control", "no-store"));
        });
    }
}
