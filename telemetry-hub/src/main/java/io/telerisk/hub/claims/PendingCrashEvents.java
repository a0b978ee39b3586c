package io.telerisk.hub.claims;

import io.telerisk.hub.work.QueuedEnvelopes;
import io.telerisk.hub.work.WorkQueue;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Crash events stored but not yet judged: the {@link ClaimsListener#KIND} items of the shared work queue that no hub
 * has finished (waiting for the crash model to load, for a worker, or for a retry after a failure), one row per
 * {@code crash_candidate} or {@code crash_dismissed} event not yet in {@link CrashEventLog}, with outcome
 * {@value #OUTCOME}. So the adjusters' crash-intake list shows a crash the moment it is stored, not only once judged.
 * At most {@value #MAX_ITEMS} queued envelopes (the newest) are read per request: a larger backlog shows its newest
 * part until it shrinks.
 */
final class PendingCrashEvents {
    /** The outcome of an event not judged yet. */
    static final String OUTCOME = "PENDING";
    static final int MAX_ITEMS = 5000;

    private final DataSource dataSource;

    PendingCrashEvents(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The tenant's pending events matching the filters ({@code null} = any), newest first, as the crash-events list
     * shows them.
     */
    List<JsonObject> list(String tenant, String deviceType, String deviceId, Instant from, Instant to) {
        String prefix = tenant + "/" + (deviceType == null ? "" : deviceType + "/" + (deviceId == null ? "" : deviceId + "#"));
        StringBuilder sql = new StringBuilder("SELECT item_key, payload, received_at, attempts, last_error, available_at FROM work_item"
                + " WHERE kind = ? AND done_at IS NULL AND item_key LIKE ? ESCAPE '!'");
        List<Object> args = new ArrayList<>(List.of(ClaimsListener.KIND, like(prefix) + "%"));
        if (from != null) {
            sql.append(" AND received_at >= ?");
            args.add(JdbcClaimRepository.utc(from));
        }
        if (to != null) {
            sql.append(" AND received_at < ?");
            args.add(JdbcClaimRepository.utc(to));
        }
        sql.append(" ORDER BY received_at DESC, id DESC LIMIT " + MAX_ITEMS);
        List<JsonObject> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getInt(4),
                                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            if (rows.isEmpty()) return out;
            Set<String> judged = judgedSince(c, tenant, rows.get(rows.size() - 1).receivedAt());
            for (Row r : rows) {
                Envelope e;
                try {
                    e = QueuedEnvelopes.decode(new WorkQueue.Item(0, ClaimsListener.KIND, r.key(), r.payload(), r.receivedAt(), r.attempts()));
                } catch (RuntimeException unreadable) {
                    continue; // its item fails on every attempt with this reason recorded; nothing a list could show
                }
                if (!e.key().tenant().equals(tenant) || (deviceId != null && !e.key().deviceId().equals(deviceId))) continue;
                List<DeviceEvent> events = e.events();
                for (int i = events.size() - 1; i >= 0; i--) {
                    DeviceEvent ev = events.get(i);
                    if (!EventTypes.CRASH_CANDIDATE.equals(ev.type()) && !EventTypes.CRASH_DISMISSED.equals(ev.type())) continue;
                    if (judged.contains(e.key().type().wireName() + "/" + e.key().deviceId() + "#" + e.sequence() + "#" + i)) continue;
                    out.add(new JsonObject().put("deviceType", e.key().type().wireName()).put("deviceId", e.key().deviceId())
                            .put("sequence", e.sequence()).put("eventIndex", i).put("eventType", ev.type())
                            .put("eventTime", ev.time().toString()).put("outcome", OUTCOME).put("detail", r.detail())
                            .put("claimId", null).put("receivedAt", r.receivedAt().toString()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list pending crash events: " + e.getMessage(), e);
        }
    }

    /** Events of the tenant already judged since {@code since} (an envelope judged in part keeps its other events pending). */
    private static Set<String> judgedSince(Connection c, String tenant, Instant since) throws SQLException {
        Set<String> judged = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT device_type, device_id, sequence, event_index FROM claims_crash_event"
                + " WHERE tenant = ? AND received_at >= ?")) {
            ps.setString(1, tenant);
            ps.setObject(2, JdbcClaimRepository.utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) judged.add(rs.getString(1) + "/" + rs.getString(2) + "#" + rs.getLong(3) + "#" + rs.getInt(4));
            }
        }
        return judged;
    }

    private static String like(String literal) {
        return literal.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private record Row(String key, String payload, Instant receivedAt, int attempts, String lastError, Instant availableAt) {
        /** Why it waits, in words: not tried yet (the crash model may still be loading), or its last failure and next try. */
        String detail() {
            if (attempts == 0) return "waiting to be judged (stored; the crash model may still be loading)";
            return "waiting to be judged again after " + attempts + " failed attempt(s), next at " + availableAt + ": " + lastError;
        }
    }
}
