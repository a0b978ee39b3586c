package io.telerisk.hub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query parameters each route accepts, read from the served OpenAPI document, so that the document is the one
 * place a parameter is declared: a request with a parameter its route does not document is refused with a 400 that
 * lists the accepted ones (a misspelt {@code form=} silently ignored would answer the wrong question).
 */
final class QueryParameters {
    private final JsonObject doc;
    private final Map<String, Set<String>> allowed = new ConcurrentHashMap<>();

    QueryParameters(JsonObject openApi) {
        this.doc = openApi;
    }

    /** The documented query parameters of a route given in router syntax ({@code /devices/:type}), sorted. */
    Set<String> of(HttpMethod method, String routePath) {
        return allowed.computeIfAbsent(method.name() + " " + routePath, k -> read(method, routePath));
    }

    /**
     * Throws a 400 naming the first undocumented parameter among {@code names}. {@code tenant} is the one
     * parameter every authenticated route understands: where a route does not document it (it acts on the token's
     * tenant only), naming the caller's own tenant is harmless and naming another is a 403, never silently ignored.
     *
     * @param ownTenant the caller's tenant, or null on a public route
     * @param tenantParam the request's {@code tenant} value, or null
     */
    void check(HttpMethod method, String routePath, Iterable<String> names, String ownTenant, String tenantParam) {
        Set<String> ok = null;
        for (String n : names) {
            if (ok == null) ok = of(method, routePath);
            if (n.equals("tenant") && ownTenant != null && !ok.contains(n)) {
                if (!ownTenant.equals(tenantParam)) throw ApiException.forbidden("this endpoint acts on the token's tenant only");
                continue;
            }
            if (!ok.contains(n)) {
                throw ApiException.badRequest("unknown query parameter '" + Params.echo(n) + "'"
                        + (ok.isEmpty() ? ": this endpoint takes none" : "; accepted: " + String.join(", ", ok)));
            }
        }
    }

    private Set<String> read(HttpMethod method, String routePath) {
        Set<String> names = new TreeSet<>();
        String path = routePath.replaceAll(":([A-Za-z]+)", "{$1}");
        JsonObject item = doc.getJsonObject("paths", new JsonObject()).getJsonObject(path);
        if (item == null) return names;
        collect(item.getJsonArray("parameters"), names);
        JsonObject op = item.getJsonObject(method.name().toLowerCase(Locale.ROOT));
        if (op != null) collect(op.getJsonArray("parameters"), names);
        return names;
    }

    private void collect(JsonArray params, Set<String> names) {
        if (params == null) return;
        for (Object o : params) {
            JsonObject p = resolve((JsonObject) o);
            if (p != null && "query".equals(p.getString("in"))) names.add(p.getString("name"));
        }
    }

    /** A parameter object, following a local {@code $ref} such as {@code #/components/parameters/limit}. */
    private JsonObject resolve(JsonObject p) {
        String ref = p.getString("$ref");
        if (ref == null) return p;
        if (!ref.startsWith("#/")) return null;
        Object node = doc;
        for (String part : ref.substring(2).split("/")) {
            if (!(node instanceof JsonObject o)) return null;
            node = o.getValue(part.replace("~1", "/").replace("~0", "~"));
        }
        return node instanceof JsonObject o ? o : null;
    }
}
