package io.telerisk.hub.agri;

import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.agri.ndvi.NoObservationReason;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.InfluxServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The NDVI series as InfluxDB measurement {@code ndvi}, against a real influxd 1.x (fails when it is not installed). */
class InfluxNdviSeriesStoreTest {
    private static final Instant T1 = Instant.parse("2026-05-01T08:10:00Z");
    private static final Instant T2 = Instant.parse("2026-05-06T08:10:00Z");

    private static InfluxNdviSeriesStore store(String db) {
        return new InfluxNdviSeriesStore(StorageConfig.influxV1(InfluxServer.shared().url(), db, "", ""));
    }

    @Test
    void storesObservationsAndReasonedGapsAndReadsThemBackInTimeOrder() {
        InfluxNdviSeriesStore s = store("ndvi_" + System.nanoTime());
        NdviPoint observed = new NdviPoint("acme", "f 1,=x", T2, "S2-B", new FieldNdvi.Observed("f 1,=x", 900,
                new NdviStats(850, 0.71, 0.72, 0.05, 0.41, 0.88, 0.944)));
        NdviPoint cloudy = new NdviPoint("acme", "f 1,=x", T1, "S2-A", new FieldNdvi.NoObservation("f 1,=x", NoObservationReason.TOO_CLOUDY,
                "only 12 % \"clear\"", 900, 108));
        NdviPoint otherTenant = new NdviPoint("rival", "f 1,=x", T1, "S2-A", observed.ndvi());
        s.appendAll(List.of(observed, cloudy, otherTenant));

        List<NdviPoint> series = s.series("acme", "f 1,=x", T1, T2.plusSeconds(1));
        assertEquals(List.of(cloudy, observed), series);
        assertEquals(List.of(cloudy), s.series("acme", "f 1,=x", T1, T2), "to is exclusive");
        assertEquals(List.of(), s.series("acme", "other' OR '1'='1", T1, T2.plusSeconds(1)));
    }

    @Test
    void reStoringAFieldsSceneReplacesThePointEvenWhenTheVerdictChanged() {
        InfluxNdviSeriesStore s = store("ndvi_" + System.nanoTime());
        s.appendAll(List.of(new NdviPoint("acme", "f2", T1, "S2-A", new FieldNdvi.NoObservation("f2", NoObservationReason.TOO_CLOUDY,
                "clouds", 400, 10))));
        NdviPoint reprocessed = new NdviPoint("acme", "f2", T1, "S2-A", new FieldNdvi.Observed("f2", 400,
                new NdviStats(390, 0.5, 0.5, 0.02, 0.45, 0.55, 0.975)));
        s.appendAll(List.of(reprocessed));
        List<NdviPoint> series = s.series("acme", "f2", T1, T2);
        assertEquals(1, series.size());
        assertInstanceOf(FieldNdvi.Observed.class, series.get(0).ndvi());
        assertEquals(reprocessed, series.get(0));
    }

    @Test
    void anUnreachableServerIsAClearStoreError() {
        InfluxNdviSeriesStore s = new InfluxNdviSeriesStore(StorageConfig.influxV1("http://127.0.0.1:1", "x", "", ""));
        AgriStoreException e = assertThrows(AgriStoreException.class, () -> s.series("acme", "f", T1, T2));
        assertEquals(true, e.getMessage().contains("unreachable"), e.getMessage());
    }
}
