package io.telerisk.hub.summary;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.telerisk.model.summary.Trip;
import io.telerisk.model.summary.WearableDay;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Summaries in the system of record (tables of {@code V3__summaries.sql}), on H2 or PostgreSQL. Upserts are
 * UPDATE-then-INSERT in one transaction (portable; the summariser is the only writer of a device's rows).
 * Trip times are stored to the millisecond.
 */
public final class JdbcSummaryRepository implements SummaryRepository {
    private final DataSource ds;
    private final Clock clock;

    public JdbcSummaryRepository(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** The system of record (the summariser's marks live there too). */
    DataSource dataSource() {
        return ds;
    }

    // ---- writes ----

    /** Inserts or replaces the daily usage of (tenant, device, day). */
    public void save(DailyUsage u) {
        tx(c -> upsert(c,
                "UPDATE daily_usage SET distance_km = ?, night_distance_km = ?, speeding_distance_km = ?, urban_distance_km = ?, "
                        + "rural_distance_km = ?, motorway_distance_km = ?, driving_time_s = ?, trips = ?, harsh_brakes = ?, harsh_accelerations = ?, harsh_corners = ?, updated_at = ? "
                        + "WHERE tenant = ? AND device_id = ? AND local_day = ?",
                "INSERT INTO daily_usage (distance_km, night_distance_km, speeding_distance_km, urban_distance_km, rural_distance_km, "
                        + "motorway_distance_km, driving_time_s, trips, harsh_brakes, harsh_accelerations, harsh_corners, updated_at, tenant, "
                        + "device_id, local_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                u.distanceKm(), u.nightDistanceKm(), u.speedingDistanceKm(), u.urbanDistanceKm(), u.ruralDistanceKm(),
                u.motorwayDistanceKm(), u.drivingTime().toSeconds(),
                u.trips(), u.harshBrakes(), u.harshAccelerations(), u.harshCorners(), now(), u.tenant(), u.deviceId(), u.day()));
    }

    /**
     * Replaces the trips that started on a local day with these (late data can move a trip's start, so the day's
     * trips are replaced as a whole), and upserts {@code continuing}: trips of the previous day still running into it.
     */
    public void replaceTrips(String tenant, String deviceId, LocalDate day, List<Trip> trips, LocalDate previousDay,
                             List<Trip> continuing) {
        tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM trip WHERE tenant = ? AND device_id = ? AND local_day = ?")) {
                del.setString(1, tenant);
                del.setString(2, deviceId);
                del.setObject(3, day);
                del.executeUpdate();
            }
            for (Trip t : trips) upsertTrip(c, t, day);
            for (Trip t : continuing) upsertTrip(c, t, previousDay);
        });
    }

    private static void upsertTrip(Connection c, Trip t, LocalDate day) throws SQLException {
        upsert(c, "UPDATE trip SET end_time = ?, local_day = ?, distance_km = ?, night_distance_km = ?, speeding_distance_km = ?, "
                        + "max_speed_mps = ?, harsh_brakes = ?, harsh_accelerations = ?, harsh_corners = ? "
                        + "WHERE tenant = ? AND device_id = ? AND start_time = ?",
                "INSERT INTO trip (end_time, local_day, distance_km, night_distance_km, speeding_distance_km, max_speed_mps, "
                        + "harsh_brakes, harsh_accelerations, harsh_corners, tenant, device_id, start_time) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                odt(t.end()), day, t.distanceKm(), t.nightDistanceKm(), t.speedingDistanceKm(), t.maxSpeedMps(),
                t.harshBrakes(), t.harshAccelerations(), t.harshCorners(), t.tenant(), t.deviceId(), odt(t.start()));
    }

    /** Inserts or replaces a wearable day. */
    public void save(WearableDay w) {
        tx(c -> upsert(c,
                "UPDATE wearable_day SET steps = ?, active_minutes = ?, resting_heart_rate_bpm = ?, sleep_minutes = ?, "
                        + "mean_spo2_percent = ?, worn_minutes = ?, updated_at = ? WHERE tenant = ? AND device_id = ? AND local_day = ?",
                "INSERT INTO wearable_day (steps, active_minutes, resting_heart_rate_bpm, sleep_minutes, mean_spo2_percent, "
                        + "worn_minutes, updated_at, tenant, device_id, local_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                w.steps(), w.activeMinutes(), w.restingHeartRateBpm(), w.sleepMinutes(), w.meanSpo2Percent(), w.wornMinutes(),
                now(), w.tenant(), w.deviceId(), w.day()));
    }

    /** Inserts or replaces a farm day. */
    public void save(FarmDay f) {
        tx(c -> upsert(c,
                "UPDATE farm_day SET mean_soil_moisture_vwc = ?, min_soil_moisture_vwc = ?, mean_soil_temperature_c = ?, "
                        + "min_air_temperature_c = ?, max_air_temperature_c = ?, mean_relative_humidity_percent = ?, rainfall_mm = ?, "
                        + "leaf_wet_hours = ?, samples = ?, updated_at = ? WHERE tenant = ? AND device_id = ? AND local_day = ?",
                "INSERT INTO farm_day (mean_soil_moisture_vwc, min_soil_moisture_vwc, mean_soil_temperature_c, min_air_temperature_c, "
                        + "max_air_temperature_c, mean_relative_humidity_percent, rainfall_mm, leaf_wet_hours, samples, updated_at, "
                        + "tenant, device_id, local_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                f.meanSoilMoistureVwc(), f.minSoilMoistureVwc(), f.meanSoilTemperatureC(), f.minAirTemperatureC(),
                f.maxAirTemperatureC(), f.meanRelativeHumidityPercent(), f.rainfallMm(), f.leafWetHours(), f.samples(),
                now(), f.tenant(), f.deviceId(), f.day()));
    }

    // ---- reads ----

    @Override
    public List<DailyUsage> dailyUsage(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive) {
        return query("SELECT local_day, distance_km, night_distance_km, speeding_distance_km, urban_distance_km, driving_time_s, "
                + "trips, harsh_brakes, harsh_accelerations, harsh_corners, rural_distance_km, motorway_distance_km FROM daily_usage "
                + "WHERE tenant = ? AND device_id = ? AND local_day >= ? AND local_day < ? ORDER BY local_day", tenant, deviceId,
                fromDay, toDayExclusive, rs -> new DailyUsage(tenant, deviceId, rs.getObject(1, LocalDate.class), rs.getDouble(2),
                        rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(11), rs.getDouble(12),
                        Duration.ofSeconds(rs.getLong(6)), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10)));
    }

    @Override
    public List<Trip> trips(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive) {
        return trips(tenant, deviceId, fromDay, toDayExclusive, 0, Integer.MAX_VALUE);
    }

    @Override
    public List<Trip> trips(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive, int offset, int limit) {
        return query("SELECT start_time, end_time, distance_km, night_distance_km, speeding_distance_km, max_speed_mps, "
                + "harsh_brakes, harsh_accelerations, harsh_corners FROM trip "
                + "WHERE tenant = ? AND device_id = ? AND local_day >= ? AND local_day < ? ORDER BY start_time "
                + "OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", tenant, deviceId,
                fromDay, toDayExclusive, rs -> new Trip(tenant, deviceId, rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)));
    }

    @Override
    public long tripCount(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive) {
        return query("SELECT COUNT(*) FROM trip WHERE tenant = ? AND device_id = ? AND local_day >= ? AND local_day < ?",
                tenant, deviceId, fromDay, toDayExclusive, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public List<WearableDay> wearableDays(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive) {
        return query("SELECT local_day, steps, active_minutes, resting_heart_rate_bpm, sleep_minutes, mean_spo2_percent, "
                + "worn_minutes FROM wearable_day WHERE tenant = ? AND device_id = ? AND local_day >= ? AND local_day < ? "
                + "ORDER BY local_day", tenant, deviceId, fromDay, toDayExclusive,
                rs -> new WearableDay(tenant, deviceId, rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3),
                        nullableDouble(rs, 4), rs.getInt(5), nullableDouble(rs, 6), rs.getInt(7)));
    }

    @Override
    public List<FarmDay> farmDays(String tenant, String deviceId, LocalDate fromDay, LocalDate toDayExclusive) {
        return query("SELECT local_day, mean_soil_moisture_vwc, min_soil_moisture_vwc, mean_soil_temperature_c, "
                + "min_air_temperature_c, max_air_temperature_c, mean_relative_humidity_percent, rainfall_mm, leaf_wet_hours, "
                + "samples FROM farm_day WHERE tenant = ? AND device_id = ? AND local_day >= ? AND local_day < ? "
                + "ORDER BY local_day", tenant, deviceId, fromDay, toDayExclusive,
                rs -> new FarmDay(tenant, deviceId, rs.getObject(1, LocalDate.class), nullableDouble(rs, 2),
                        nullableDouble(rs, 3), nullableDouble(rs, 4), nullableDouble(rs, 5), nullableDouble(rs, 6),
                        nullableDouble(rs, 7), rs.getDouble(8), rs.getDouble(9), rs.getInt(10)));
    }

    // ---- plumbing ----

    private interface Tx {
        void run(Connection c) throws SQLException;
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private void tx(Tx work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SummaryUnavailableException("cannot write summary: " + e.getMessage(), e);
        }
    }

    private static void upsert(Connection c, String update, String insert, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(update)) {
            bind(ps, params);
            if (ps.executeUpdate() > 0) return;
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) ps.setNull(i + 1, Types.DOUBLE);
            else if (p instanceof LocalDate d) ps.setObject(i + 1, d);
            else if (p instanceof OffsetDateTime t) ps.setObject(i + 1, t);
            else ps.setObject(i + 1, p);
        }
    }

    private <T> List<T> query(String sql, String tenant, String deviceId, LocalDate from, LocalDate to, Row<T> row) {
        List<T> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, deviceId);
            ps.setObject(3, from);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row.map(rs));
            }
        } catch (SQLException e) {
            throw new SummaryUnavailableException("cannot read summaries of " + tenant + "/" + deviceId + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Double nullableDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private OffsetDateTime now() {
        return odt(clock.instant());
    }

    private static OffsetDateTime odt(Instant t) {
        return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
