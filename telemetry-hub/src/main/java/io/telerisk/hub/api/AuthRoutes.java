package io.telerisk.hub.api;

import io.telerisk.hub.auth.ApiUser;
import io.telerisk.hub.auth.LoginThrottle;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.config.TrustedProxies;
import io.telerisk.model.topic.Topic;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;

/**
 * Getting and keeping a token: {@code POST /api/v1/auth/token} (username and password), {@code POST
 * /api/v1/auth/refresh} (a new token for a still valid one, with the user's current roles) and {@code POST
 * /api/v1/auth/password} (a user changes its own password and gets a new token; its older tokens stop working).
 */
final class AuthRoutes {
    private final ApiServices s;

    AuthRoutes(ApiServices s) {
        this.s = s;
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.POST, "/api/v1/auth/token", false, this::token);
        t.add(HttpMethod.POST, "/api/v1/auth/refresh", true, this::refresh);
        t.add(HttpMethod.POST, "/api/v1/auth/password", true, this::changePassword);
    }

    private void token(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            JsonObject body = Params.body(ctx);
            String username = Params.string(body, "username", true);
            String password = Params.string(body, "password", true);
            // Checked before anything is remembered or hashed: a flood of huge names or passwords costs nothing.
            if (!Topic.isValidSegment(username)) throw ApiException.badRequest("field 'username' must be 1-64 characters of [A-Za-z0-9._-]");
            if (password.isEmpty() || password.length() > UserStore.MAX_PASSWORD_LENGTH) {
                throw ApiException.badRequest("field 'password' must be 1.." + UserStore.MAX_PASSWORD_LENGTH + " characters");
            }
            LoginThrottle throttle = s.users().loginThrottle();
            String source = source(ctx, s.config().login().trustedProxies());
            LoginThrottle.Verdict verdict = throttle.check(username, source);
            if (!verdict.allowed()) return tooSoon(verdict);
            Optional<ApiUser> user = s.users().authenticate(username, password);
            if (user.isEmpty()) {
                throttle.failed(username, source);
                throw new ApiException(401, "unauthorized", "invalid username or password");
            }
            throttle.succeeded(username);
            return tokenReply(user.get());
        });
    }

    private void refresh(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal p = Scope.principal(ctx);
            // The token was checked against the user's row just now (RouteTable); issue with the current roles.
            ApiUser user = s.users().find(p.username()).orElse(null);
            if (user == null) {
                throw new ApiException(401, "unauthorized", "this token belongs to no stored user; log in with POST /api/v1/auth/token");
            }
            return tokenReply(user);
        });
    }

    private void changePassword(RoutingContext ctx) {
        RouteTable.blocking(ctx, () -> {
            Principal p = Scope.principal(ctx);
            JsonObject body = Params.body(ctx);
            String current = Params.string(body, "currentPassword", true);
            String next = Params.string(body, "newPassword", true);
            String problem = UserStore.passwordProblem(next);
            if (problem != null) throw ApiException.badRequest("field 'newPassword': " + problem);
            if (current.length() > UserStore.MAX_PASSWORD_LENGTH) throw ApiException.badRequest("field 'currentPassword' is too long");
            LoginThrottle throttle = s.users().loginThrottle();
            String source = source(ctx, s.config().login().trustedProxies());
            LoginThrottle.Verdict verdict = throttle.check(p.username(), source);
            if (!verdict.allowed()) return tooSoon(verdict);
            if (s.users().authenticate(p.username(), current).isEmpty()) {
                throttle.failed(p.username(), source);
                throw ApiException.forbidden("the current password is not right");
            }
            ApiUser user = s.users().setPassword(p.username(), next)
                    .orElseThrow(() -> new ApiException(401, "unauthorized", "no such user"));
            return tokenReply(user);
        });
    }

    /**
     * The client's address: the socket's peer, or, when that peer is a trusted proxy, the right-most untrusted address
     * of its forwarding headers ({@link ClientAddress}).
     */
    private static String source(RoutingContext ctx, TrustedProxies trusted) {
        SocketAddress remote = ctx.request().remoteAddress();
        String peer = remote == null ? null : remote.hostAddress();
        return ClientAddress.of(peer, trusted, ctx.request().headers().getAll("Forwarded"),
                ctx.request().headers().getAll("X-Forwarded-For"));
    }

    /** 429 with Retry-After in whole seconds (rounded up): the attempt was not checked and counts nothing. */
    private static RouteTable.Reply tooSoon(LoginThrottle.Verdict v) {
        long seconds = Math.max(1, (v.retryAfter().toMillis() + 999) / 1000);
        return new RouteTable.Reply(429, new JsonObject().put("status", 429).put("error", "too_many_requests")
                .put("detail", v.reason() + "; retry in " + seconds + " s").put("retryAfterSeconds", seconds),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** A fresh token for the user at its current token version, never cached. */
    private RouteTable.Reply tokenReply(ApiUser user) {
        Principal p = user.principal();
        TokenService.IssuedToken issued = s.tokens().issue(p, user.tokenVersion());
        JsonArray roles = new JsonArray();
        p.roles().stream().sorted().map(Role::wireName).forEach(roles::add);
        return new RouteTable.Reply(200, new JsonObject().put("token", issued.token()).put("tokenType", "Bearer")
                .put("expiresAt", issued.expiresAt().toString()).put("username", p.username()).put("tenant", p.tenant())
                .put("roles", roles), Map.of("Cache-Control", "no-store"));
    }
}
