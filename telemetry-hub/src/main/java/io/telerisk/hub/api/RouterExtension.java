package io.telerisk.hub.api;

import io.vertx.ext.web.Router;

/**
 * Routes another module serves from the hub's HTTP server, beside the REST API (the web console under
 * {@code /console}, Swagger UI under {@code /docs}). The hub finds implementations on its class path with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.telerisk.hub.api.RouterExtension}), so it never
 * depends on the modules that extend it. Extensions get the router before the hub's problem+json error handlers
 * and must not mount anything under {@code /api/}: every API route belongs to the hub and its OpenAPI document.
 */
public interface RouterExtension {
    /** Adds this extension's routes to the hub's router; called once per API server, on its event loop. */
    void mount(Router router);
}
