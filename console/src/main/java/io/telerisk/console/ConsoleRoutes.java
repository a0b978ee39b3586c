package io.telerisk.console;

import io.telerisk.hub.api.RouterExtension;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.webjars.WebJarVersionLocator;

import java.util.List;

/**
 * Serves the web console under {@code /console/} and Swagger UI for {@code /api/v1/openapi.json} under
 * {@code /docs/}, from this module's class path: the console's own files from {@code telerisk-console/}, and the
 * few WebJars it uses under {@code /console/vendor/NAME/} without their version in the path (the version is looked
 * up once here, so the browser code never names it). Only the listed WebJars are exposed. Found by the hub with
 * {@link java.util.ServiceLoader}.
 */
public final class ConsoleRoutes implements RouterExtension {
    /** The WebJars the console and the docs page load; anything else on the class path stays private. */
    static final List<String> VENDOR_WEBJARS = List.of("echarts", "leaflet", "swagger-ui");
    /** The console's pages are same-origin only; Leaflet and ECharts set inline styles, hence 'unsafe-inline' for styles. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    @Override
    public void mount(Router router) {
        // Vert.x matches "/console" and "/console/" alike: redirect only the form without the slash
        router.route(HttpMethod.GET, "/").handler(ctx -> redirectExact(ctx, "/", "/console/"));
        router.route(HttpMethod.GET, "/console").handler(ctx -> redirectExact(ctx, "/console", "/console/"));
        router.route(HttpMethod.GET, "/docs").handler(ctx -> redirectExact(ctx, "/docs", "/docs/"));

        WebJarVersionLocator locator = new WebJarVersionLocator();
        for (String webjar : VENDOR_WEBJARS) {
            String version = locator.version(webjar);
            if (version == null) throw new IllegalStateException("WebJar " + webjar + " is not on the class path");
            // versioned content never changes: let the browser keep it
            router.route(HttpMethod.GET, "/console/vendor/" + webjar + "/*").handler(securityHeaders())
                    .handler(StaticHandler.create("META-INF/resources/webjars/" + webjar + "/" + version)
                            .setMaxAgeSeconds(86_400).setDirectoryListing(false));
        }
        router.route(HttpMethod.GET, "/console/*").handler(securityHeaders())
                .handler(StaticHandler.create("telerisk-console").setIndexPage("index.html")
                        .setCachingEnabled(true).setMaxAgeSeconds(0).setDirectoryListing(false));
        router.route(HttpMethod.GET, "/docs/*").handler(securityHeaders())
                .handler(StaticHandler.create("telerisk-docs").setIndexPage("index.html").setDirectoryListing(false));
    }

    private static io.vertx.core.Handler<RoutingContext> securityHeaders() {
        return ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "same-origin");
            ctx.next();
        };
    }

    private static void redirectExact(RoutingContext ctx, String path, String location) {
        if (ctx.request().path().equals(path)) ctx.response().setStatusCode(302).putHeader("Location", location).end();
        else ctx.next();
    }
}
