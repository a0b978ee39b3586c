package io.telerisk.hub.api;

import io.telerisk.hub.auth.ApiUser;
import io.telerisk.hub.auth.LoginThrottle;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/v1/auth/token} and operator user provisioning under {@code /api/v1/users}. */
final class AuthRoutes {
    private final ApiServices s;
    private final LoginThrottle throttle;

    AuthRoutes(ApiServices s) {
        this.s = s;
        this.throttle = LoginThrottle.defaults(s.clock());
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.POST, "/api/v1/auth/token", false, this::token);
        t.add(HttpMethod.POST, "/api/v1/users", true, this::createUser);
        t.add(HttpMethod.GET, "/api/v1/users", true, this::listUsers);
    }

    private void token(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            JsonObject body = Params.body(ctx);
            String username = Params.string(body, "username", true);
            String password = Params.string(body, "password", true);
            java.time.Duration wait = throttle.retryAfter(username);
            if (!wait.isZero()) {
                return new RouteTable.Reply(429, new JsonObject().put("status", 429).put("error", "too_many_requests")
                        .put("detail", "too many failed logins for this user; retry in " + Math.max(1, wait.toSeconds()) + " s"),
                        Map.of("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
            }
            Optional<ApiUser> user = s.users().authenticate(username, password);
            if (user.isEmpty()) {
                throttle.failed(username);
                throw new ApiException(401, "unauthorized", "invalid username or password");
            }
            throttle.succeeded(username);
            Principal p = user.get().principal();
            TokenService.IssuedToken issued = s.tokens().issue(p);
            JsonArray roles = new JsonArray();
            p.roles().stream().sorted().map(Role::wireName).forEach(roles::add);
            return new RouteTable.Reply(200, new JsonObject().put("token", issued.token()).put("tokenType", "Bearer")
                    .put("expiresAt", issued.expiresAt().toString()).put("tenant", p.tenant()).put("roles", roles),
                    Map.of("Cache-Control", "no-store"));
        });
    }

    private void createUser(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.require(ctx, Role.OPERATOR);
            String tenant = Scope.tenant(ctx);
            JsonObject body = Params.body(ctx);
            String username = Params.segment("username", Params.string(body, "username", true));
            String password = Params.string(body, "password", true);
            if (password.length() < UserStore.MIN_PASSWORD_LENGTH || password.length() > 256) {
                throw ApiException.badRequest("password must be " + UserStore.MIN_PASSWORD_LENGTH + "..256 characters");
            }
            Object rolesValue = body.getValue("roles");
            if (!(rolesValue instanceof JsonArray roles) || roles.isEmpty() || roles.size() > Role.values().length) {
                throw ApiException.badRequest("field 'roles' must be a non-empty array of insurer, farmer, adjuster, operator");
            }
            Set<Role> rs = EnumSet.noneOf(Role.class);
            for (Object r : roles) {
                if (!(r instanceof String str)) throw ApiException.badRequest("field 'roles' must contain strings");
                try {
                    rs.add(Role.fromWire(str));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("unknown role '" + Params.echo(str) + "' (expected insurer, farmer, adjuster or operator)");
                }
            }
            try {
                ApiUser u = s.users().create(tenant, username, password, rs);
                return new RouteTable.Reply(201, ApiJson.user(u), Map.of());
            } catch (UserStore.UserExistsException e) {
                throw ApiException.conflict(e.getMessage());
            }
        });
    }

    private void listUsers(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Scope.require(ctx, Role.OPERATOR);
            String tenant = Scope.tenant(ctx);
            JsonArray items = new JsonArray();
            s.users().list(tenant).forEach(u -> items.add(ApiJson.user(u)));
            return new JsonObject().put("tenant", tenant).put("items", items);
        });
    }
}
