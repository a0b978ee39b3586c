package io.telerisk.hub.agri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviSeriesStore;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.agri.ndvi.NoObservationReason;
import io.telerisk.hub.store.StorageConfig;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link NdviSeriesStore} as InfluxDB measurement {@code ndvi} next to the telemetry, in the database (v1) or bucket
 * (v2) of the hub's {@link StorageConfig}. Tags {@code tenant}, {@code fieldId}, {@code sceneId}; fields
 * {@code status} ("ok" or the no-observation reason), {@code detail}, {@code pixelsInField}, {@code validPixels} and,
 * when observed, {@code mean, median, std, min, max, cloudFreeFraction}; time = acquisition. Status is a field rather
 * than a tag so that re-storing a (field, scene) overwrites the point even when the verdict changed. A scene is one
 * write request, so InfluxDB takes all of its lines or none. Reads are InfluxQL over {@code /query}, which 1.x, 2.x
 * (with a DBRP mapping) and 3.x all serve, as the telemetry store does.
 */
public final class InfluxNdviSeriesStore implements NdviSeriesStore {
    static final String MEASUREMENT = "ndvi";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private final StorageConfig config;
    private final OkHttpClient http;
    private final HttpUrl base;
    private volatile boolean databaseReady;

    public InfluxNdviSeriesStore(StorageConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.backend() != StorageConfig.Backend.INFLUXDB) throw new IllegalArgumentException("not an InfluxDB config: " + config);
        this.base = HttpUrl.parse(config.influxUrl());
        if (base == null) throw new IllegalArgumentException("bad InfluxDB url '" + config.influxUrl() + "'");
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(30)).build();
        this.databaseReady = !v1();
    }

    private boolean v1() {
        return config.influxMode() == StorageConfig.InfluxMode.V1;
    }

    @Override
    public void appendAll(List<NdviPoint> points) {
        if (points.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (NdviPoint p : points) line(sb, p);
        ensureDatabase();
        HttpUrl.Builder u = base.newBuilder();
        if (v1()) {
            u.addPathSegment("write").addQueryParameter("db", config.influxDatabase()).addQueryParameter("precision", "ns");
            if (!config.influxRetentionPolicy().isEmpty()) u.addQueryParameter("rp", config.influxRetentionPolicy());
        } else {
            u.addPathSegments("api/v2/write").addQueryParameter("org", config.influxOrg())
                    .addQueryParameter("bucket", config.influxBucket()).addQueryParameter("precision", "ns");
        }
        execute(auth(u), RequestBody.create(sb.toString(), TEXT), "write NDVI of scene " + points.get(0).sceneId());
    }

    @Override
    public List<NdviPoint> series(String tenant, String fieldId, Instant from, Instant toExclusive) {
        ensureDatabase();
        String q = "SELECT * FROM " + ident(MEASUREMENT) + " WHERE \"tenant\" = " + literal(tenant) + " AND \"fieldId\" = " + literal(fieldId)
                + " AND time >= " + nanos(from) + " AND time < " + nanos(toExclusive) + " ORDER BY time ASC";
        HttpUrl.Builder u = base.newBuilder().addPathSegment("query").addQueryParameter("epoch", "ns")
                .addQueryParameter("db", v1() ? config.influxDatabase() : config.influxBucket()).addQueryParameter("q", q);
        String text = execute(auth(u), null, "read NDVI of field " + fieldId);
        List<NdviPoint> out = new ArrayList<>();
        try {
            JsonNode root = MAPPER.readTree(text);
            for (JsonNode res : root.path("results")) {
                if (res.hasNonNull("error")) throw new AgriStoreException("InfluxQL error: " + res.get("error").asText(), null);
                for (JsonNode s : res.path("series")) {
                    List<String> cols = new ArrayList<>();
                    for (JsonNode c : s.path("columns")) cols.add(c.asText());
                    for (JsonNode row : s.path("values")) out.add(point(tenant, fieldId, cols, row));
                }
            }
        } catch (IOException e) {
            throw new AgriStoreException("unparseable InfluxDB answer: " + e.getMessage(), e);
        }
        return out;
    }

    private static NdviPoint point(String tenant, String fieldId, List<String> cols, JsonNode row) {
        Instant t = Instant.ofEpochSecond(0, row.get(0).asLong());
        String status = row.get(cols.indexOf("status")).asText();
        long pixels = row.get(cols.indexOf("pixelsInField")).asLong();
        long valid = row.get(cols.indexOf("validPixels")).asLong();
        FieldNdvi n = JdbcNdviSeriesStore.OK.equals(status)
                ? new FieldNdvi.Observed(fieldId, pixels, new NdviStats(valid, num(cols, row, "mean"), num(cols, row, "median"),
                num(cols, row, "std"), num(cols, row, "min"), num(cols, row, "max"), num(cols, row, "cloudFreeFraction")))
                : new FieldNdvi.NoObservation(fieldId, NoObservationReason.valueOf(status), text(cols, row, "detail"), pixels, valid);
        return new NdviPoint(tenant, fieldId, t, row.get(cols.indexOf("sceneId")).asText(), n);
    }

    private static double num(List<String> cols, JsonNode row, String name) {
        return row.get(cols.indexOf(name)).asDouble();
    }

    private static String text(List<String> cols, JsonNode row, String name) {
        int i = cols.indexOf(name);
        return i < 0 || row.get(i).isNull() ? null : row.get(i).asText();
    }

    static void line(StringBuilder sb, NdviPoint p) {
        sb.append(MEASUREMENT).append(",fieldId=");
        tag(sb, p.fieldId());
        sb.append(",sceneId=");
        tag(sb, p.sceneId());
        sb.append(",tenant=");
        tag(sb, p.tenant());
        sb.append(" pixelsInField=").append(p.ndvi().pixelsInField()).append('i');
        if (p.ndvi() instanceof FieldNdvi.Observed o) {
            NdviStats s = o.stats();
            sb.append(",status=\"ok\",validPixels=").append(s.validPixels()).append('i')
                    .append(",mean=").append(s.mean()).append(",median=").append(s.median()).append(",std=").append(s.std())
                    .append(",min=").append(s.min()).append(",max=").append(s.max()).append(",cloudFreeFraction=").append(s.cloudFreeFraction());
        } else {
            FieldNdvi.NoObservation n = (FieldNdvi.NoObservation) p.ndvi();
            sb.append(",status=\"").append(n.reason().name()).append("\",validPixels=").append(n.validPixels()).append('i');
            if (n.detail() != null) {
                sb.append(",detail=\"");
                for (char c : n.detail().toCharArray()) {
                    if (c == '"' || c == '\\') sb.append('\\');
                    sb.append(c == '\n' || c == '\r' ? ' ' : c);
                }
                sb.append('"');
            }
        }
        sb.append(' ').append(p.acquired().getEpochSecond() * 1_000_000_000L + p.acquired().getNano()).append('\n');
    }

    private static void tag(StringBuilder sb, String v) {
        for (char c : v.toCharArray()) {
            if (c == ',' || c == '=' || c == ' ' || c == '\\') sb.append('\\');
            sb.append(c);
        }
    }

    private static String ident(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String nanos(Instant t) {
        return (t.getEpochSecond() * 1_000_000_000L + t.getNano()) + "";
    }

    private void ensureDatabase() {
        if (databaseReady) return;
        synchronized (this) {
            if (databaseReady) return;
            HttpUrl.Builder u = base.newBuilder().addPathSegment("query");
            execute(auth(u), new FormBody.Builder().add("q", "CREATE DATABASE " + ident(config.influxDatabase())).build(),
                    "create database " + config.influxDatabase());
            databaseReady = true;
        }
    }

    /** v1: {@code user:password} in the token as query parameters; v2: the token header. */
    private Request.Builder auth(HttpUrl.Builder u) {
        String token = config.influxToken();
        Request.Builder rb = new Request.Builder();
        if (v1()) {
            int colon = token.indexOf(':');
            if (colon > 0) u.addQueryParameter("u", token.substring(0, colon)).addQueryParameter("p", token.substring(colon + 1));
        } else if (!token.isEmpty()) {
            rb.header("Authorization", "Token " + token);
        }
        return rb.url(u.build());
    }

    private String execute(Request.Builder rb, RequestBody post, String what) {
        if (post != null) rb.post(post);
        try (Response r = http.newCall(rb.build()).execute()) {
            String text = r.body() == null ? "" : r.body().string();
            if (!r.isSuccessful()) {
                throw new AgriStoreException("InfluxDB at " + base + " cannot " + what + ": HTTP " + r.code() + " "
                        + (text.length() > 300 ? text.substring(0, 300) : text), null);
            }
            return text;
        } catch (IOException e) {
            throw new AgriStoreException("InfluxDB at " + base + " unreachable, cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "influxdb measurement ndvi (" + config + ")";
    }
}
