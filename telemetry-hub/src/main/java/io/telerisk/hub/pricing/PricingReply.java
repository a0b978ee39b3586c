package io.telerisk.hub.pricing;

import io.vertx.core.json.JsonObject;

/** What a pricing operation answers: an HTTP status (200, 201) and a JSON body. */
public record PricingReply(int status, JsonObject body) {
    static PricingReply ok(JsonObject body) {
        return new PricingReply(200, body);
    }

    static PricingReply created(JsonObject body) {
        return new PricingReply(201, body);
    }
}
