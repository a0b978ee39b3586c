package io.telerisk.hub.summary;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The device-days to summarise again, shared by every hub ({@code summary_dirty_day}). A mark bumps the row's
 * generation and stamps it with the database's clock (never a hub's, so hubs' clocks may differ); removal is
 * conditional on both, so a mark made while a day is being recomputed is never lost.
 */
final class DirtyDays {
    private final DataSource ds;

    DirtyDays(DataSource ds) {
        this.ds = ds;
    }

    /** One device-day. */
    record Day(DeviceKey device, LocalDate day) {
    }

    /** A marked day as read, with its generation and mark time, and the database's time of the read. */
    record Marked(Day day, long generation, Instant markedAt, Instant readAt) {
    }

    /**
     * Marks these days dirty (update, else insert; an insert that loses a race with another hub's becomes an update).
     *
     * @throws SummaryUnavailableException when the system of record cannot be written
     */
    void mark(Collection<Day> days) {
        if (days.isEmpty()) return;
        List<Day> all = new ArrayList<>(days);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            List<Day> missing = update(c, all);
            if (missing.isEmpty()) return;
            List<Day> lost = new ArrayList<>();
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO summary_dirty_day (tenant, device_type, device_id, local_day,"
                    + " generation, marked_at) VALUES (?, ?, ?, ?, 1, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING")) {
                for (Day d : missing) {
                    bind(ins, 1, d);
                    ins.addBatch();
                }
                int[] n = ins.executeBatch();
                for (int i = 0; i < n.length; i++) if (n[i] == 0) lost.add(missing.get(i));
            }
            update(c, lost);
        } catch (SQLException e) {
            throw new SummaryUnavailableException("cannot mark " + days.size() + " device-days for summaries: " + e.getMessage(), e);
        }
    }

    private static List<Day> update(Connection c, List<Day> days) throws SQLException {
        List<Day> missing = new ArrayList<>();
        if (days.isEmpty()) return missing;
        try (PreparedStatement up = c.prepareStatement("UPDATE summary_dirty_day SET generation = generation + 1, marked_at = CURRENT_TIMESTAMP"
                + " WHERE tenant = ? AND device_type = ? AND device_id = ? AND local_day = ?")) {
            for (Day d : days) {
                bind(up, 1, d);
                up.addBatch();
            }
            int[] n = up.executeBatch();
            for (int i = 0; i < n.length; i++) if (n[i] == 0) missing.add(days.get(i));
        }
        return missing;
    }

    /** Up to {@code limit} marked days, least recently marked first. */
    List<Marked> read(int limit) {
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT tenant, device_type, device_id, local_day, generation, marked_at, CURRENT_TIMESTAMP"
                     + " FROM summary_dirty_day ORDER BY marked_at LIMIT ?")) {
            q.setInt(1, limit);
            List<Marked> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    DeviceKey key = new DeviceKey(rs.getString(1), DeviceType.valueOf(rs.getString(2)), rs.getString(3));
                    out.add(new Marked(new Day(key, rs.getObject(4, LocalDate.class)), rs.getLong(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new SummaryUnavailableException("cannot read the device-days to summarise: " + e.getMessage(), e);
        }
    }

    /**
     * Removes a recomputed day if nobody marked it since it was read and its last mark is older than
     * {@code quietBefore} (database time).
     *
     * @return whether it was removed
     */
    boolean clear(Marked m, Instant quietBefore) {
        try (Connection c = ds.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM summary_dirty_day WHERE tenant = ? AND device_type = ? AND device_id = ?"
                     + " AND local_day = ? AND generation = ? AND marked_at < ?")) {
            bind(d, 1, m.day());
            d.setLong(5, m.generation());
            d.setObject(6, OffsetDateTime.ofInstant(quietBefore, ZoneOffset.UTC));
            return d.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new SummaryUnavailableException("cannot clear a summarised device-day: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, int i, Day d) throws SQLException {
        ps.setString(i, d.device().tenant());
        ps.setString(i + 1, d.device().type().name());
        ps.setString(i + 2, d.device().deviceId());
        ps.setObject(i + 3, d.day());
    }

    static String describe(Day d) {
        return d.device() + " " + d.day() + " (" + d.device().type().name().toLowerCase(Locale.ROOT) + ")";
    }
}
