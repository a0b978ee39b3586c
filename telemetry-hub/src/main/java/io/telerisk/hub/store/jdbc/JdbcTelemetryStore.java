package io.telerisk.hub.store.jdbc;

import io.telerisk.hub.retention.ReadPlan;
import io.telerisk.hub.retention.Resolution;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.retention.RollupStore;
import io.telerisk.hub.store.Aggregate;
import io.telerisk.hub.store.EventJson;
import io.telerisk.hub.store.Field;
import io.telerisk.hub.store.SampleFields;
import io.telerisk.hub.store.SeriesPoint;
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

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.telerisk.hub.store.EventJson.epochNanos;
import static io.telerisk.hub.store.EventJson.ofEpochNanos;

/**
 * The JDBC telemetry store (H2 or PostgreSQL): one table per device type with a column per field, one row per
 * sample, plus {@code device_event} and {@code sample_rollup} (see {@code db/migration/V1__telemetry.sql}).
 * Each {@link #store} call is one transaction of JDBC batches with {@code ON CONFLICT DO NOTHING}, so a
 * re-delivered envelope stores nothing twice. Thread-safe; connections come from the given pool.
 */
public final class JdbcTelemetryStore implements TelemetryStore, RollupStore {
    private static final String EVENT_TABLE = "device_event";
    private static final String ROLLUP_TABLE = "sample_rollup";

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final int batchSize;
    private final RetentionPolicies policies;
    private final Clock clock;
    private final AutoCloseable owned;
    private final Map<DeviceType, String> insertSql = new EnumMap<>(DeviceType.class);

