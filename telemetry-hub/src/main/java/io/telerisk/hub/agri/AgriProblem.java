package io.telerisk.hub.agri;

import io.vertx.core.json.JsonObject;

/** A crop-credit request that cannot be served, with the HTTP status and a reason a caller can act on. */
public final class AgriProblem extends RuntimeException {
    private final int status;
    private final String error;

    public AgriProblem(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    static AgriProblem badRequest(String detail) {
        return new AgriProblem(400, "bad_request", detail);
    }

    static AgriProblem forbidden(String detail) {
        return new AgriProblem(403, "forbidden", detail);
    }

    static AgriProblem notFound(String detail) {
        return new AgriProblem(404, "not_found", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Problem document in the API's shape ({@code status}, {@code error}, {@code detail}). */
    public JsonObject toJson() {
        return new JsonObject().put("status", status).put("error", error).put("detail", getMessage());
    }
}
