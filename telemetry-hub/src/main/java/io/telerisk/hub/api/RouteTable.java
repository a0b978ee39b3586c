package io.telerisk.hub.api;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Registers API routes in one uniform way: tags each request with its route template (for metrics), refuses query
 * parameters the OpenAPI document does not list for the route, checks the bearer token where required and the
 * caller's roles against the route's {@code x-roles} ({@link RouteRoles}), and offers {@link #blocking} to run
 * JDBC/store work on a worker and answer JSON.
 */
final class RouteTable {
    static final String ROUTE_TEMPLATE = "telerisk.route";

    /** A registered route, as listed in the OpenAPI document. */
    record Entry(HttpMethod method, String path, boolean authenticated, Set<Role> roles) {
    }

    private final Router router;
    private final TokenService tokens;
    private final UserStore users;
    private final QueryParameters queryParameters;
    private final RouteRoles routeRoles;
    private final List<Entry> entries = new ArrayList<>();

    RouteTable(Router router, TokenService tokens, UserStore users, JsonObject openApi) {
        this.router = router;
        this.tokens = tokens;
        this.users = users;
        this.queryParameters = new QueryParameters(openApi);
        this.routeRoles = new RouteRoles(openApi);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    void add(HttpMethod method, String path, boolean authenticated, Handler<RoutingContext> handler) {
        Set<Role> roles = routeRoles.of(method, path, authenticated);
        entries.add(new Entry(method, path, authenticated, roles));
        var route = router.route(method, path).handler(ctx -> {
            ctx.put(ROUTE_TEMPLATE, path);
            ctx.next();
        });
        if (authenticated) {
            route.handler(this::authenticate);
            String required = "requires role " + roles.stream().map(Role::wireName).collect(Collectors.joining(" or "));
            route.handler(ctx -> {
                Principal p = ctx.get(Scope.PRINCIPAL);
                if (roles.stream().noneMatch(p::has)) Problems.send(ctx, 403, "forbidden", required);
                else ctx.next();
            });
        }
        // after authentication, so an anonymous caller learns nothing about a route but that it needs a token
        route.handler(ctx -> {
            try {
                Principal p = ctx.get(Scope.PRINCIPAL);
                queryParameters.check(method, path, ctx.queryParams().names(), p == null ? null : p.tenant(),
                        ctx.queryParams().get("tenant"));
            } catch (ApiException e) {
                Problems.fail(ctx, e);
                return;
            }
            ctx.next();
        });
        route.handler(handler);
    }

    private void authenticate(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() <= 7) {
            Problems.send(ctx, 401, "unauthorized", "missing bearer token: send 'Authorization: Bearer <token>' "
                    + "(get one from POST /api/v1/auth/token)");
            return;
        }
        String token = h.substring(7).trim();
        if (token.length() > TokenService.MAX_TOKEN_LENGTH) {
            Problems.send(ctx, 401, "unauthorized", "invalid bearer token");
            return;
        }
        tokens.verifyToken(token).onComplete(ar -> {
            if (ar.failed()) {
                Problems.send(ctx, 401, "unauthorized", "invalid or expired bearer token");
                return;
            }
            Principal p = ar.result().principal();
            // A disabled user, a new password or new roles end older tokens at once, on every hub: ask the database.
            ctx.vertx().executeBlocking(() -> users.tokenStillValid(p.username(), ar.result().version()), false)
                    .onComplete(valid -> {
                        if (valid.failed()) {
                            Problems.fail(ctx, valid.cause());
                        } else if (!valid.result()) {
                            Problems.send(ctx, 401, "unauthorized", "this token was revoked (user disabled, password or roles changed); log in again");
                        } else {
                            ctx.put(Scope.PRINCIPAL, p);
                            ctx.next();
                        }
                    });
        });
    }

    /**
     * Runs {@code work} on a worker thread (it may block on JDBC or the store) and answers with its result as JSON
     * ({@link JsonObject}, {@link JsonArray} or a {@link Reply} for another status); exceptions become problems.
     */
    static void blocking(RoutingContext ctx, Callable<Object> work) {
        ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.fail(ctx, ar.cause());
                return;
            }
            Object r = ar.result();
            int status = 200;
            if (r instanceof Reply reply) {
                status = reply.status();
                reply.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
                r = reply.body();
            }
            boolean problem = status >= 400 && r instanceof JsonObject;
            if (problem) r = ProblemJson.complete((JsonObject) r, status);
            String body = r instanceof JsonObject o ? o.encode() : r instanceof JsonArray a ? a.encode() : String.valueOf(r);
            ctx.response().setStatusCode(status).putHeader("Content-Type", problem ? ProblemJson.CONTENT_TYPE : "application/json").end(body);
        });
    }

    /** A JSON answer with a status other than 200 and extra headers. */
    record Reply(int status, Object body, java.util.Map<String, String> headers) {
    }
}
