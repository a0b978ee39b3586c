package io.telerisk.hub.store.influx;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.AbstractTelemetryStoreTest;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.StoreReadException;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.hub.store.Traces;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.testkit.InfluxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract on a private InfluxDB 1.6 through the v1 write mapping, plus outage and restart. */
class InfluxV1TelemetryStoreTest extends AbstractTelemetryStoreTest {
    private static InfluxServer influx;
    private static final String DB = "telemetry_test";

    @BeforeAll
    static void startInflux() {
        influx = InfluxServer.start();
    }

    @AfterAll
    static void stopInflux() {
        influx.close();
    }

    @Override
    protected TelemetryStore open(RetentionPolicies policies, Clock clock) {
        return InfluxTelemetryStore.open(StorageConfig.influxV1(influx.url(), DB, "", "").withBatchSize(700), policies, clock);
    }

    @Test
    void createsTheDatabaseOnFirstUseAndWritesIntoTheRetentionPolicy() throws Exception {
        String db = "fresh_" + UUID.randomUUID().toString().substring(0, 6);
        try (TelemetryStore s = TelemetryStores.open(StorageConfig.influxV1(influx.url(), db, "hot", "user:secret"))) {
            assertEquals("influxdb-v1", s.describe());
            s.store(Traces.drive(tenant, "car-1", T0, 9, 10, 48, 11, 1, 5));
            assertTrue(influx.query(db, "SHOW DATABASES").contains(db));
            String count = influx.query(db, "SELECT count(\"speedMps\") FROM \"" + db + "\".\"hot\".\"vehicle\"");
            assertTrue(count.contains(",10]"), count);
            assertEquals(10, s.raw(new DeviceKey(tenant, DeviceType.VEHICLE, "car-1"), T0, T0.plusSeconds(60), 100).size());
        }
    }

    @Test
    void sequenceIsAFieldAndTagsAreTenantTypeDevice() throws Exception {
        store().store(List.of(Traces.vehicle(tenant, "car-5", 77, Traces.fix(T0, 48, 11, 3))));
        String keys = influx.query(DB, "SHOW TAG KEYS FROM \"vehicle\"");
        assertTrue(keys.contains("\"device\"") && keys.contains("\"tenant\"") && keys.contains("\"type\""), keys);
        assertTrue(!keys.contains("\"seq\""), keys);
        String fields = influx.query(DB, "SHOW FIELD KEYS FROM \"vehicle\"");
        assertTrue(fields.contains("[\"seq\",\"integer\"]"), fields);
    }

    @Test
    void refusesTagValuesInfluxCannotRepresentWithAReason() {
        io.telerisk.hub.store.StoreRejectedException e = assertThrows(io.telerisk.hub.store.StoreRejectedException.class,
                () -> store().store(List.of(Traces.vehicle(tenant + "\\", "car-1", 1, Traces.fix(T0, 48, 11, 3)))));
        assertTrue(e.getMessage().contains("backslash"), e.getMessage());
    }

    @Test
    void storeDownIsStoreUnavailableAndRestartWorksAgain() throws Exception {
        try (InfluxServer own = InfluxServer.start();
             TelemetryStore s = InfluxTelemetryStore.open(StorageConfig.influxV1(own.url(), "outage", "", ""),
                     RetentionPolicies.defaults(), CLOCK)) {
            DeviceKey car = new DeviceKey(tenant, DeviceType.VEHICLE, "car-1");
            List<Envelope> first = Traces.drive(tenant, "car-1", T0, 9, 10, 48, 11, 1, 10);
            s.store(first);
            own.stop();
            List<Envelope> second = Traces.drive(tenant, "car-1", T0.plusSeconds(10), 9, 10, 48, 11, 2, 10);
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> s.store(second));
            assertTrue(e.getMessage().contains("influxdb-v1"), e.getMessage());
            assertThrows(StoreReadException.class, () -> s.raw(car, T0, T0.plusSeconds(60), 100));
            own.startAgain();
            s.store(second);
            assertEquals(20, s.raw(car, T0, T0.plusSeconds(60), 100).size());
        }
    }
}
