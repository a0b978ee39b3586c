package io.telerisk.agri.ndvi;

import java.time.Instant;
import java.util.List;

/** Port: where NDVI time series live (the hub's adapter writes an InfluxDB measurement). */
public interface NdviSeriesStore {
    /** Stores all points of one scene, all or nothing; re-storing the same (field, scene) replaces the point. */
    void appendAll(List<NdviPoint> points);

    /** A field's points with {@code from <= acquired < toExclusive}, oldest first. */
    List<NdviPoint> series(String tenant, String fieldId, Instant from, Instant toExclusive);
}
