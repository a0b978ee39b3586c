package io.telerisk.hub.agri;

/** An answer of {@link AgriApi}: HTTP status and JSON body ({@code JsonObject} or {@code JsonArray}). */
public record AgriReply(int status, Object body) {
    static AgriReply ok(Object body) {
        return new AgriReply(200, body);
    }
}
