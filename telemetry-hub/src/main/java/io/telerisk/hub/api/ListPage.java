package io.telerisk.hub.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;
import java.util.function.Function;

/**
 * The one list envelope of the API: {@code {"items": [...], "total": N, "offset": O, "limit": L}}. Every list
 * endpoint pages on the server with {@code offset} and {@code limit}; {@code total} counts every match of the
 * filters, not just this page, so a client can show "41-60 of 1,000" without downloading the table.
 */
public final class ListPage {
    /** The largest offset a client may ask for; deeper pages call for narrower filters. */
    public static final int MAX_OFFSET = 1_000_000;

    /** Which page a request asks for. */
    public record Request(int offset, int limit) {
        public Request {
            if (offset < 0 || offset > MAX_OFFSET) throw new IllegalArgumentException("offset out of range: " + offset);
            if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
        }

        /** The exclusive end index of this page within a list of {@code size} items. */
        public int end(int size) {
            return (int) Math.min(size, (long) offset + limit);
        }
    }

    private ListPage() {
    }

    /**
     * The page a request asks for, from its {@code offset} (default 0) and {@code limit} (default {@code defLimit},
     * at most {@code maxLimit}) query parameters; anything else is a 400 naming the parameter.
     */
    public static Request request(RoutingContext ctx, int defLimit, int maxLimit) {
        int offset = Params.intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        int limit = Params.intParam(ctx, "limit", Math.min(defLimit, maxLimit), 1, maxLimit);
        return new Request(offset, limit);
    }

    /** The envelope around one page of already rendered items. */
    public static JsonObject of(JsonArray items, long total, Request page) {
        return new JsonObject().put("items", items).put("total", total).put("offset", page.offset()).put("limit", page.limit());
    }

    /** The envelope around one page of items, each rendered with {@code json}. */
    public static <T> JsonObject of(Collection<T> items, long total, Request page, Function<? super T, JsonObject> json) {
        JsonArray a = new JsonArray();
        for (T t : items) a.add(json.apply(t));
        return of(a, total, page);
    }

    /** The envelope around the requested page of a list held in full (only for lists bounded by their nature). */
    public static <T> JsonObject slice(java.util.List<T> all, Request page, Function<? super T, JsonObject> json) {
        int from = Math.min(all.size(), page.offset());
        int to = Math.max(from, page.end(all.size()));
        return of(all.subList(from, to), all.size(), page, json);
    }
}
