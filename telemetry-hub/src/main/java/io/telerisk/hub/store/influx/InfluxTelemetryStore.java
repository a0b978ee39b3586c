package io.telerisk.hub.store.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import io.telerisk.hub.retention.ReadPlan;
import io.telerisk.hub.retention.Resolution;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.retention.RollupStore;
import io.telerisk.hub.store.Aggregate;
import io.telerisk.hub.store.EventJson;
import io.telerisk.hub.store.Field;
import io.telerisk.hub.store.SampleFields;
import io.telerisk.hub.store.SeriesPoint;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.StoreReadException;
import io.telerisk.hub.store.StoreRejectedException;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The InfluxDB telemetry store. Writes line protocol built by hand through influxdb-client-java's blocking write
 * API, in chunks of {@code batchSize} lines with up to two chunks in flight, so {@link #store} returns once InfluxDB
 * acknowledged every chunk. Two API flavours:
 * <ul>
 *   <li>v2 ({@code /api/v2/write}, org/bucket/token) for InfluxDB 2.x and 3.x;</li>
 *   <li>v1 for InfluxDB 1.x, where {@link V1WriteInterceptor} rewrites the client's requests onto
 *       {@code /write?db=&rp=&precision=}; the database is created on first use.</li>
 * </ul>
 * Reads are InfluxQL over {@code /query}, which all three major versions serve. Schema: measurements
 * {@code vehicle}, {@code wearable}, {@code farm}, {@code events} and rollups {@code <m>_1h}, {@code <m>_1d};
 * tags tenant, type, device (and event on {@code events}); see docs/storage.md. Thread-safe.
 */
public final class InfluxTelemetryStore implements TelemetryStore, RollupStore {
    private static final int ATTEMPTS = 3;
    private static final int IN_FLIGHT = 2;
    private static final int MIN_CHUNK = 2_000;

    private final StorageConfig config;
    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final InfluxHttp http;
    private final OkHttpClient readHttp;
    private final RetentionPolicies policies;
    private final Clock clock;
    private final ExecutorService writers;
    private volatile boolean databaseReady;

    private InfluxTelemetryStore(StorageConfig config, RetentionPolicies policies, Clock clock) {
        this.config = config;
        this.policies = policies;
        this.clock = clock;
        boolean v1 = config.influxMode() == StorageConfig.InfluxMode.V1;
        OkHttpClient.Builder writeHttp = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30));
        if (v1) writeHttp.addNetworkInterceptor(new V1WriteInterceptor());
        InfluxDBClientOptions.Builder opts = InfluxDBClientOptions.builder()
                .url(config.influxUrl())
                .okHttpClient(writeHttp)
                .precision(WritePrecision.NS)
                // v1: the interceptor splits "db/rp" back into db and rp; the org is ignored by 1.x
                .org(v1 ? "-" : config.influxOrg())
                .bucket(v1 ? config.influxDatabase() + "/" + config.influxRetentionPolicy() : config.influxBucket());
        if (!config.influxToken().isEmpty()) opts.authenticateToken(config.influxToken().toCharArray());
        this.client = InfluxDBClientFactory.create(opts.build());
        this.writeApi = client.getWriteApiBlocking();
        this.readHttp = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(60)).build();
        String user = null;
        String password = null;
        String token = null;
        if (v1) {
            int colon = config.influxToken().indexOf(':');
            if (colon > 0) {
                user = config.influxToken().substring(0, colon);
                password = config.influxToken().substring(colon + 1);
            }
        } else if (!config.influxToken().isEmpty()) {
            token = config.influxToken();
        }
        this.http = new InfluxHttp(readHttp, config.influxUrl(), v1 ? config.influxDatabase() : config.influxBucket(),
                user, password, token);
        this.writers = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "influx-writer");
            t.setDaemon(true);
            return t;
        });
        this.databaseReady = !v1;
    }

    /** Opens a store; nothing is contacted until the first call. */
    public static InfluxTelemetryStore open(StorageConfig config, RetentionPolicies policies, Clock clock) {
        if (config.backend() != StorageConfig.Backend.INFLUXDB) throw new IllegalArgumentException("not an InfluxDB config: " + config);
        return new InfluxTelemetryStore(config, policies, clock);
    }

    private boolean v1() {
        return config.influxMode() == StorageConfig.InfluxMode.V1;
    }

    private void ensureDatabase() throws StoreUnavailableException {
        if (databaseReady) return;
        synchronized (this) {
            if (databaseReady) return;
            try {
                http.serverCommand("CREATE DATABASE " + InfluxQl.ident(config.influxDatabase()));
                if (!config.influxRetentionPolicy().isEmpty()) {
                    try {
                        http.serverCommand("CREATE RETENTION POLICY " + InfluxQl.ident(config.influxRetentionPolicy())
                                + " ON " + InfluxQl.ident(config.influxDatabase()) + " DURATION INF REPLICATION 1");
                    } catch (InfluxHttp.HttpFailure e) {
                        // an existing policy with other settings is the operator's choice; keep it
                        if (!e.getMessage().contains("already exists")) throw e;
                    }
                }
                databaseReady = true;
            } catch (InfluxHttp.HttpFailure e) {
                throw new StoreUnavailableException(describe() + " cannot create database " + config.influxDatabase()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    // ---- writes ----

    @Override
    public void store(List<Envelope> envelopes) throws StoreUnavailableException {
        if (envelopes.isEmpty()) return;
        ensureDatabase();
        int total = 0;
        for (Envelope e : envelopes) total += e.samples().size() + e.events().size();
        // split even a single batch so that IN_FLIGHT requests keep InfluxDB's cores busy (one caller is the norm)
        int batch = Math.min(config.batchSize(), Math.max(MIN_CHUNK, (total + IN_FLIGHT - 1) / IN_FLIGHT));
        List<Future<?>> inFlight = new ArrayList<>();
        StringBuilder sb = new StringBuilder(Math.min(batch, 100_000) * 160);
        int lines = 0;
        try {
            for (Envelope e : envelopes) {
                for (Sample s : e.samples()) {
                    LineProtocol.appendSample(sb, e, s);
                    if (++lines >= batch) {
                        inFlight.add(submit(sb.toString(), inFlight));
                        sb.setLength(0);
                        lines = 0;
                    }
                }
                for (DeviceEvent d : e.events()) {
                    LineProtocol.appendEvent(sb, e, d);
                    if (++lines >= batch) {
                        inFlight.add(submit(sb.toString(), inFlight));
                        sb.setLength(0);
                        lines = 0;
                    }
                }
            }
        } catch (IllegalArgumentException bad) {
            cancel(inFlight);
            throw new StoreRejectedException("cannot encode for InfluxDB: " + bad.getMessage(), bad);
        }
        if (lines > 0) {
            if (inFlight.isEmpty()) {
                writeChunk(sb.toString());
                return;
            }
            inFlight.add(submit(sb.toString(), inFlight));
        }
        awaitAll(inFlight);
    }

    /** Submits a chunk, first waiting for older ones so at most IN_FLIGHT are outstanding per call. */
    private Future<?> submit(String body, List<Future<?>> inFlight) throws StoreUnavailableException {
        int outstanding = 0;
        for (Future<?> f : inFlight) if (!f.isDone()) outstanding++;
        if (outstanding >= IN_FLIGHT) awaitAll(inFlight.subList(0, inFlight.size() - IN_FLIGHT + 1));
        return writers.submit(() -> {
            writeChunk(body);
            return null;
        });
    }

    private void awaitAll(List<Future<?>> futures) throws StoreUnavailableException {
        try {
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            cancel(futures);
            Throwable c = e.getCause();
            if (c instanceof StoreUnavailableException u) throw u;
            if (c instanceof RuntimeException r) throw r;
            throw new StoreUnavailableException(describe() + " write failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(futures);
            throw new StoreUnavailableException(describe() + " write interrupted", e);
        }
    }

    private static void cancel(List<Future<?>> futures) {
        for (Future<?> f : futures) f.cancel(false);
    }

    /**
     * Writes one chunk, retrying transient failures twice with a short backoff (the caller spools after that).
     * 400/413/422 mean the data itself is refused: no retry.
     */
    private void writeChunk(String body) throws StoreUnavailableException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                writeApi.writeRecord(WritePrecision.NS, body);
                return;
            } catch (InfluxException e) {
                int status = e.status();
                if (status == 404 && v1()) {
                    // database dropped behind our back: create it again and retry
                    databaseReady = false;
                    ensureDatabase();
                } else if (status == 400 || status == 413 || status == 422) {
                    throw new StoreRejectedException(describe() + " refused the write (" + status + "): " + e.getMessage(), e);
                }
                last = e;
            } catch (RuntimeException e) {
                last = e;
            }
            if (attempt + 1 < ATTEMPTS) sleep(50L << (2 * attempt));
        }
        throw new StoreUnavailableException(describe() + " unavailable after " + ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    private static void sleep(long ms) throws StoreUnavailableException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while retrying a write", e);
        }
    }

    // ---- reads ----

    private String from(String measurement) {
        if (v1() && !config.influxRetentionPolicy().isEmpty()) {
            return InfluxQl.ident(config.influxDatabase()) + "." + InfluxQl.ident(config.influxRetentionPolicy()) + "."
                    + InfluxQl.ident(measurement);
        }
        return InfluxQl.ident(measurement);
    }

    private static String deviceWhere(DeviceKey d, Instant from, Instant to) {
        return " WHERE \"tenant\" = " + InfluxQl.literal(d.tenant()) + " AND \"device\" = " + InfluxQl.literal(d.deviceId())
                + " AND time >= " + InfluxQl.time(from) + " AND time < " + InfluxQl.time(to);
    }

    private List<InfluxHttp.Series> read(String influxQl) {
        try {
            ensureDatabase();
            return http.query(influxQl).get(0);
        } catch (StoreUnavailableException e) {
            throw new StoreReadException(e.getMessage(), e);
        } catch (InfluxHttp.HttpFailure e) {
            throw new StoreReadException(describe() + " read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        String q = "SELECT * FROM " + from(LineProtocol.measurement(device.type())) + deviceWhere(device, from, to)
                + " ORDER BY time ASC LIMIT " + limit + (offset > 0 ? " OFFSET " + offset : "");
        List<StoredSample> out = new ArrayList<>();
        for (InfluxHttp.Series s : read(q)) {
            int seqCol = s.column("seq");
            for (JsonNode row : s.values()) {
                Instant t = EventJson.ofEpochNanos(row.get(0).asLong());
                Sample sample = SampleFields.sample(device.type(), t, name -> {
                    int i = s.column(name);
                    return i < 0 ? null : value(row.get(i));
                });
                out.add(new StoredSample(row.get(seqCol).asLong(), sample));
            }
        }
        return out;
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.booleanValue();
        // InfluxDB writes a float field of integral value without a fraction (1e20 as 100000000000000000000): past
        // long's range that is a double, not a wrapped long
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        if (v.isNumber()) return v.doubleValue();
        return v.asText();
    }

    @Override
    public List<SeriesPoint> downsampled(DeviceKey device, String field, Instant from, Instant to, Duration bucket,
                                         Aggregate aggregate) {
        Field f = SampleFields.numericField(device.type(), field);
        if (bucket.isZero() || bucket.isNegative()) throw new IllegalArgumentException("bucket must be positive: " + bucket);
        List<SeriesPoint> out = new ArrayList<>();
        for (ReadPlan.Segment seg : ReadPlan.plan(policies.of(device.tenant()), clock.instant(), from, to, bucket)) {
            if (seg.raw()) {
                String fn = switch (aggregate) {
                    case MEAN -> "mean";
                    case MIN -> "min";
                    case MAX -> "max";
                    case SUM -> "sum";
                    case COUNT -> "count";
                };
                String q = "SELECT " + fn + "(" + InfluxQl.ident(f.name()) + ") FROM "
                        + from(LineProtocol.measurement(device.type())) + deviceWhere(device, seg.from(), seg.to())
                        + " GROUP BY time(" + InfluxQl.duration(bucket) + ") fill(none)";
                for (InfluxHttp.Series s : read(q)) {
                    for (JsonNode row : s.values()) {
                        if (row.get(1).isNull()) continue;
                        out.add(new SeriesPoint(EventJson.ofEpochNanos(row.get(0).asLong()), row.get(1).asDouble()));
                    }
                }
            } else {
                String m = LineProtocol.measurement(device.type()) + "_" + seg.resolution().suffix();
                String n = f.name();
                String q = "SELECT sum(" + InfluxQl.ident(n + "_count") + "), sum(" + InfluxQl.ident(n + "_sum") + "), min("
                        + InfluxQl.ident(n + "_min") + "), max(" + InfluxQl.ident(n + "_max") + ") FROM " + from(m)
                        + deviceWhere(device, ReadPlan.floor(seg.from(), seg.resolution().bucket()), seg.to())
                        + " GROUP BY time(" + InfluxQl.duration(bucket) + ") fill(none)";
                for (InfluxHttp.Series s : read(q)) {
                    for (JsonNode row : s.values()) {
                        if (row.get(1).isNull() || row.get(1).asLong() == 0) continue;
                        double count = row.get(1).asDouble();
                        double sum = row.get(2).asDouble();
                        double v = switch (aggregate) {
                            case MEAN -> sum / count;
                            case MIN -> row.get(3).asDouble();
                            case MAX -> row.get(4).asDouble();
                            case SUM -> sum;
                            case COUNT -> count;
                        };
                        out.add(new SeriesPoint(EventJson.ofEpochNanos(row.get(0).asLong()), v));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        String q = "SELECT * FROM " + from(LineProtocol.EVENTS) + deviceWhere(device, from, to) + " ORDER BY time ASC LIMIT " + limit
                + (offset > 0 ? " OFFSET " + offset : "");
        List<StoredEvent> out = new ArrayList<>();
        for (InfluxHttp.Series s : read(q)) {
            int seq = s.column("seq");
            int type = s.column("event");
            int measures = s.column("measures");
            int labels = s.column("labels");
            int window = s.column("window");
            for (JsonNode row : s.values()) {
                DeviceEvent ev = new DeviceEvent(row.get(type).asText(), EventJson.ofEpochNanos(row.get(0).asLong()),
                        EventJson.parseMeasures(text(row, measures)), EventJson.parseLabels(text(row, labels)),
                        EventJson.parseWindow(device.type(), text(row, window)));
                out.add(new StoredEvent(row.get(seq).asLong(), ev));
            }
        }
        return out;
    }

    @Override
    public long rawCount(DeviceKey device, Instant from, Instant to) {
        return count(LineProtocol.measurement(device.type()), device, from, to);
    }

    @Override
    public long eventCount(DeviceKey device, Instant from, Instant to) {
        return count(LineProtocol.EVENTS, device, from, to);
    }

    /** Points of a measurement in the range: every point carries the integer field {@code seq}. */
    private long count(String measurement, DeviceKey device, Instant from, Instant to) {
        long n = 0;
        for (InfluxHttp.Series s : read("SELECT COUNT(seq) FROM " + from(measurement) + deviceWhere(device, from, to))) {
            for (JsonNode row : s.values()) n += row.get(1).asLong();
        }
        return n;
    }

    private static String text(JsonNode row, int col) {
        if (col < 0 || row.get(col).isNull()) return "";
        return row.get(col).asText();
    }

    // ---- RollupStore ----

    private List<List<InfluxHttp.Series>> maintenance(String influxQl, boolean write) throws StoreUnavailableException {
        ensureDatabase();
        try {
            return write ? http.command(influxQl) : http.query(influxQl);
        } catch (InfluxHttp.HttpFailure e) {
            throw new StoreUnavailableException(describe() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> rawMeasurements() {
        List<String> out = new ArrayList<>();
        for (DeviceType t : DeviceType.values()) out.add(LineProtocol.measurement(t));
        return out;
    }

    @Override
    public Set<String> tenants() throws StoreUnavailableException {
        StringBuilder q = new StringBuilder("SHOW TAG VALUES FROM ");
        List<String> ms = rawMeasurements();
        ms.add(LineProtocol.EVENTS);
        for (int i = 0; i < ms.size(); i++) q.append(i == 0 ? "" : ", ").append(InfluxQl.ident(ms.get(i)));
        q.append(" WITH KEY = \"tenant\"");
        Set<String> out = new TreeSet<>();
        for (InfluxHttp.Series s : maintenance(q.toString(), false).get(0)) {
            int v = s.column("value");
            for (JsonNode row : s.values()) out.add(row.get(v).asText());
        }
        return out;
    }

    @Override
    public void rollup(String tenant, Resolution resolution, Instant from, Instant to) throws StoreUnavailableException {
        for (DeviceType t : DeviceType.values()) {
            List<Field> fields = SampleFields.numeric(t);
            StringBuilder q = new StringBuilder("SELECT ");
            for (int i = 0; i < fields.size(); i++) {
                String n = fields.get(i).name();
                String id = InfluxQl.ident(n);
                if (i > 0) q.append(", ");
                q.append("count(").append(id).append(") AS ").append(InfluxQl.ident(n + "_count"))
                        .append(", sum(").append(id).append(") AS ").append(InfluxQl.ident(n + "_sum"))
                        .append(", min(").append(id).append(") AS ").append(InfluxQl.ident(n + "_min"))
                        .append(", max(").append(id).append(") AS ").append(InfluxQl.ident(n + "_max"));
            }
            q.append(" FROM ").append(from(LineProtocol.measurement(t))).append(" WHERE \"tenant\" = ")
                    .append(InfluxQl.literal(tenant)).append(" AND time >= ").append(InfluxQl.time(from))
                    .append(" AND time < ").append(InfluxQl.time(to)).append(" GROUP BY time(")
                    .append(InfluxQl.duration(resolution.bucket())).append("), \"device\" fill(none)");
            StringBuilder lines = new StringBuilder();
            String m = LineProtocol.measurement(t) + "_" + resolution.suffix();
            for (InfluxHttp.Series s : maintenance(q.toString(), false).get(0)) {
                String device = s.tags().path("device").asText();
                for (JsonNode row : s.values()) {
                    StringBuilder fieldsText = new StringBuilder();
                    for (int i = 0; i < fields.size(); i++) {
                        JsonNode count = row.get(1 + 4 * i);
                        if (count.isNull() || count.asLong() == 0) continue;
                        String n = fields.get(i).name();
                        if (fieldsText.length() > 0) fieldsText.append(',');
                        fieldsText.append(n).append("_count=").append(count.asLong()).append('i');
                        fieldsText.append(',').append(n).append("_sum=");
                        LineProtocol.appendDouble(fieldsText, row.get(2 + 4 * i).asDouble());
                        fieldsText.append(',').append(n).append("_min=");
                        LineProtocol.appendDouble(fieldsText, row.get(3 + 4 * i).asDouble());
                        fieldsText.append(',').append(n).append("_max=");
                        LineProtocol.appendDouble(fieldsText, row.get(4 + 4 * i).asDouble());
                    }
                    if (fieldsText.length() == 0) continue;
                    lines.append(m).append(",device=");
                    LineProtocol.appendTagValue(lines, device);
                    lines.append(",tenant=");
                    LineProtocol.appendTagValue(lines, tenant);
                    lines.append(",type=").append(t.wireName());
                    lines.append(' ').append(fieldsText).append(' ').append(row.get(0).asLong()).append('\n');
                }
            }
            if (lines.length() > 0) writeChunk(lines.toString());
        }
    }

    @Override
    public Optional<Instant> latestRollup(String tenant, Resolution resolution) throws StoreUnavailableException {
        return edge(tenant, "_" + resolution.suffix(), "DESC");
    }

    @Override
    public Optional<Instant> earliestRaw(String tenant) throws StoreUnavailableException {
        return edge(tenant, "", "ASC");
    }

    private Optional<Instant> edge(String tenant, String suffix, String order) throws StoreUnavailableException {
        StringBuilder q = new StringBuilder();
        for (String m : rawMeasurements()) {
            if (q.length() > 0) q.append("; ");
            q.append("SELECT * FROM ").append(from(m + suffix)).append(" WHERE \"tenant\" = ")
                    .append(InfluxQl.literal(tenant)).append(" ORDER BY time ").append(order).append(" LIMIT 1");
        }
        Optional<Instant> best = Optional.empty();
        for (List<InfluxHttp.Series> stmt : maintenance(q.toString(), false)) {
            for (InfluxHttp.Series s : stmt) {
                for (JsonNode row : s.values()) {
                    Instant t = EventJson.ofEpochNanos(row.get(0).asLong());
                    boolean better = best.isEmpty() || ("ASC".equals(order) ? t.isBefore(best.get()) : t.isAfter(best.get()));
                    if (better) best = Optional.of(t);
                }
            }
        }
        return best;
    }

    @Override
    public void deleteRawBefore(String tenant, Instant cutoff) throws StoreUnavailableException {
        List<String> ms = rawMeasurements();
        ms.add(LineProtocol.EVENTS);
        delete(ms, tenant, cutoff);
    }

    @Override
    public void deleteRollupsBefore(String tenant, Resolution resolution, Instant cutoff) throws StoreUnavailableException {
        List<String> ms = new ArrayList<>();
        for (String m : rawMeasurements()) ms.add(m + "_" + resolution.suffix());
        delete(ms, tenant, cutoff);
    }

    private void delete(List<String> measurements, String tenant, Instant cutoff) throws StoreUnavailableException {
        if (v1()) {
            StringBuilder q = new StringBuilder();
            for (String m : measurements) {
                if (q.length() > 0) q.append("; ");
                // DELETE takes no retention policy: it removes matching points from every policy of the database
                q.append("DELETE FROM ").append(InfluxQl.ident(m)).append(" WHERE \"tenant\" = ")
                        .append(InfluxQl.literal(tenant)).append(" AND time < ").append(InfluxQl.time(cutoff));
            }
            maintenance(q.toString(), true);
            return;
        }
        // 2.x: InfluxQL is read-only there, so use the delete API (3.x expires data by its own retention instead)
        for (String m : measurements) {
            try {
                client.getDeleteApi().delete(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC),
                        "_measurement=\"" + m + "\" AND tenant=\"" + tenant.replace("\"", "\\\"") + "\"",
                        config.influxBucket(), config.influxOrg());
            } catch (RuntimeException e) {
                throw new StoreUnavailableException(describe() + " delete failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String describe() {
        return "influxdb-" + (v1() ? "v1" : "v2");
    }

    @Override
    public void close() {
        writers.shutdown();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        readHttp.dispatcher().executorService().shutdown();
        readHttp.connectionPool().evictAll();
    }
}
