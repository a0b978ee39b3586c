package io.telerisk.hub.agri;

import io.vertx.core.json.JsonArray;

/** The list envelope of the API: {@code {items, total, offset, limit}}. */
final class AgriPage {
    private AgriPage() {
    }

    static io.vertx.core.json.JsonObject of(JsonArray items, long total, int offset, int limit) {
        return new io.vertx.core.json.JsonObject().put("items", items).put("total", total).put("offset", offset).put("limit", limit);
    }
}
