package io.telerisk.hub.api;

import io.telerisk.hub.registry.DeviceConflictException;
import io.telerisk.hub.registry.RegistryUnavailableException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Writes errors as RFC 9457 problem documents ({@link ProblemJson}):
 * {@code {"type":"urn:telerisk:problem:not_found","title":"Not Found","status":404,"error":"not_found","detail":"..."}}.
 */
final class Problems {
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final Map<Integer, String> NAMES = Map.of(400, "bad_request", 401, "unauthorized", 403, "forbidden",
            404, "not_found", 405, "method_not_allowed", 409, "conflict", 413, "payload_too_large",
            415, "unsupported_media_type", 500, "internal_error", 503, "unavailable");

    private Problems() {
    }

    static void send(RoutingContext ctx, int status, String error, String detail) {
        if (ctx.response().ended()) return;
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        if (status == 401) ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"telerisk\"");
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", ProblemJson.CONTENT_TYPE)
                .end(ProblemJson.of(status, error, detail).encode());
    }

    static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, NAMES.getOrDefault(status, "error"), detail);
    }

    /**
     * What a 503 may tell the caller: the message, unless it comes from the database layer, whose messages name
     * pool sizes, connection URLs and SQL (logged above for the operator, never sent).
     */
    static String publicDetail(Throwable c) {
        String m = String.valueOf(c.getMessage());
        boolean internal = m.contains("HikariPool") || m.contains("jdbc:") || m.contains("SQL") || m.contains("Connection is not available");
        for (Throwable x = c.getCause(); x != null && !internal; x = x.getCause() == x ? null : x.getCause()) {
            internal = x instanceof java.sql.SQLException;
        }
        if (!internal) return m;
        // keep the hub's own words ("cannot write location access log: <driver text>") without the driver's text
        String cause = c.getCause() == null ? null : c.getCause().getMessage();
        int at = cause == null || cause.isEmpty() ? -1 : m.indexOf(cause);
        String own = at > 0 ? m.substring(0, at).replaceAll("[:;,\\s]+$", "") : "";
        boolean clean = !own.isEmpty() && !own.contains("SQL") && !own.contains("jdbc:") && !own.contains("Hikari");
        return (clean ? own + ": " : "") + "a database this request needs is unavailable; try again shortly (details are in the hub log)";
    }

    /** Maps a failure to a problem: known exception types to their status, anything else to 500 (logged). */
    static void fail(RoutingContext ctx, Throwable t) {
        Throwable c = t;
        if (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) c = c.getCause();
        if (c instanceof ApiException a) {
            send(ctx, a.status(), a.error(), a.getMessage());
        } else if (c instanceof DecodeException) {
            send(ctx, 400, "bad_request", "request body is not valid JSON");
        } else if (c instanceof DeviceConflictException) {
            send(ctx, 409, "conflict", c.getMessage());
        } else if (c instanceof RegistryUnavailableException || c instanceof IllegalStateException
                || c instanceof io.telerisk.hub.store.StoreReadException
                || c instanceof io.telerisk.hub.summary.SummaryUnavailableException) {
            LOG.log(System.Logger.Level.WARNING, "unavailable: " + c.getMessage());
            ctx.response().putHeader("Retry-After", "5");
            send(ctx, 503, "unavailable", publicDetail(c));
        } else if (c instanceof IllegalArgumentException) {
            send(ctx, 400, "bad_request", c.getMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, "internal error on " + ctx.request().method() + " " + ctx.request().path(), c);
            send(ctx, 500, "internal_error", "internal error; see the hub log");
        }
    }
}
