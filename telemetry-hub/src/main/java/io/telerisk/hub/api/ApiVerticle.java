package io.telerisk.hub.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import io.telerisk.hub.config.ApiTls;

import java.util.Objects;

/** Serves the REST API on the configured host and port, over HTTPS when a key and certificate are configured. */
public final class ApiVerticle extends VerticleBase {
    private final ApiServices services;
    private volatile HttpServer server;

    public ApiVerticle(ApiServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public Future<?> start() {
        ApiRouter api = ApiRouter.create(vertx, services);
        HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true)
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16 * 1024);
        ApiTls tls = services.config().tls();
        if (tls.enabled()) {
            options.setSsl(true).setKeyCertOptions(tls.certPath() != null
                    ? new PemKeyCertOptions().setCertPath(tls.certPath()).setKeyPath(tls.keyPath())
                    : new PfxOptions().setPath(tls.keystorePath()).setPassword(tls.keystorePassword()));
        }
        return vertx.createHttpServer(options).requestHandler(api.router())
                .listen(services.config().port(), services.config().host())
                .onSuccess(s -> server = s);
    }

    /** The port actually bound (useful when the configured port is 0). */
    public int actualPort() {
        HttpServer s = server;
        if (s == null) throw new IllegalStateException("API not started");
        return s.actualPort();
    }

    @Override
    public Future<?> stop() {
        HttpServer s = server;
        return s == null ? Future.succeededFuture() : s.close();
    }
}
