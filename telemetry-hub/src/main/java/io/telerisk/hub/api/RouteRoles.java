package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call each route, read from the served OpenAPI document: an operation with {@code security: []} is public,
 * every other one lists its roles in {@code x-roles}. The route table enforces exactly this list (403 for any other
 * role) and refuses to mount a route the document does not describe, so the document a client reads, the check the
 * router makes and the authorisation matrix test ({@code RouteAuthorizationMatrixTest}) share one source.
 * Handlers still make the finer checks the list cannot express (positions, health data, own fields).
 */
final class RouteRoles {
    private final JsonObject paths;

    RouteRoles(JsonObject openApi) {
        this.paths = openApi.getJsonObject("paths", new JsonObject());
    }

    /**
     * The roles that may call a route given in router syntax ({@code /devices/:type}); an empty set for a public route.
     *
     * @throws IllegalStateException when the route is not documented, its {@code x-roles} is missing or empty on an
     *                               authenticated route, names an unknown role, or the document disagrees with
     *                               {@code authenticated}
     */
    Set<Role> of(HttpMethod method, String routePath, boolean authenticated) {
        String path = routePath.replaceAll(":([A-Za-z]+)", "{$1}");
        String route = method.name() + " " + path;
        JsonObject item = paths.getJsonObject(path);
        JsonObject op = item == null ? null : item.getJsonObject(method.name().toLowerCase(Locale.ROOT));
        if (op == null) throw new IllegalStateException(route + " is routed but not in the OpenAPI document");
        JsonArray security = op.getJsonArray("security");
        boolean publicInDoc = security != null && security.isEmpty();
        if (publicInDoc == authenticated) {
            throw new IllegalStateException(route + ": the OpenAPI document says " + (publicInDoc ? "public" : "authenticated")
                    + " but the router " + (authenticated ? "requires a token" : "does not"));
        }
        if (!authenticated) return Set.of();
        JsonArray listed = op.getJsonArray("x-roles");
        if (listed == null || listed.isEmpty()) {
            throw new IllegalStateException(route + " has no x-roles in the OpenAPI document: say which roles may call it");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object r : listed) {
            try {
                roles.add(Role.fromWire(String.valueOf(r)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(route + ": x-roles " + e.getMessage(), e);
            }
        }
        return roles;
    }
}
