package io.telerisk.hub.agri;

import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviSeriesStore;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.agri.ndvi.NoObservationReason;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link NdviSeriesStore} on table {@code agri_ndvi} (V50), used when telemetry is not in InfluxDB. One scene is one
 * transaction (all or nothing); re-storing a (field, scene) replaces its row. No-observations are rows too, with
 * the reason in {@code status}, so a gap has a recorded cause.
 */
public final class JdbcNdviSeriesStore implements NdviSeriesStore {
    static final String OK = "ok";
    private final DataSource ds;

    public JdbcNdviSeriesStore(DataSource ds) {
        this.ds = Objects.requireNonNull(ds, "ds");
    }

    @Override
    public void appendAll(List<NdviPoint> points) {
        if (points.isEmpty()) return;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM agri_ndvi WHERE tenant = ? AND field_id = ? AND scene_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO agri_ndvi (tenant, field_id, scene_id, acquired, status, detail, "
                         + "pixels_in_field, valid_pixels, ndvi_mean, ndvi_median, ndvi_std, ndvi_min, ndvi_max, cloud_free_fraction) "
                         + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (NdviPoint p : points) {
                    del.setString(1, p.tenant());
                    del.setString(2, p.fieldId());
                    del.setString(3, p.sceneId());
                    del.addBatch();
                    ins.setString(1, p.tenant());
                    ins.setString(2, p.fieldId());
                    ins.setString(3, p.sceneId());
                    ins.setObject(4, OffsetDateTime.ofInstant(p.acquired(), ZoneOffset.UTC));
                    ins.setLong(7, p.ndvi().pixelsInField());
                    if (p.ndvi() instanceof FieldNdvi.Observed o) {
                        NdviStats s = o.stats();
                        ins.setString(5, OK);
                        ins.setNull(6, Types.VARCHAR);
                        ins.setLong(8, s.validPixels());
                        ins.setDouble(9, s.mean());
                        ins.setDouble(10, s.median());
                        ins.setDouble(11, s.std());
                        ins.setDouble(12, s.min());
                        ins.setDouble(13, s.max());
                        ins.setDouble(14, s.cloudFreeFraction());
                    } else {
                        FieldNdvi.NoObservation n = (FieldNdvi.NoObservation) p.ndvi();
                        ins.setString(5, n.reason().name());
                        String detail = n.detail() == null ? null : n.detail().length() > 1000 ? n.detail().substring(0, 1000) : n.detail();
                        ins.setString(6, detail);
                        ins.setLong(8, n.validPixels());
                        for (int i = 9; i <= 14; i++) ins.setNull(i, Types.DOUBLE);
                    }
                    ins.addBatch();
                }
                del.executeBatch();
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AgriStoreException("cannot store NDVI of scene " + points.get(0).sceneId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<NdviPoint> series(String tenant, String fieldId, Instant from, Instant toExclusive) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT scene_id, acquired, status, detail, pixels_in_field, valid_pixels, "
                     + "ndvi_mean, ndvi_median, ndvi_std, ndvi_min, ndvi_max, cloud_free_fraction FROM agri_ndvi "
                     + "WHERE tenant = ? AND field_id = ? AND acquired >= ? AND acquired < ? ORDER BY acquired, scene_id")) {
            ps.setString(1, tenant);
            ps.setString(2, fieldId);
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(toExclusive, ZoneOffset.UTC));
            List<NdviPoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(3);
                    long pixels = rs.getLong(5);
                    FieldNdvi n = OK.equals(status)
                            ? new FieldNdvi.Observed(fieldId, pixels, new NdviStats(rs.getLong(6), rs.getDouble(7), rs.getDouble(8),
                            rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12)))
                            : new FieldNdvi.NoObservation(fieldId, NoObservationReason.valueOf(status), rs.getString(4), pixels, rs.getLong(6));
                    out.add(new NdviPoint(tenant, fieldId, rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(1), n));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AgriStoreException("cannot read NDVI of field " + fieldId + ": " + e.getMessage(), e);
        }
    }
}
