package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Dead letters in the system of record ({@code dead_letter}, V74), so that every hub lists the rejections of all
 * hubs, filtered and paged in SQL. Bounded three ways: a payload keeps its first {@link #MAX_STORED_PAYLOAD_BYTES}
 * (the original size is kept, and {@code payloadTruncated} says so), and {@link #prune} deletes rows older than the
 * retention and the oldest beyond the row cap. Pruning is idempotent, so every hub may run it.
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {
    /** A dead letter in the database keeps this much of its payload: enough to see what was wrong with it. */
    public static final int MAX_STORED_PAYLOAD_BYTES = 8 * 1024;
    /** Default retention. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Default row cap: with the payload cap, under 1 GB in the worst case (a flood of large rejected messages). */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    private final DataSource dataSource;
    private final Duration retention;
    private final int maxRows;

    public JdbcDeadLetterStore(DataSource dataSource, Duration retention, int maxRows) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive");
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        this.maxRows = maxRows;
    }

    @Override
    public void append(List<DeadLetter> deadLetters) throws IOException {
        if (deadLetters.isEmpty()) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dead_letter (received_at, reason, tenant, device_id, detail, topic, source, content_type,"
                        + " payload_bytes, payload_truncated, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DeadLetter d : deadLetters) {
                boolean cut = d.payload().length > MAX_STORED_PAYLOAD_BYTES;
                ps.setObject(1, OffsetDateTime.ofInstant(d.receivedAt(), ZoneOffset.UTC));
                ps.setString(2, d.reason().name());
                ps.setString(3, d.topicTenant());
                ps.setString(4, d.topicDevice());
                ps.setString(5, bounded(d.detail(), 2000));
                ps.setString(6, bounded(d.topic(), 1024));
                ps.setString(7, bounded(d.source(), 512));
                ps.setString(8, d.contentType() == null ? null : bounded(d.contentType(), 256));
                ps.setInt(9, d.payloadBytes());
                ps.setBoolean(10, d.payloadTruncated() || cut);
                ps.setBytes(11, cut ? Arrays.copyOf(d.payload(), MAX_STORED_PAYLOAD_BYTES) : d.payload());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IOException("could not record " + deadLetters.size() + " dead letters: " + e.getMessage(), e);
        }
    }

    private static String bounded(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    @Override
    public List<DeadLetter> recent(int limit) throws IOException {
        return search(new DeadLetterQuery(null, null, null, null, null, 0, limit)).items();
    }

    @Override
    public DeadLetterQuery.Page search(DeadLetterQuery q) throws IOException {
        StringBuilder where = new StringBuilder(" FROM dead_letter WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.tenant() != null) {
            where.append(" AND tenant = ?");
            args.add(q.tenant());
        }
        if (q.reason() != null) {
            where.append(" AND reason = ?");
            args.add(q.reason().name());
        }
        if (q.deviceId() != null) {
            where.append(" AND device_id = ?");
            args.add(q.deviceId());
        }
        if (q.from() != null) {
            where.append(" AND received_at >= ?");
            args.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            where.append(" AND received_at < ?");
            args.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DeadLetter> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT received_at, reason, detail, topic, source, content_type,"
                    + " payload_bytes, payload_truncated, payload" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                int i = bind(ps, args);
                ps.setInt(i++, q.limit());
                ps.setInt(i, q.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) items.add(read(rs));
                }
            }
            return new DeadLetterQuery.Page(items, total, total);
        } catch (SQLException e) {
            throw new IOException("could not list dead letters: " + e.getMessage(), e);
        }
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) ps.setObject(i++, a);
        return i;
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                RejectReason.valueOf(rs.getString("reason")), rs.getString("detail"), rs.getString("topic"),
                rs.getString("source"), rs.getString("content_type"), rs.getInt("payload_bytes"),
                rs.getBoolean("payload_truncated"), rs.getBytes("payload"));
    }

    /**
     * Deletes dead letters received before {@code now - retention}, then the oldest beyond the row cap.
     *
     * @return how many rows were deleted
     */
    public int prune(Instant now) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dead_letter WHERE received_at < ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(now.minus(retention), ZoneOffset.UTC));
                deleted = ps.executeUpdate();
            }
            Long keepFrom = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM dead_letter ORDER BY id DESC LIMIT 1 OFFSET ?")) {
                ps.setInt(1, maxRows - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) keepFrom = rs.getLong(1);
                }
            }
            if (keepFrom != null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM dead_letter WHERE id < ?")) {
                    ps.setLong(1, keepFrom);
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new IOException("could not prune dead letters: " + e.getMessage(), e);
        }
    }

    /** Nothing to close: the data source belongs to the system of record. */
    @Override
    public void close() {
    }
}
