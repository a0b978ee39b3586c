package io.telerisk.hub.api;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The caller and the tenant a request acts on. Every query is scoped to the token's tenant; only a platform operator
 * may act for another tenant, by saying so explicitly with {@code ?tenant=<id>} (and, where a listing spans tenants,
 * {@code ?tenant=*}). Anyone else naming a foreign tenant, a tenant operator included, gets 403: a tenant operator's
 * account must never be a key to every tenant.
 */
final class Scope {
    static final String PRINCIPAL = "telerisk.principal";
    /** Value of {@code tenant} meaning all tenants (platform operators, platform-wide listings only). */
    static final String ALL_TENANTS = "*";

    private Scope() {
    }

    static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) throw new ApiException(401, "unauthorized", "a bearer token is required");
        return p;
    }

    /** Requires one of the roles, else 403 naming them. */
    static Principal require(RoutingContext ctx, Role... roles) {
        Principal p = principal(ctx);
        if (!p.hasAny(roles)) {
            throw ApiException.forbidden("requires role " + Arrays.stream(roles).map(Role::wireName).collect(Collectors.joining(" or ")));
        }
        return p;
    }

    /** The tenant this request acts on. */
    static String tenant(RoutingContext ctx) {
        Principal p = principal(ctx);
        String t = Params.query(ctx, "tenant");
        if (t == null || t.equals(p.tenant())) return p.tenant();
        if (ALL_TENANTS.equals(t)) throw ApiException.badRequest("tenant=* is only accepted by platform-wide listings");
        Params.segment("tenant", t);
        if (!p.has(Role.PLATFORM_OPERATOR)) throw ApiException.forbidden("only platform operators may act for another tenant");
        return t;
    }

    /** Like {@link #tenant} but a platform operator may also ask for every tenant; returns null for "all". */
    static String tenantOrAll(RoutingContext ctx) {
        Principal p = principal(ctx);
        String t = Params.query(ctx, "tenant");
        if (ALL_TENANTS.equals(t)) {
            if (!p.has(Role.PLATFORM_OPERATOR)) throw ApiException.forbidden("only platform operators may list across tenants");
            return null;
        }
        return tenant(ctx);
    }

    /** Requires a tenant operator or a platform operator, else 403. */
    static Principal operator(RoutingContext ctx) {
        return require(ctx, Role.OPERATOR, Role.PLATFORM_OPERATOR);
    }
}
