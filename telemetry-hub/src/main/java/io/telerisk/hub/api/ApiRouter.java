package io.telerisk.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The REST API's router: every route, the body size limit, request metrics, and JSON problem documents for
 * every error (including 404/405/413 from Vert.x itself).
 */
public final class ApiRouter {
    private final Router router;
    private final List<RouteTable.Entry> routes;

    private ApiRouter(Router router, List<RouteTable.Entry> routes) {
        this.router = router;
        this.routes = routes;
    }

    public static ApiRouter create(Vertx vertx, ApiServices services) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> timed(ctx, services));
        router.route().handler(ApiRouter::securityHeaders);
        router.route().handler(BodyHandler.create(false).setBodyLimit(services.config().bodyLimitBytes()));
        String openApiText = openApiDocument();
        RouteTable table = new RouteTable(router, services.tokens(), services.users(), new io.vertx.core.json.JsonObject(openApiText));
        new AuthRoutes(services).mount(table);
        new UserRoutes(services).mount(table);
        new DeviceRoutes(services).mount(table);
        new FleetRoutes(services).mount(table);
        new TelemetryRoutes(services).mount(table);
        new SummaryRoutes(services).mount(table);
        new OpsRoutes(services).mount(table);
        new PricingRoutes(services).mount(table);
        new AgriRoutes(services).mount(table);
        new LenderRoutes(services).mount(table);
        io.telerisk.hub.claims.ClaimsRoutes.mount(table::add, services::claims);
        Buffer openApi = Buffer.buffer(openApiText);
        table.add(HttpMethod.GET, "/api/v1/openapi.json", false,
                ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));
        // the console and the API docs live in their own module; found on the class path, never a dependency
        for (RouterExtension extension : ServiceLoader.load(RouterExtension.class, ApiRouter.class.getClassLoader())) {
            extension.mount(router);
        }

        router.route().failureHandler(ctx -> {
            if (ctx.failure() != null) Problems.fail(ctx, ctx.failure());
            else Problems.send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, statusDetail(ctx.statusCode(), ctx));
        });
        for (int status : new int[]{400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, ctx -> Problems.send(ctx, status, statusDetail(status, ctx)));
        }
        return new ApiRouter(router, table.entries());
    }

    private static String statusDetail(int status, RoutingContext ctx) {
        return switch (status) {
            case 404 -> "no such resource: " + Params.echo(ctx.request().path());
            case 405 -> "method " + ctx.request().method() + " not allowed on " + Params.echo(ctx.request().path());
            case 413 -> "request body too large";
            case 415 -> "unsupported content type";
            case 400 -> "bad request";
            default -> "request failed";
        };
    }

    /**
     * Every answer says what it is (no content sniffing); API answers are per caller and may hold positions or
     * health data, so no cache (browser, proxy) keeps them.
     */
    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff");
        if (ctx.request().path().startsWith("/api/")) ctx.response().putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    private static void timed(RoutingContext ctx, ApiServices s) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        ctx.addEndHandler(v -> {
            String route = ctx.get(RouteTable.ROUTE_TEMPLATE);
            s.metrics().httpRequest(method, route == null ? "unmatched" : route, ctx.response().getStatusCode(),
                    System.nanoTime() - start);
        });
        ctx.next();
    }

    public Router router() {
        return router;
    }

    /** Every registered route as {@code METHOD /path/{param}}, in OpenAPI path syntax. */
    public List<String> routeSignatures() {
        return routes.stream().map(e -> e.method().name() + " " + e.path().replaceAll(":([A-Za-z]+)", "{$1}")).toList();
    }

    /** The OpenAPI 3 document served at {@code /api/v1/openapi.json}: the base plus feature fragments. */
    public static String openApiDocument() {
        return OpenApiDocument.load();
    }
}
