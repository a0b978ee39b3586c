package io.telerisk.hub.api;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.pricing.CsvUpload;
import io.telerisk.hub.pricing.PricingApi;
import io.telerisk.hub.pricing.PricingProblem;
import io.telerisk.hub.pricing.PricingReply;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Map;

/**
 * Pricing under {@code /api/v1/pricing}: plans and their lifecycle, explained quotes, the policy book, impact
 * analysis and calibration runs. Insurers only, always on the token's tenant; the work is done by
 * {@link PricingApi} (package io.telerisk.hub.pricing).
 */
final class PricingRoutes {
    private static final String BASE = "/api/v1/pricing";
    private final ApiServices s;

    PricingRoutes(ApiServices s) {
        this.s = s;
    }

    private interface Work {
        PricingReply run(PricingApi api, Principal p, String tenant);
    }

    void mount(RouteTable t) {
        t.add(HttpMethod.POST, BASE + "/plans", true, ctx -> run(ctx, (a, p, tn) -> a.createPlan(tn, p.username(), ctx.body().asString(), isYaml(ctx))));
        t.add(HttpMethod.GET, BASE + "/plans", true, ctx -> run(ctx, (a, p, tn) -> a.listPlans(tn, page(ctx))));
        t.add(HttpMethod.POST, BASE + "/plans/validate", true, ctx -> run(ctx, (a, p, tn) -> a.desk().validateDocument(tn, ctx.body().asString(), isYaml(ctx))));
        t.add(HttpMethod.GET, BASE + "/plans/in-force", true, ctx -> run(ctx, (a, p, tn) -> a.desk().inForce(tn, Params.query(ctx, "productLine"),
                Params.query(ctx, "jurisdiction"), Params.query(ctx, "currency"), Params.query(ctx, "date"))));
        t.add(HttpMethod.GET, BASE + "/plans/awaiting-approval", true, ctx -> run(ctx, (a, p, tn) -> a.desk().awaitingApproval(tn, p.username())));
        t.add(HttpMethod.GET, BASE + "/plans/:id/diff", true, ctx -> run(ctx, (a, p, tn) -> a.desk().diff(tn, planId(ctx),
                versionParam(ctx, "from"), versionParam(ctx, "to"))));
        t.add(HttpMethod.GET, BASE + "/plans/:id/versions", true, ctx -> run(ctx, (a, p, tn) -> a.versions(tn, planId(ctx), page(ctx))));
        t.add(HttpMethod.POST, BASE + "/plans/:id/validate", true, ctx -> run(ctx, (a, p, tn) -> a.validate(tn, planId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/plans/:id/approve", true, ctx -> run(ctx, (a, p, tn) -> a.approve(tn, p.username(), planId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/plans/:id/activate", true, ctx -> run(ctx, (a, p, tn) -> a.activate(tn, planId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/plans/:id/discard", true, ctx -> run(ctx, (a, p, tn) -> a.discard(tn, planId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/plans/:id/retire", true, ctx -> run(ctx, (a, p, tn) -> a.retire(tn, planId(ctx), Params.body(ctx))));
        t.add(HttpMethod.POST, BASE + "/quotes", true, ctx -> run(ctx, (a, p, tn) -> a.quote(tn, p.username(), Params.body(ctx), this::deviceKind)));
        t.add(HttpMethod.GET, BASE + "/quotes", true, ctx -> run(ctx, (a, p, tn) ->
                a.quotes(tn, Params.segment("policyId", Params.requiredQuery(ctx, "policyId")), page(ctx))));
        t.add(HttpMethod.POST, BASE + "/policies", true, ctx -> run(ctx, (a, p, tn) -> isCsv(ctx)
                ? a.book().importCsv(tn, csvUpload(ctx)) : a.book().upsert(tn, Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/policies", true, ctx -> run(ctx, (a, p, tn) -> {
            ListPage.Request page = page(ctx);
            return a.book().list(tn, Params.query(ctx, "productLine"), page.offset(), page.limit());
        }));
        t.add(HttpMethod.POST, BASE + "/impact", true, ctx -> run(ctx, (a, p, tn) -> a.impact().run(tn, p.username(), Params.body(ctx))));
        t.add(HttpMethod.GET, BASE + "/impact/:id", true, ctx -> run(ctx, (a, p, tn) -> a.impact().get(tn, runId(ctx))));
        t.add(HttpMethod.GET, BASE + "/impact/:id/policies", true, ctx -> run(ctx, (a, p, tn) -> {
            ListPage.Request page = page(ctx);
            return a.impact().policies(tn, runId(ctx), Params.query(ctx, "outcome"), page.offset(), page.limit());
        }));
        t.add(HttpMethod.GET, BASE + "/score-model", true, ctx -> run(ctx, (a, p, tn) -> a.scoreModel()));
        t.add(HttpMethod.POST, BASE + "/calibrations", true, ctx -> run(ctx, (a, p, tn) -> calibrate(ctx, a, p, tn)));
        t.add(HttpMethod.GET, BASE + "/calibrations", true, ctx -> run(ctx, (a, p, tn) -> a.calibrations(tn, page(ctx))));
    }

    /** The page a list request asks for (default 100 items, at most the configured maximum). */
    private ListPage.Request page(RoutingContext ctx) {
        return ListPage.request(ctx, 100, s.config().maxLimit());
    }

    /** Quotes price registered vehicles and wearables of the tenant only (a typo is a 404, not a zero-km quote). */
    private java.util.Optional<DeviceType> deviceKind(String tenant, String deviceId) {
        if (s.registry().find(new DeviceKey(tenant, DeviceType.VEHICLE, deviceId)).isPresent()) return java.util.Optional.of(DeviceType.VEHICLE);
        if (s.registry().find(new DeviceKey(tenant, DeviceType.WEARABLE, deviceId)).isPresent()) return java.util.Optional.of(DeviceType.WEARABLE);
        return java.util.Optional.empty();
    }

    private static int versionParam(RoutingContext ctx, String name) {
        Params.requiredQuery(ctx, name);
        return Params.intParam(ctx, name, 1, 1, Integer.MAX_VALUE);
    }

    private static boolean isCsv(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    /** The body undecoded: its charset is the Content-Type's to say (GBK from Chinese Excel, …), not UTF-8 by default. */
    private static CsvUpload csvUpload(RoutingContext ctx) {
        return new CsvUpload(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(), ctx.request().getHeader("Content-Type"));
    }

    private static long runId(RoutingContext ctx) {
        String v = ctx.pathParam("id");
        if (v == null || !v.matches("[1-9][0-9]{0,17}")) throw ApiException.badRequest("impact run id must be a positive integer, got '" + Params.echo(v) + "'");
        return Long.parseLong(v);
    }

    private static boolean isYaml(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).matches("(application|text)/(x-)?yaml.*");
    }

    private static String planId(RoutingContext ctx) {
        return Params.segment("plan id", ctx.pathParam("id"));
    }

    /** CSV body (text/csv, formula and options as query parameters) or JSON rows. */
    private static PricingReply calibrate(RoutingContext ctx, PricingApi a, Principal p, String tenant) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            JsonObject params = new JsonObject().put("formula", Params.requiredQuery(ctx, "formula"))
                    .put("offset", Params.query(ctx, "offset"));
            if (Params.query(ctx, "exportPlanId") != null) {
                JsonObject export = new JsonObject().put("planId", Params.query(ctx, "exportPlanId"))
                        .put("productLine", Params.query(ctx, "productLine")).put("jurisdiction", Params.query(ctx, "jurisdiction"))
                        .put("currency", Params.query(ctx, "currency")).put("effectiveFrom", Params.query(ctx, "effectiveFrom"))
                        .put("severity", Params.query(ctx, "severity"));
                String version = Params.query(ctx, "version");
                if (version != null) export.put("version", Params.intParam(ctx, "version", 1, 1, Integer.MAX_VALUE));
                params.put("export", export);
            }
            return a.calibrate(tenant, p.username(), csvUpload(ctx), params);
        }
        return a.calibrate(tenant, p.username(), null, Params.body(ctx));
    }

    private void run(RoutingContext ctx, Work w) {
        RouteTable.blocking(ctx, () -> {
            Principal p = Scope.require(ctx, Role.INSURER);
            String tenant = Scope.tenant(ctx);
            PricingApi api = s.pricing();
            if (api == null) throw ApiException.unavailable("pricing is not available on this hub");
            try {
                PricingReply r = w.run(api, p, tenant);
                return r.status() == 200 ? r.body() : new RouteTable.Reply(r.status(), r.body(), Map.of());
            } catch (PricingProblem e) {
                return new RouteTable.Reply(e.status(), e.toJson(), Map.of());
            }
        });
    }
}
