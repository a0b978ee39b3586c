package io.telerisk.hub.agri;

import io.telerisk.agri.ndvi.NdviSeriesStore;
import io.telerisk.hub.store.StorageConfig;

import javax.sql.DataSource;

/** Chooses where NDVI series live: next to the telemetry when that is InfluxDB, else the system of record. */
public final class NdviStores {
    private NdviStores() {
    }

    /**
     * @param storage        the hub's telemetry storage configuration
     * @param telemetryInSor whether telemetry goes to the system of record regardless of {@code storage}
     * @param sor            the system of record
     */
    public static NdviSeriesStore open(StorageConfig storage, boolean telemetryInSor, DataSource sor) {
        if (!telemetryInSor && storage.backend() == StorageConfig.Backend.INFLUXDB) return new InfluxNdviSeriesStore(storage);
        return new JdbcNdviSeriesStore(sor);
    }
}
