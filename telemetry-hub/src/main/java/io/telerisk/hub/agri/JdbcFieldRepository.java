package io.telerisk.hub.agri;

import io.telerisk.agri.field.Crop;
import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRepository;
import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.field.SoilType;
import org.locationtech.jts.geom.Envelope;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link FieldRepository} on table {@code agri_field} (V50). The boundary is kept as GeoJSON text with its WGS 84
 * bounding box in columns, so {@link #intersecting} is an indexed box query and the exact overlap is left to the
 * registry's JTS geometry.
 */
public final class JdbcFieldRepository implements FieldRepository {
    private static final String COLUMNS = "tenant, field_id, farmer_id, device_id, crop, sowing_date, harvest_date, region, soil, "
            + "boundary, utm_epsg, area_ha";
    private final DataSource ds;
    private final Clock clock;

    public JdbcFieldRepository(DataSource ds, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(Field f) {
        Envelope box = f.boundary().getEnvelopeInternal();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM agri_field WHERE tenant = ? AND field_id = ?")) {
                    del.setString(1, f.tenant());
                    del.setString(2, f.fieldId());
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO agri_field (" + COLUMNS
                        + ", min_lon, min_lat, max_lon, max_lat, registered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    ps.setString(1, f.tenant());
                    ps.setString(2, f.fieldId());
                    ps.setString(3, f.farmerId());
                    ps.setString(4, f.deviceId());
                    ps.setString(5, f.crop().name());
                    ps.setObject(6, f.sowingDate());
                    ps.setObject(7, f.harvestDate());
                    ps.setString(8, f.region());
                    ps.setString(9, f.soil().name());
                    ps.setString(10, GeoJson.write(f.boundary()));
                    ps.setInt(11, f.utmEpsg());
                    ps.setDouble(12, f.areaHa());
                    ps.setDouble(13, box.getMinX());
                    ps.setDouble(14, box.getMinY());
                    ps.setDouble(15, box.getMaxX());
                    ps.setDouble(16, box.getMaxY());
                    ps.setObject(17, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AgriStoreException("cannot save field " + f.fieldId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Field> find(String tenant, String fieldId) {
        List<Field> r = query("WHERE tenant = ? AND field_id = ?", tenant, fieldId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public Optional<Field> findByDevice(String tenant, String deviceId) {
        List<Field> r = query("WHERE tenant = ? AND device_id = ? ORDER BY field_id", tenant, deviceId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public List<Field> intersecting(String tenant, Envelope wgs84) {
        return query("WHERE tenant = ? AND min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ? ORDER BY field_id",
                tenant, wgs84.getMaxX(), wgs84.getMinX(), wgs84.getMaxY(), wgs84.getMinY());
    }

    @Override
    public List<Field> peers(String tenant, Crop crop, String region) {
        return query("WHERE tenant = ? AND crop = ? AND region = ? ORDER BY field_id", tenant, crop.name(), region);
    }

    /** A tenant's fields, or one farmer's when {@code farmerId} is not null, by field id. */
    public List<Field> list(String tenant, String farmerId) {
        return farmerId == null ? query("WHERE tenant = ? ORDER BY field_id", tenant)
                : query("WHERE tenant = ? AND farmer_id = ? ORDER BY field_id", tenant, farmerId);
    }

    /** One page of {@link #list}: at most {@code limit} fields from {@code offset}, by field id. */
    public List<Field> list(String tenant, String farmerId, int offset, int limit) {
        String page = " ORDER BY field_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return farmerId == null ? query("WHERE tenant = ?" + page, tenant, offset, limit)
                : query("WHERE tenant = ? AND farmer_id = ?" + page, tenant, farmerId, offset, limit);
    }

    /** How many fields {@link #list} holds. */
    public long count(String tenant, String farmerId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM agri_field WHERE tenant = ?"
                + (farmerId == null ? "" : " AND farmer_id = ?"))) {
            ps.setString(1, tenant);
            if (farmerId != null) ps.setString(2, farmerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new AgriStoreException("cannot count fields: " + e.getMessage(), e);
        }
    }

    private List<Field> query(String where, Object... args) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agri_field " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Field> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Field(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Crop.valueOf(rs.getString(5)),
                            rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getString(8),
                            SoilType.valueOf(rs.getString(9)), GeoJson.boundary(rs.getString(10)), rs.getInt(11), rs.getDouble(12)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AgriStoreException("cannot read fields: " + e.getMessage(), e);
        }
    }
}
