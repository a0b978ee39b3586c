package io.telerisk.hub.pricing;

import io.telerisk.hub.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A refused pricing request with every reason, not just the first: answered as a problem document with an extra
 * {@code problems} array ({@code {status, error, detail, problems: [...]}}).
 */
public final class PricingProblem extends ApiException {
    private final List<String> problems;

    public PricingProblem(int status, String error, String detail, List<String> problems) {
        super(status, error, detail);
        this.problems = List.copyOf(problems);
    }

    public static PricingProblem badRequest(String detail, List<String> problems) {
        return new PricingProblem(400, "bad_request", detail, problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The problem document. */
    public JsonObject toJson() {
        return new JsonObject().put("status", status()).put("error", error()).put("detail", getMessage())
                .put("problems", new JsonArray(List.copyOf(problems)));
    }
}
