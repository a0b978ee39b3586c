package io.telerisk.hub.store.influx;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.AbstractTelemetryStoreTest;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.StoreReadException;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.hub.store.Traces;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.VehicleSample;
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

    /**
     * Every double the line protocol writes reads back from InfluxDB bit for bit: subnormals, extremes of the
     * exponent, integral values on both sides of the {@code 12.0} form's 10^18 bound. The sign of zero is stored
     * (InfluxDB answers {@code -0}), but JSON's {@code -0} reads as the integer 0, so the hub reads -0.0 as 0.0.
     */
    @Test
    void everyDoubleReadsBackExactly() throws Exception {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL), Double.MIN_NORMAL,
                1e-300, 1e22, 1e23, -1e23, Double.MAX_VALUE, -Double.MAX_VALUE, 1e18, Math.nextDown(1e18), 9.223372036854776E18, 1e20, -5e20,
                0.1, 1.0 / 3, 2e-3, 48.20001, -273.15, Math.nextUp(1.0), 9007199254740994.0, 12.0, -7.0, 5e-324 * 3};
        DeviceKey car = new DeviceKey(tenant, DeviceType.VEHICLE, "car-edges");
        VehicleSample[] samples = new VehicleSample[edges.length];
        for (int i = 0; i < edges.length; i++) {
            double v = edges[i];
            samples[i] = new VehicleSample(T0.plusMillis(i), null, v, -v, new Acceleration(v, v / 2, -v), null, null);
        }
        store().store(List.of(Traces.vehicle(tenant, car.deviceId(), 1, samples)));
        List<StoredSample> back = store().raw(car, T0, T0.plusSeconds(1), 100);
        assertEquals(edges.length, back.size());
        String negativeZero = influx.query(DB, "SELECT \"speedMps\" FROM \"vehicle\" WHERE \"device\" = 'car-edges' AND \"tenant\" = '"
                + tenant + "' AND time = '" + T0.plusMillis(1) + "'");
        assertTrue(negativeZero.contains(",-0]"), negativeZero);
        for (int i = 0; i < edges.length; i++) {
            VehicleSample written = samples[i], read = (VehicleSample) back.get(i).sample();
            assertSameBits(written.speedMps(), read.speedMps(), "speedMps", edges[i]);
            assertSameBits(written.headingDeg(), read.headingDeg(), "headingDeg", edges[i]);
            assertSameBits(written.acceleration().xMps2(), read.acceleration().xMps2(), "accel x", edges[i]);
            assertSameBits(written.acceleration().yMps2(), read.acceleration().yMps2(), "accel y", edges[i]);
            assertSameBits(written.acceleration().zMps2(), read.acceleration().zMps2(), "accel z", edges[i]);
        }
    }

    private static void assertSameBits(double written, double read, String field, double edge) {
        if (written == 0 && read == 0) return; // -0.0 reads back as 0.0: see above
        assertEquals(Double.doubleToRawLongBits(written), Double.doubleToRawLongBits(read),
                () -> field + " for edge value " + edge + ": wrote " + written + ", read " + read);
    }
}
