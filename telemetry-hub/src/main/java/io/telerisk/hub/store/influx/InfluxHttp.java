package io.telerisk.hub.store.influx;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * InfluxQL over HTTP ({@code /query}), served by InfluxDB 1.x, by 2.x's v1 compatibility API and by 3.x.
 * Reads go through GET, statements that change data (CREATE, DELETE) through POST. Results come back with
 * {@code epoch=ns}, so times are integer nanoseconds.
 */
final class InfluxHttp {
    /**
     * Raw reads (the summariser re-reads days of samples) are mostly numbers, and JDK 17's parser was a third of a
     * raw read's profile samples (session 8 of docs/benchmarks-ingest.md); the fast double parser yields the same
     * doubles as {@code Double.parseDouble}.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    /** One series of a result: its name, tags (GROUP BY), column names and rows. */
    record Series(String name, JsonNode tags, List<String> columns, JsonNode values) {
        int column(String name) {
            return columns.indexOf(name);
        }
    }

    /** An HTTP-level failure: status 0 for I/O errors (connection refused, timeout). */
    static final class HttpFailure extends Exception {
        final int status;

        HttpFailure(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        boolean retryable() {
            return status == 0 || status >= 500 || status == 408 || status == 429 || status == 401 || status == 403;
        }
    }

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String database;
    private final String user;
    private final String password;
    private final String token;

    /**
     * @param database v1 database or v2 bucket
     * @param user     v1 user or null
     * @param token    v2 token or null
     */
    InfluxHttp(OkHttpClient http, String baseUrl, String database, String user, String password, String token) {
        this.http = http;
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) throw new IllegalArgumentException("bad InfluxDB url '" + baseUrl + "'");
        this.base = parsed;
        this.database = database;
        this.user = user;
        this.password = password;
        this.token = token;
    }

    /** Runs read statements (GET) and returns the series of each statement, failing on any statement error. */
    List<List<Series>> query(String influxQl) throws HttpFailure {
        return parse(execute(url(influxQl, true).build(), null));
    }

    /** Runs statements that write or change schema (POST). */
    List<List<Series>> command(String influxQl) throws HttpFailure {
        FormBody body = new FormBody.Builder().add("q", influxQl).build();
        return parse(execute(url(null, true).build(), body));
    }

    /** Runs a command without a database parameter (CREATE DATABASE). */
    List<List<Series>> serverCommand(String influxQl) throws HttpFailure {
        FormBody body = new FormBody.Builder().add("q", influxQl).build();
        return parse(execute(url(null, false).build(), body));
    }

    private HttpUrl.Builder url(String q, boolean withDb) {
        HttpUrl.Builder b = base.newBuilder().addPathSegment("query").addQueryParameter("epoch", "ns");
        if (withDb) b.addQueryParameter("db", database);
        if (q != null) b.addQueryParameter("q", q);
        if (user != null) {
            b.addQueryParameter("u", user);
            b.addQueryParameter("p", password);
        }
        return b;
    }

    private String execute(HttpUrl url, FormBody post) throws HttpFailure {
        Request.Builder rb = new Request.Builder().url(url);
        if (token != null) rb.header("Authorization", "Token " + token);
        if (post != null) rb.post(post);
        try (Response r = http.newCall(rb.build()).execute()) {
            ResponseBody body = r.body();
            String text = body == null ? "" : body.string();
            if (!r.isSuccessful()) {
                throw new HttpFailure(r.code(), "InfluxDB /query answered " + r.code() + ": " + abbreviate(text), null);
            }
            return text;
        } catch (IOException e) {
            throw new HttpFailure(0, "InfluxDB at " + base + " unreachable: " + e.getMessage(), e);
        }
    }

    private static List<List<Series>> parse(String text) throws HttpFailure {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new HttpFailure(500, "unparseable InfluxDB answer: " + abbreviate(text), e);
        }
        if (root.hasNonNull("error")) throw new HttpFailure(400, "InfluxDB error: " + root.get("error").asText(), null);
        List<List<Series>> out = new ArrayList<>();
        for (JsonNode res : root.path("results")) {
            if (res.hasNonNull("error")) throw new HttpFailure(400, "InfluxQL error: " + res.get("error").asText(), null);
            List<Series> series = new ArrayList<>();
            for (JsonNode s : res.path("series")) {
                List<String> cols = new ArrayList<>();
                for (JsonNode c : s.path("columns")) cols.add(c.asText());
                series.add(new Series(s.path("name").asText(), s.path("tags"), cols, s.path("values")));
            }
            out.add(series);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
