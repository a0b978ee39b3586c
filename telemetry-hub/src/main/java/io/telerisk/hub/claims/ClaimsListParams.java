package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.fnol.ClaimSource;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.api.ListPage;
import io.telerisk.model.DeviceType;
import io.vertx.ext.web.RoutingContext;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of the claims lists, parsed or refused with a 400 naming the parameter (which parameters a
 * route takes is checked by the route table against the OpenAPI document). Paging through {@link ListPage}:
 * {@code offset} (default 0) and {@code limit} (1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}).
 */
final class ClaimsListParams {
    static final int DEFAULT_LIMIT = 100, MAX_LIMIT = 1000;
    private static final Set<String> OUTCOMES = Set.of("PENDING", "OPENED", "DUPLICATE", "NOT_CONFIRMED", "NO_POLICY", "REJECTED", "DISMISSED");

    private final RoutingContext ctx;

    private ClaimsListParams(RoutingContext ctx) {
        this.ctx = ctx;
    }

    static ClaimsListParams of(RoutingContext ctx) {
        return new ClaimsListParams(ctx);
    }

    private String value(String name) {
        List<String> v = ctx.queryParam(name);
        if (v.isEmpty()) return null;
        if (v.size() > 1) throw ApiException.badRequest("parameter '" + name + "' given more than once");
        String s = v.get(0).trim();
        if (s.isEmpty()) return null;
        if (s.length() > 256) throw ApiException.badRequest("parameter '" + name + "' is longer than 256 characters");
        return s;
    }

    /** The page asked for. */
    ListPage.Request page() {
        return ListPage.request(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    }

    Instant from() {
        return instant("from");
    }

    Instant to() {
        return instant("to");
    }

    private Instant instant(String name) {
        String s = value(name);
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-06-01T10:00:00Z, not '" + ClaimsInput.echo(s) + "'");
        }
    }

    DeviceType deviceType() {
        String s = value("deviceType");
        return s == null ? null : ClaimsInput.deviceType(s);
    }

    String deviceId() {
        String s = value("deviceId");
        if (s != null && !s.matches("[A-Za-z0-9._-]{1,64}")) throw ApiException.badRequest("deviceId must be 1-64 characters of A-Z a-z 0-9 . _ -");
        return s;
    }

    String outcome() {
        String s = value("outcome");
        if (s == null) return null;
        String u = s.toUpperCase(Locale.ROOT);
        if (!OUTCOMES.contains(u)) throw ApiException.badRequest("outcome must be one of " + new TreeSet<>(OUTCOMES) + ", not '" + ClaimsInput.echo(s) + "'");
        return u;
    }

    /** {@code jsonl} (default) or {@code csv}. */
    String format() {
        String s = value("format");
        if (s == null) return "jsonl";
        if (!s.equals("jsonl") && !s.equals("csv")) throw ApiException.badRequest("format must be jsonl or csv, not '" + ClaimsInput.echo(s) + "'");
        return s;
    }

    /**
     * The claim search: {@code status} (comma-separated states), {@code closed} (true: closed states only, false: open
     * ones only; without both, every state), priority, source, device, policy, loss-time period, {@code q} (text the
     * claim id, policy id or device id contains), paging.
     */
    ClaimQuery search() {
        Set<ClaimStatus> statuses = EnumSet.noneOf(ClaimStatus.class);
        String st = value("status");
        if (st != null) {
            for (String part : st.split(",")) {
                try {
                    statuses.add(ClaimStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("unknown status '" + ClaimsInput.echo(part) + "', expected any of " + Arrays.toString(ClaimStatus.values()));
                }
            }
        }
        String closed = value("closed");
        if (closed != null) {
            if (!closed.equals("true") && !closed.equals("false")) throw ApiException.badRequest("closed must be true or false");
            boolean wantClosed = closed.equals("true");
            Set<ClaimStatus> byClosed = EnumSet.noneOf(ClaimStatus.class);
            for (ClaimStatus s : ClaimStatus.values()) if (s.closed() == wantClosed) byClosed.add(s);
            if (statuses.isEmpty()) statuses = byClosed;
            else statuses.retainAll(byClosed);
            if (statuses.isEmpty()) throw ApiException.badRequest("status and closed=" + closed + " exclude each other");
        }
        Priority priority = null;
        String pr = value("priority");
        if (pr != null) {
            try {
                priority = Priority.valueOf(pr.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("priority must be one of " + Arrays.toString(Priority.values()));
            }
        }
        ClaimSource source = null;
        String so = value("source");
        if (so != null) {
            try {
                source = ClaimSource.valueOf(so.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("source must be one of " + Arrays.toString(ClaimSource.values()));
            }
        }
        String policy = value("policyId");
        if (policy != null && policy.length() > 64) throw ApiException.badRequest("policyId is longer than 64 characters");
        Instant from = from(), to = to();
        if (from != null && to != null && !to.isAfter(from)) throw ApiException.badRequest("to must be after from");
        String text = value("q");
        if (text != null && text.length() > 64) throw ApiException.badRequest("q is longer than 64 characters");
        return new ClaimQuery(statuses, priority, source, deviceType(), deviceId(), policy, from, to, text, page());
    }
}
