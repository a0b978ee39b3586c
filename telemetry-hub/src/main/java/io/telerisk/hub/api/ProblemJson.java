package io.telerisk.hub.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;

/**
 * Error answers as RFC 9457 problem documents ({@code application/problem+json}): {@code type}, {@code title},
 * {@code status} and {@code detail}, plus the platform's own {@code error} code (and whatever else a feature adds,
 * e.g. {@code problems}, {@code reason}) as extension members, which clients and the console already read.
 */
public final class ProblemJson {
    /** The media type of every error answer. */
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Problem types are named by the platform's error code under this URN (they are identifiers, not pages). */
    static final String TYPE_PREFIX = "urn:telerisk:problem:";

    private ProblemJson() {
    }

    /** A problem document for {@code status} with the platform's {@code error} code and a human {@code detail}. */
    public static JsonObject of(int status, String error, String detail) {
        return complete(new JsonObject().put("status", status).put("error", error).put("detail", detail), status);
    }

    /**
     * Adds what RFC 9457 asks for to a body a feature built ({@code status}, {@code error}, {@code detail} or other
     * members): {@code type} from the error code (or {@code about:blank}), {@code title} the status's reason phrase.
     */
    public static JsonObject complete(JsonObject body, int status) {
        if (!body.containsKey("status")) body.put("status", status);
        if (!body.containsKey("type")) {
            Object error = body.getValue("error");
            body.put("type", error instanceof String e && !e.isBlank() ? TYPE_PREFIX + e : "about:blank");
        }
        if (!body.containsKey("title")) body.put("title", HttpResponseStatus.valueOf(status).reasonPhrase());
        return body;
    }
}