    /**
     * @param dataSource a pooled, migrated data source (see {@link SystemOfRecord})
     * @param owned      closed with this store (the {@link SystemOfRecord} it opened), or {@code null}
     */
    public JdbcTelemetryStore(DataSource dataSource, SqlDialect dialect, int batchSize, RetentionPolicies policies,
                              Clock clock, AutoCloseable owned) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.policies = policies;
        this.clock = clock;
        this.owned = owned;
        for (DeviceType t : DeviceType.values()) {
            StringBuilder cols = new StringBuilder("tenant, device_type, device_id, time_ns, seq");
            StringBuilder qs = new StringBuilder("?, ?, ?, ?, ?");
            for (Field f : SampleFields.of(t)) {
                cols.append(", ").append(f.column());
                qs.append(", ?");
            }
            insertSql.put(t, "INSERT INTO " + table(t) + " (" + cols + ") VALUES (" + qs + ") ON CONFLICT DO NOTHING");
        }
    }

    /** The sample table of a device type. */
    static String table(DeviceType t) {
        return switch (t) {
            case VEHICLE -> "vehicle_sample";
            case WEARABLE -> "wearable_sample";
            case FARM_SENSOR -> "farm_sample";
        };
    }

    @Override
    public void store(List<Envelope> envelopes) throws StoreUnavailableException {
        if (envelopes.isEmpty()) return;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                writeAll(c, envelopes);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw classify(e, "store " + envelopes.size() + " envelopes");
        }
    }

    private void writeAll(Connection c, List<Envelope> envelopes) throws SQLException {
        Map<DeviceType, PreparedStatement> stmts = new EnumMap<>(DeviceType.class);
        Map<DeviceType, Integer> pending = new EnumMap<>(DeviceType.class);
        PreparedStatement ev = null;
        int evPending = 0;
        try {
            for (Envelope e : envelopes) {
                for (Sample s : e.samples()) {
                    DeviceType t = s.deviceType();
                    PreparedStatement ps = stmts.get(t);
                    if (ps == null) {
                        ps = c.prepareStatement(insertSql.get(t));
                        stmts.put(t, ps);
                    }
                    bindSample(ps, e, s);
                    ps.addBatch();
                    int n = pending.merge(t, 1, Integer::sum);
                    if (n >= batchSize) {
                        ps.executeBatch();
                        pending.put(t, 0);
                    }
                }
                for (DeviceEvent d : e.events()) {
                    if (ev == null) {
                        ev = c.prepareStatement("INSERT INTO " + EVENT_TABLE + " (tenant, device_type, device_id, time_ns, "
                                + "event_type, seq, measures_json, labels_json, window_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT DO NOTHING");
                    }
                    ev.setString(1, e.tenant());
                    ev.setString(2, e.deviceType().wireName());
                    ev.setString(3, e.deviceId());
                    ev.setLong(4, epochNanos(d.time()));
                    ev.setString(5, d.type());
                    ev.setLong(6, e.sequence());
                    ev.setString(7, EventJson.measures(d.measures()));
                    ev.setString(8, EventJson.labels(d.labels()));
                    ev.setString(9, EventJson.window(d.window()));
                    ev.addBatch();
                    if (++evPending >= batchSize) {
                        ev.executeBatch();
                        evPending = 0;
                    }
                }
            }
            for (Map.Entry<DeviceType, PreparedStatement> en : stmts.entrySet()) {
                if (pending.getOrDefault(en.getKey(), 0) > 0) en.getValue().executeBatch();
            }
            if (ev != null && evPending > 0) ev.executeBatch();
        } finally {
            for (PreparedStatement ps : stmts.values()) ps.close();
            if (ev != null) ev.close();
        }
    }

    private static void bindSample(PreparedStatement ps, Envelope e, Sample s) throws SQLException {
        ps.setString(1, e.tenant());
        ps.setString(2, e.deviceType().wireName());
        ps.setString(3, e.deviceId());
        ps.setLong(4, epochNanos(s.time()));
        ps.setLong(5, e.sequence());
        List<Field> fields = SampleFields.of(s.deviceType());
        Object[] values = SampleFields.values(s);
        for (int i = 0; i < values.length; i++) {
            int p = 6 + i;
            Object v = values[i];
            Field f = fields.get(i);
            if (v == null) {
                ps.setNull(p, switch (f.kind()) {
                    case DOUBLE -> Types.DOUBLE;
                    case LONG -> Types.INTEGER;
                    case BOOLEAN -> Types.BOOLEAN;
                    case STRING -> Types.VARCHAR;
                });
            } else if (v instanceof Double d) {
                ps.setDouble(p, d);
            } else if (v instanceof Long l) {
                ps.setInt(p, Math.toIntExact(l));
            } else if (v instanceof Boolean b) {
                ps.setBoolean(p, b);
            } else {
                ps.setString(p, v.toString());
            }
        }
    }

    @Override
    public List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        List<Field> fields = SampleFields.of(device.type());
        StringBuilder cols = new StringBuilder("time_ns, seq");
        for (Field f : fields) cols.append(", ").append(f.column());
        String sql = "SELECT " + cols + " FROM " + table(device.type())
                + " WHERE tenant = ? AND device_id = ? AND time_ns >= ? AND time_ns < ? ORDER BY time_ns LIMIT ? OFFSET ?";
        List<StoredSample> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            ps.setLong(3, epochNanos(from));
            ps.setLong(4, epochNanos(to));
            ps.setInt(5, limit);
            ps.setInt(6, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant t = ofEpochNanos(rs.getLong(1));
                    long seq = rs.getLong(2);
                    Object[] vals = new Object[fields.size()];
                    for (int i = 0; i < vals.length; i++) {
                        Object v = rs.getObject(3 + i);
                        vals[i] = v;
                    }
                    Sample s = SampleFields.sample(device.type(), t, name -> {
                        for (int i = 0; i < fields.size(); i++) if (fields.get(i).name().equals(name)) return vals[i];
                        return null;
                    });
                    out.add(new StoredSample(seq, s));
                }
            }
        } catch (SQLException e) {
            throw new StoreReadException("cannot read raw samples of " + device + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<SeriesPoint> downsampled(DeviceKey device, String field, Instant from, Instant to, Duration bucket,
                                         Aggregate aggregate) {
        Field f = SampleFields.numericField(device.type(), field);
        if (bucket.isZero() || bucket.isNegative()) throw new IllegalArgumentException("bucket must be positive: " + bucket);
        List<SeriesPoint> out = new ArrayList<>();
        for (ReadPlan.Segment seg : ReadPlan.plan(policies.of(device.tenant()), clock.instant(), from, to, bucket)) {
            out.addAll(seg.raw() ? rawBuckets(device, f, seg.from(), seg.to(), bucket, aggregate)
                    : rollupBuckets(device, f, seg.resolution(), seg.from(), seg.to(), bucket, aggregate));
        }
        return out;
    }

    private List<SeriesPoint> rawBuckets(DeviceKey device, Field f, Instant from, Instant to, Duration bucket,
                                         Aggregate aggregate) {
        long b = bucket.toNanos();
        String bucketExpr = "(time_ns / " + b + ") * " + b;
        String agg = switch (aggregate) {
            case MEAN -> "AVG(" + f.column() + ")";
            case MIN -> "MIN(" + f.column() + ")";
            case MAX -> "MAX(" + f.column() + ")";
            case SUM -> "SUM(" + f.column() + ")";
            case COUNT -> "COUNT(" + f.column() + ")";
        };
        // MEAN over an INTEGER column: cast first so both databases average in floating point
        if (aggregate == Aggregate.MEAN && f.kind() == Field.Kind.LONG) agg = "AVG(CAST(" + f.column() + " AS DOUBLE PRECISION))";
        String sql = "SELECT " + bucketExpr + " AS bucket, " + agg + " FROM " + table(device.type())
                + " WHERE tenant = ? AND device_id = ? AND time_ns >= ? AND time_ns < ? AND " + f.column() + " IS NOT NULL"
                + " GROUP BY " + bucketExpr + " ORDER BY bucket";
        return series(sql, device, from, to, null, null);
    }

    private List<SeriesPoint> rollupBuckets(DeviceKey device, Field f, Resolution res, Instant from, Instant to,
                                            Duration bucket, Aggregate aggregate) {
        long b = bucket.toNanos();
        String bucketExpr = "(bucket_ns / " + b + ") * " + b;
        String agg = switch (aggregate) {
            case MEAN -> "SUM(sum_value) / SUM(n)";
            case MIN -> "MIN(min_value)";
            case MAX -> "MAX(max_value)";
            case SUM -> "SUM(sum_value)";
            case COUNT -> "SUM(n)";
        };
        String sql = "SELECT " + bucketExpr + " AS bucket, " + agg + " FROM " + ROLLUP_TABLE
                + " WHERE tenant = ? AND device_id = ? AND bucket_ns >= ? AND bucket_ns < ? AND resolution = ? AND field = ?"
                + " GROUP BY " + bucketExpr + " ORDER BY bucket";
        return series(sql, device, ReadPlan.floor(from, res.bucket()), to, res.suffix(), f.name());
    }

    private List<SeriesPoint> series(String sql, DeviceKey device, Instant from, Instant to, String res, String field) {
        List<SeriesPoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            ps.setLong(3, epochNanos(from));
            ps.setLong(4, epochNanos(to));
            if (res != null) {
                ps.setString(5, res);
                ps.setString(6, field);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new SeriesPoint(ofEpochNanos(rs.getLong(1)), rs.getDouble(2)));
            }
        } catch (SQLException e) {
            throw new StoreReadException("cannot read series of " + device + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        String sql = "SELECT time_ns, event_type, seq, measures_json, labels_json, window_json FROM " + EVENT_TABLE
                + " WHERE tenant = ? AND device_id = ? AND time_ns >= ? AND time_ns < ? ORDER BY time_ns, event_type LIMIT ? OFFSET ?";
        List<StoredEvent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            ps.setLong(3, epochNanos(from));
            ps.setLong(4, epochNanos(to));
            ps.setInt(5, limit);
            ps.setInt(6, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DeviceEvent ev = new DeviceEvent(rs.getString(2), ofEpochNanos(rs.getLong(1)),
                            EventJson.parseMeasures(rs.getString(4)), EventJson.parseLabels(rs.getString(5)),
                            EventJson.parseWindow(device.type(), rs.getString(6)));
                    out.add(new StoredEvent(rs.getLong(3), ev));
                }
            }
        } catch (SQLException e) {
            throw new StoreReadException("cannot read events of " + device + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public long rawCount(DeviceKey device, Instant from, Instant to) {
        return count(table(device.type()), device, from, to);
    }

    @Override
    public long eventCount(DeviceKey device, Instant from, Instant to) {
        return count(EVENT_TABLE, device, from, to);
    }

    private long count(String table, DeviceKey device, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table
                + " WHERE tenant = ? AND device_id = ? AND time_ns >= ? AND time_ns < ?")) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.deviceId());
            ps.setLong(3, epochNanos(from));
            ps.setLong(4, epochNanos(to));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreReadException("cannot count rows of " + device + ": " + e.getMessage(), e);
        }
    }

    // ---- RollupStore ----

    @Override
    public Set<String> tenants() throws StoreUnavailableException {
        Set<String> out = new TreeSet<>();
        StringBuilder sql = new StringBuilder();
        for (DeviceType t : DeviceType.values()) sql.append("SELECT DISTINCT tenant FROM ").append(table(t)).append(" UNION ");
        sql.append("SELECT DISTINCT tenant FROM ").append(EVENT_TABLE).append(" UNION SELECT DISTINCT tenant FROM ").append(ROLLUP_TABLE);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw classify(e, "list tenants");
        }
        return out;
    }

    @Override
    public void rollup(String tenant, Resolution resolution, Instant from, Instant to) throws StoreUnavailableException {
        long b = resolution.bucketNanos();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + ROLLUP_TABLE
                        + " WHERE tenant = ? AND resolution = ? AND bucket_ns >= ? AND bucket_ns < ?")) {
                    del.setString(1, tenant);
                    del.setString(2, resolution.suffix());
                    del.setLong(3, epochNanos(from));
                    del.setLong(4, epochNanos(to));
                    del.executeUpdate();
                }
                for (DeviceType t : DeviceType.values()) {
                    for (Field f : SampleFields.numeric(t)) {
                        String bucketExpr = "(time_ns / " + b + ") * " + b;
                        String col = "CAST(" + f.column() + " AS DOUBLE PRECISION)";
                        String sql = "INSERT INTO " + ROLLUP_TABLE + " (tenant, device_type, device_id, resolution, field, "
                                + "bucket_ns, n, sum_value, min_value, max_value) SELECT tenant, device_type, device_id, ?, ?, "
                                + bucketExpr + ", COUNT(*), SUM(" + col + "), MIN(" + col + "), MAX(" + col + ") FROM " + table(t)
                                + " WHERE tenant = ? AND time_ns >= ? AND time_ns < ? AND " + f.column() + " IS NOT NULL"
                                + " GROUP BY tenant, device_type, device_id, " + bucketExpr;
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setString(1, resolution.suffix());
                            ps.setString(2, f.name());
                            ps.setString(3, tenant);
                            ps.setLong(4, epochNanos(from));
                            ps.setLong(5, epochNanos(to));
                            ps.executeUpdate();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw classify(e, "roll up " + tenant + " " + resolution);
        }
    }

    @Override
    public Optional<Instant> latestRollup(String tenant, Resolution resolution) throws StoreUnavailableException {
        return single("SELECT MAX(bucket_ns) FROM " + ROLLUP_TABLE + " WHERE tenant = ? AND resolution = '"
                + resolution.suffix() + "'", tenant);
    }

    @Override
    public Optional<Instant> earliestRaw(String tenant) throws StoreUnavailableException {
        Optional<Instant> min = Optional.empty();
        for (DeviceType t : DeviceType.values()) {
            Optional<Instant> m = single("SELECT MIN(time_ns) FROM " + table(t) + " WHERE tenant = ?", tenant);
            if (m.isPresent() && (min.isEmpty() || m.get().isBefore(min.get()))) min = m;
        }
        return min;
    }

    private Optional<Instant> single(String sql, String tenant) throws StoreUnavailableException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(ofEpochNanos(v));
            }
        } catch (SQLException e) {
            throw classify(e, "query " + tenant);
        }
    }

    @Override
    public void deleteRawBefore(String tenant, Instant cutoff) throws StoreUnavailableException {
        List<String> tables = new ArrayList<>();
        for (DeviceType t : DeviceType.values()) tables.add(table(t));
        tables.add(EVENT_TABLE);
        for (String table : tables) delete("DELETE FROM " + table + " WHERE tenant = ? AND time_ns < ?", tenant, cutoff, null);
    }

    @Override
    public void deleteRollupsBefore(String tenant, Resolution resolution, Instant cutoff) throws StoreUnavailableException {
        delete("DELETE FROM " + ROLLUP_TABLE + " WHERE tenant = ? AND bucket_ns < ? AND resolution = ?", tenant, cutoff,
                resolution.suffix());
    }

    private void delete(String sql, String tenant, Instant cutoff, String res) throws StoreUnavailableException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setLong(2, epochNanos(cutoff));
            if (res != null) ps.setString(3, res);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw classify(e, "delete old data of " + tenant);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /**
     * Data errors (SQLState classes 22 and 23) mean the batch itself cannot be stored; everything else (connection
     * lost, pool timeout, database shutting down) means the database cannot take it now.
     */
    private StoreUnavailableException classify(SQLException e, String what) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            throw new StoreRejectedException(describe() + " rejected data (" + what + "): " + e.getMessage(), e);
        }
        return new StoreUnavailableException(describe() + " unavailable (" + what + "): " + e.getMessage(), e);
    }

    @Override
    public String describe() {
        return dialect.label();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception ignored) {
                // closing a pool does not fail in a way we could act on
            }
        }
    }
}
