package io.telerisk.hub.store.influx;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * Maps the influxdb-client's v2 writes onto InfluxDB 1.x: {@code POST /api/v2/write?org=&bucket=db/rp&precision=ns}
 * becomes {@code POST /write?db=db&rp=rp&precision=n}, and an {@code Authorization: Token user:pass} header
 * becomes the {@code u}/{@code p} query parameters that 1.6 understands. Installed as a network interceptor so it
 * sees the header the client's own authentication interceptor adds.
 */
final class V1WriteInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request req = chain.request();
        HttpUrl url = req.url();
        if (!url.encodedPath().endsWith("/api/v2/write")) return chain.proceed(req);
        String bucket = url.queryParameter("bucket");
        String db = bucket == null ? "" : bucket;
        String rp = null;
        int slash = db.indexOf('/');
        if (slash >= 0) {
            rp = db.substring(slash + 1);
            db = db.substring(0, slash);
        }
        String prefix = url.encodedPath().substring(0, url.encodedPath().length() - "/api/v2/write".length());
        HttpUrl.Builder b = url.newBuilder().encodedPath(prefix + "/write").query(null).addQueryParameter("db", db);
        if (rp != null && !rp.isEmpty()) b.addQueryParameter("rp", rp);
        b.addQueryParameter("precision", v1Precision(url.queryParameter("precision")));
        Request.Builder rb = req.newBuilder();
        String auth = req.header("Authorization");
        if (auth != null) {
            rb.removeHeader("Authorization");
            String token = auth.startsWith("Token ") ? auth.substring(6) : auth;
            int colon = token.indexOf(':');
            if (colon > 0) {
                b.addQueryParameter("u", token.substring(0, colon));
                b.addQueryParameter("p", token.substring(colon + 1));
            }
        }
        return chain.proceed(rb.url(b.build()).build());
    }

    /** v2 precision names (ns, us, ms, s) to v1 ones (n, u, ms, s). */
    static String v1Precision(String v2) {
        if (v2 == null) return "n";
        return switch (v2) {
            case "ns" -> "n";
            case "us" -> "u";
            case "ms" -> "ms";
            case "s" -> "s";
            default -> throw new IllegalArgumentException("unknown write precision " + v2);
        };
    }
}
