package io.telerisk.hub.api;

import io.telerisk.hub.auth.ApiUser;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.UserStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user lifecycle under {@code /api/v1/users}: list, create, read, disable and enable, reset a password, change
 * roles. A tenant operator manages the users of its own tenant; a platform operator those of any tenant it names with
 * {@code ?tenant=} (how a new tenant gets its first operator). Only a platform operator grants the platform operator
 * role or touches a user who holds it, so a tenant operator can neither promote anyone (itself included) nor take
 * over a platform operator's account by resetting its password. Every change that affects what a user may do
 * (disable, password, roles) ends that user's tokens at once on every hub (see {@link UserStore}).
 */
final class UserRoutes {
    private final ApiServices s;

    UserRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.POST, "/api/v1/users", true, this::create);
        t.add(HttpMethod.GET, "/api/v1/users", true, this::list);
        t.add(HttpMethod.GET, "/api/v1/users/:username", true, this::get);
        t.add(HttpMethod.POST, "/api/v1/users/:username/disable", true, ctx -> setDisabled(ctx, true));
        t.add(HttpMethod.POST, "/api/v1/users/:username/enable", true, ctx -> setDisabled(ctx, false));
        t.add(HttpMethod.POST, "/api/v1/users/:username/password", true, this::resetPassword);
        t.add(HttpMethod.PUT, "/api/v1/users/:username/roles", true, this::setRoles);
    }

    /** The caller and the tenant whose users it manages: its own, or (platform operators) the one it names. */
    private record Acting(Principal caller, String tenant) {
    }

    private static Acting operator(RoutingContext ctx) {
        Principal p = Scope.operator(ctx);
        return new Acting(p, Scope.tenant(ctx));
    }

    /** Refuses granting the platform operator role, or changing a user who holds it, to anyone but a platform operator. */
    private static void requirePlatformFor(Acting a, Set<Role> roles, String what) {
        if (roles.contains(Role.PLATFORM_OPERATOR) && !a.caller().has(Role.PLATFORM_OPERATOR)) {
            throw ApiException.forbidden("only a platform operator may " + what);
        }
    }

    private void create(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Acting a = operator(ctx);
            JsonObject body = Params.body(ctx);
            String username = Params.segment("username", Params.string(body, "username", true));
            String password = Params.string(body, "password", true);
            String problem = UserStore.passwordProblem(password);
            if (problem != null) throw ApiException.badRequest(problem);
            Set<Role> roles = roles(body);
            requirePlatformFor(a, roles, "create a platform operator");
            try {
                ApiUser u = s.users().create(a.tenant(), username, password, roles);
                return new RouteTable.Reply(201, ApiJson.user(u), Map.of("Location", "/api/v1/users/" + username));
            } catch (UserStore.UserExistsException e) {
                throw ApiException.conflict(e.getMessage());
            }
        });
    }

    private void list(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Acting a = operator(ctx);
            ListPage.Request req = ListPage.request(ctx, 100, s.config().maxLimit());
            UserStore.Page page = s.users().list(a.tenant(), req.offset(), req.limit());
            return ListPage.of(page.items(), page.total(), req, ApiJson::user).put("tenant", a.tenant());
        });
    }

    private void get(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> ApiJson.user(user(ctx, operator(ctx))));
    }

    private void setDisabled(RoutingContext ctx, boolean disabled) {
        RouteTable.blocking(ctx, () -> {
            Acting a = operator(ctx);
            ApiUser u = changeable(ctx, a);
            if (disabled && u.username().equals(a.caller().username())) throw ApiException.badRequest("an operator cannot disable itself");
            return ApiJson.user(s.users().setDisabled(u.username(), disabled).orElseThrow(() -> gone(u)));
        });
    }

    private void resetPassword(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Acting a = operator(ctx);
            ApiUser u = changeable(ctx, a);
            String password = Params.string(Params.body(ctx), "password", true);
            String problem = UserStore.passwordProblem(password);
            if (problem != null) throw ApiException.badRequest(problem);
            s.users().setPassword(u.username(), password).orElseThrow(() -> gone(u));
            s.users().loginThrottle().succeeded(u.username()); // a reset also lifts the delay on this username
            return ApiJson.user(s.users().find(u.username()).orElseThrow(() -> gone(u)));
        });
    }

    private void setRoles(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Acting a = operator(ctx);
            ApiUser u = changeable(ctx, a);
            Set<Role> roles = roles(Params.body(ctx));
            requirePlatformFor(a, roles, "grant the platform operator role");
            if (u.username().equals(a.caller().username()) && !roles.contains(a.caller().operatorRole())) {
                throw ApiException.badRequest("an operator cannot remove its own " + a.caller().operatorRole().wireName() + " role");
            }
            return ApiJson.user(s.users().setRoles(u.username(), roles).orElseThrow(() -> gone(u)));
        });
    }

    /** The user named in the path, in the acting tenant; 404 otherwise (other tenants' users are not revealed). */
    private ApiUser user(RoutingContext ctx, Acting a) {
        String name = Params.segment("username", ctx.pathParam("username"));
        Optional<ApiUser> u = s.users().find(name).filter(x -> x.tenant().equals(a.tenant()));
        return u.orElseThrow(() -> ApiException.notFound("no user '" + name + "' in tenant " + a.tenant()));
    }

    /** The user named in the path, if the caller may change it: a platform operator's account only by a platform operator. */
    private ApiUser changeable(RoutingContext ctx, Acting a) {
        ApiUser u = user(ctx, a);
        requirePlatformFor(a, u.roles(), "change a platform operator's account");
        return u;
    }

    private static ApiException gone(ApiUser u) {
        return ApiException.notFound("user '" + u.username() + "' disappeared");
    }

    private static Set<Role> roles(JsonObject body) {
        Object rolesValue = body.getValue("roles");
        if (!(rolesValue instanceof JsonArray roles) || roles.isEmpty() || roles.size() > Role.values().length) {
            throw ApiException.badRequest("field 'roles' must be a non-empty array of " + Role.wireNames());
        }
        Set<Role> rs = EnumSet.noneOf(Role.class);
        for (Object r : roles) {
            if (!(r instanceof String str)) throw ApiException.badRequest("field 'roles' must contain strings");
            try {
                rs.add(Role.fromWire(str));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown role '" + Params.echo(str) + "' (expected " + Role.wireNames() + ")");
            }
        }
        return rs;
    }
}
