package io.telerisk.hub.claims;

import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Claims under {@code /api/v1/claims}, for adjusters and insurers, always on the token's tenant: the adjusters' queue,
 * claim search (closed claims too), crash-intake outcomes, a claim with its assessment, evidence and settlement,
 * reported losses, decisions (adjusters only; four-eyes above the threshold; 409 on a stale version), notes,
 * information and files sent for a claim, the ledger (listing, export as JSON lines or CSV, verification), and the
 * policies claims checks cover against (insurers). Lists answer {@link io.telerisk.hub.api.ListPage}'s envelope. Mounted by the hub's
 * router through its route table ({@link Registrar}), which checks the bearer token and lists the routes for the
 * OpenAPI coverage test; the work runs on a worker ({@link ClaimsApi} blocks on JDBC).
 */
public final class ClaimsRoutes {
    /** The router's way of registering an authenticated or public route. */
    @FunctionalInterface
    public interface Registrar {
        void add(HttpMethod method, String path, boolean authenticated, Handler<RoutingContext> handler);
    }

    static final String BASE = "/api/v1/claims";
    /** Where the router's authentication puts the caller ({@code io.telerisk.hub.api.Scope.PRINCIPAL}). */
    static final String PRINCIPAL = "telerisk.principal";
    private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9._:-]{1,160}");

    private ClaimsRoutes() {
    }

    private interface Work {
        Object run(ClaimsApi api, Principal p);
    }

    /** Registers the routes; {@code api} gives null when claims are not running (the routes then answer 503). */
    public static void mount(Registrar r, Supplier<ClaimsApi> api) {
        Role[] readers = {Role.ADJUSTER, Role.INSURER};
        Role[] adjusters = {Role.ADJUSTER};
        r.add(HttpMethod.GET, BASE + "/queue", true, ctx -> run(ctx, api, readers, (a, p) -> {
            return a.queue(p.tenant(), ClaimsListParams.of(ctx).page());
        }));
        r.add(HttpMethod.GET, BASE + "/crash-events", true, ctx -> run(ctx, api, readers, (a, p) -> {
            ClaimsListParams q = ClaimsListParams.of(ctx);
            return a.crashEvents(p.tenant(), q.outcome(), q.deviceType(), q.deviceId(), q.from(), q.to(), q.page());
        }));
        r.add(HttpMethod.GET, BASE + "/injury-risk", true, ctx -> run(ctx, api, readers, (a, p) -> a.injuryRiskCurve()));
        r.add(HttpMethod.GET, BASE + "/ledger/verify", true, ctx -> run(ctx, api,
                new Role[]{Role.ADJUSTER, Role.INSURER, Role.PLATFORM_OPERATOR}, (a, p) -> a.ledgerReads().verify(p)));
        r.add(HttpMethod.GET, BASE + "/ledger/export", true, ctx -> run(ctx, api, readers, (a, p) -> {
            LedgerReads.Format format = LedgerReads.Format.of(ClaimsListParams.of(ctx).format());
            return new Streamed(format.contentType(), out -> a.ledgerReads().export(p.tenant(), format, out));
        }));
        r.add(HttpMethod.GET, BASE + "/ledger", true, ctx -> run(ctx, api, readers, (a, p) -> {
            return a.ledgerReads().entries(p.tenant(), ClaimsListParams.of(ctx).page());
        }));
        r.add(HttpMethod.POST, BASE + "/policies", true, ctx -> run(ctx, api, new Role[]{Role.INSURER},
                (a, p) -> new Created(a.upsertPolicy(p.tenant(), body(ctx)))));
        r.add(HttpMethod.GET, BASE, true, ctx -> run(ctx, api, readers, (a, p) ->
                a.search(p.tenant(), ClaimsListParams.of(ctx).search())));
        r.add(HttpMethod.POST, BASE, true, ctx -> run(ctx, api, readers, (a, p) -> new Created(a.reportAs(p, body(ctx)))));
        r.add(HttpMethod.GET, BASE + "/:id", true, ctx -> run(ctx, api, readers, (a, p) -> a.claimFor(p, claimId(ctx))));
        r.add(HttpMethod.POST, BASE + "/:id/decisions", true, ctx -> run(ctx, api, adjusters,
                (a, p) -> a.decide(p.tenant(), p.username(), claimId(ctx), body(ctx))));
        r.add(HttpMethod.POST, BASE + "/:id/notes", true, ctx -> run(ctx, api, adjusters,
                (a, p) -> new Created(a.addNote(p.tenant(), p.username(), claimId(ctx), body(ctx)))));
        r.add(HttpMethod.POST, BASE + "/:id/information", true, ctx -> run(ctx, api, readers,
                (a, p) -> new Created(a.submitInformation(p.tenant(), p.username(), claimId(ctx), body(ctx)))));
        r.add(HttpMethod.GET, BASE + "/:id/attachments/:attachmentId", true, ctx -> run(ctx, api, readers, (a, p) -> {
            String id = claimId(ctx), file = ctx.pathParam("attachmentId");
            if (file == null || !file.matches("[A-Za-z0-9-]{1,64}")) throw ApiException.badRequest("attachment id must be 1-64 characters of A-Z a-z 0-9 -");
            return new Bytes(a.attachmentType(p.tenant(), id, file), a.attachment(p.tenant(), id, file));
        }));
    }

    private record Created(JsonObject body) {
    }

    /** A text answer written as it is produced, on the worker (ledger export): see {@link ChunkedText}. */
    private record Streamed(String contentType, java.util.function.Consumer<LedgerReads.Sink> body) {
    }

    /** What a streamed answer's work returns once it has ended the response itself. */
    private static final Object SENT = new Object();

    /** A file. */
    private record Bytes(String contentType, byte[] body) {
    }

    private static String claimId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !CLAIM_ID.matcher(id).matches()) throw ApiException.badRequest("claim id must be 1-160 characters of A-Z a-z 0-9 . _ : -");
        return id;
    }

    private static JsonObject body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) throw ApiException.badRequest("a JSON object body is required");
        try {
            JsonObject o = ctx.body().asJsonObject();
            if (o == null) throw ApiException.badRequest("a JSON object body is required");
            return o;
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest("request body is not a JSON object");
        }
    }

    private static void run(RoutingContext ctx, Supplier<ClaimsApi> api, Role[] roles, Work w) {
        Callable<Object> work = () -> {
            Principal p = ctx.get(PRINCIPAL);
            if (p == null) throw new ApiException(401, "unauthorized", "a bearer token is required");
            if (!p.hasAny(roles)) {
                throw ApiException.forbidden("requires role " + Arrays.stream(roles).map(Role::wireName).collect(Collectors.joining(" or ")));
            }
            // tenant override is not offered here: claims always act on the token's tenant
            String t = ctx.queryParams().get("tenant");
            if (t != null && !t.equals(p.tenant())) throw ApiException.forbidden("claims act on the token's tenant only");
            ClaimsApi a = api.get();
            if (a == null) throw ApiException.unavailable("claims are not available on this hub");
            Object result = w.run(a, p);
            return result instanceof Streamed s ? stream(ctx, s) : result;
        };
        ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
            if (ctx.response().ended()) return;
            if (ar.failed()) {
                problem(ctx, ar.cause());
                return;
            }
            Object r = ar.result();
            if (r == SENT) return;
            if (r instanceof Bytes b) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", b.contentType()).putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Disposition", "attachment").end(io.vertx.core.buffer.Buffer.buffer(b.body()));
                return;
            }
            int status = 200;
            if (r instanceof Created c) {
                status = 201;
                r = c.body();
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(((JsonObject) r).encode());
        });
    }

    /**
     * Writes a streamed answer from the worker. Once its first chunk is out the status is sent, so a failure after
     * that cannot become a problem document: the connection is reset instead, and the client sees a truncated
     * transfer rather than a file that looks whole.
     */
    private static Object stream(RoutingContext ctx, Streamed s) {
        ChunkedText out = new ChunkedText(ctx.response(), s.contentType());
        try {
            s.body().accept(out);
            out.close();
        } catch (ChunkedText.ClientGone gone) {
            System.getLogger(ClaimsRoutes.class.getName()).log(System.Logger.Level.INFO, ctx.request().path() + ": " + gone.getMessage());
            ctx.response().reset();
        } catch (RuntimeException e) {
            System.getLogger(ClaimsRoutes.class.getName()).log(System.Logger.Level.ERROR,
                    "export failed after it started on " + ctx.request().path() + "; connection reset", e);
            ctx.response().reset();
        }
        return SENT;
    }

    private static void problem(RoutingContext ctx, Throwable t) {
        int status;
        String error, detail;
        if (t instanceof ApiException a) {
            status = a.status();
            error = a.error();
            detail = a.getMessage();
        } else if (t instanceof IllegalArgumentException) {
            status = 400;
            error = "bad_request";
            detail = t.getMessage();
        } else if (t instanceof IllegalStateException) {
            status = 503;
            error = "unavailable";
            detail = t.getMessage();
            System.getLogger(ClaimsRoutes.class.getName()).log(System.Logger.Level.WARNING, "claims unavailable: " + t.getMessage());
        } else {
            status = 500;
            error = "internal_error";
            detail = "internal error; see the hub log";
            System.getLogger(ClaimsRoutes.class.getName()).log(System.Logger.Level.ERROR,
                    "internal error on " + ctx.request().method() + " " + ctx.request().path(), t);
        }
        if (status == 401) ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"telerisk\"");
        ctx.response().setStatusCode(status).putHeader("Content-Type", io.telerisk.hub.api.ProblemJson.CONTENT_TYPE)
                .end(io.telerisk.hub.api.ProblemJson.of(status, error, detail).encode());
    }
}
