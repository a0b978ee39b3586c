package io.telerisk.hub.api;

import io.telerisk.hub.agri.AgriApi;
import io.telerisk.hub.agri.AgriProblem;
import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Crop credit under {@code /api/v1/agri}: fields (GeoJSON), their NDVI series, scene ingest, loan applications and
 * decisions, always on the token's tenant. Only HTTP mapping here; access rules and the work are in
 * {@link AgriApi} (package io.telerisk.hub.agri). Mirrors {@link PricingRoutes}.
 */
final class AgriRoutes {
    private static final String BASE = "/api/v1/agri";
    private final ApiServices s;

    AgriRoutes(ApiServices s) {
        this.s = s;
    }

    interface Work {
        AgriReply run(AgriApi api, Principal p, String tenant);
    }

    private void run(RoutingContext ctx, Work w) {
        run(s, ctx, w);
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.POST, BASE + "/fields", true, ctx -> run(ctx, (a, p, tn) -> a.registerField(p, tn, Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/fields", true, ctx -> run(ctx, (a, p, tn) -> a.listFields(p, tn, page(ctx))));
        t.add(HttpMethod.GET, BASE + "/fields/:id", true, ctx -> run(ctx, (a, p, tn) -> a.field(p, tn, id(ctx))));
        t.add(HttpMethod.GET, BASE + "/fields/:id/ndvi", true, ctx -> run(ctx, (a, p, tn) ->
                a.ndviSeries(p, tn, id(ctx), Params.query(ctx, "from"), Params.query(ctx, "to"))));
        t.add(HttpMethod.GET, BASE + "/fields/:id/health", true, ctx -> run(ctx, (a, p, tn) ->
                a.fieldHealth(p, tn, id(ctx), Params.query(ctx, "asOf"))));
        t.add(HttpMethod.GET, BASE + "/fields/:id/alerts", true, ctx -> run(ctx, (a, p, tn) ->
                a.fieldAlerts(p, tn, id(ctx), Params.query(ctx, "asOf"))));
        t.add(HttpMethod.GET, BASE + "/fields/:id/limit", true, ctx -> run(ctx, (a, p, tn) ->
                a.limitPreview(p, tn, id(ctx), Params.query(ctx, "amount"), Params.query(ctx, "termMonths"))));
        t.add(HttpMethod.POST, BASE + "/scenes", true, ctx -> run(ctx, (a, p, tn) -> a.scenes().ingestScene(p, tn, Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/loans", true, ctx -> run(ctx, (a, p, tn) -> a.applyLoan(p, tn, Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/loans", true, ctx -> run(ctx, (a, p, tn) -> a.listLoans(p, tn,
                Params.query(ctx, "deviceId") == null ? null : Params.segment("deviceId", Params.query(ctx, "deviceId")),
                page(ctx))));
        t.add(HttpMethod.GET, BASE + "/alerts", true, ctx -> run(ctx, (a, p, tn) -> a.alerts(p, tn, Params.query(ctx, "asOf"), page(ctx))));
        t.add(HttpMethod.GET, BASE + "/loans/:id", true, ctx -> run(ctx, (a, p, tn) -> a.loan(p, tn, applicationId(ctx))));
    }

    private ListPage.Request page(RoutingContext ctx) {
        return ListPage.request(ctx, 100, s.config().maxLimit());
    }

    private static String id(RoutingContext ctx) {
        return Params.segment("id", ctx.pathParam("id"));
    }

    /** Application ids are the device id, '-' and the request time in epoch milliseconds. */
    static String applicationId(RoutingContext ctx) {
        String v = ctx.pathParam("id");
        if (v == null || v.length() > 100 || !v.matches("[A-Za-z0-9._-]+")) {
            throw ApiException.badRequest("invalid application id '" + Params.echo(v) + "': 1-100 characters of [A-Za-z0-9._-]");
        }
        return v;
    }

    /** Runs crop-credit work with the hub's {@link AgriApi}; problems become their problem+json replies. */
    static void run(ApiServices s, RoutingContext ctx, Work w) {
        RouteTable.blocking(ctx, () -> {
            Principal p = Scope.principal(ctx);
            String tenant = Scope.tenant(ctx);
            AgriApi api = s.agri();
            if (api == null) throw ApiException.unavailable("crop credit is not available on this hub");
            try {
                AgriReply r = w.run(api, p, tenant);
                return r.status() == 200 ? r.body() : new RouteTable.Reply(r.status(), r.body(), Map.of());
            } catch (AgriProblem e) {
                return new RouteTable.Reply(e.status(), e.toJson(), Map.of());
            }
        });
    }
}
