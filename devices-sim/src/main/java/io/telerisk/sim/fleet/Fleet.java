package io.telerisk.sim.fleet;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.topic.Topic;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.Rng;
import io.telerisk.sim.farm.FarmField;
import io.telerisk.sim.farm.FarmSimulator;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.truth.TruthSink;
import io.telerisk.sim.vehicle.DriverProfile;
import io.telerisk.sim.vehicle.VehicleConfig;
import io.telerisk.sim.vehicle.VehicleObserver;
import io.telerisk.sim.vehicle.VehicleSimulator;
import io.telerisk.sim.wearable.FitnessProfile;
import io.telerisk.sim.wearable.WearableSimulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic set of simulated devices of one tenant. Everything (profiles, data, faults) follows from the
 * seed, the start and the settings: the same builder settings give the same bytes.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder().seed(42).vehicles(200).wearables(50).farms(50).tenant("demo")
 *         .start(Instant.parse("2026-06-01T00:00:00Z")).duration(Duration.ofDays(1)).build();
 * }</pre>
 * Device ids are {@code veh-00001}, {@code wear-00001}, {@code farm-00001}.
 */
public final class Fleet {
    private final Builder b;
    private final List<SimDevice> devices;

    private Fleet(Builder b) {
        this.b = b;
        List<SimDevice> list = new ArrayList<>();
        for (int i = 0; i < b.vehicles; i++) {
            Rng r = new Rng(Rng.derive(b.seed, "vehicle-profile", i));
            DriverProfile p = DriverProfile.draw(r, b.centreLatDeg, b.centreLonDeg, b.radiusKm, b.vehicleConfig.crashRateMultiplier());
            list.add(new SimDevice(i, new DeviceKey(b.tenant, DeviceType.VEHICLE, id("veh", i)), p, null, null));
        }
        for (int i = 0; i < b.wearables; i++) {
            Rng r = new Rng(Rng.derive(b.seed, "wearable-profile", i));
            list.add(new SimDevice(i, new DeviceKey(b.tenant, DeviceType.WEARABLE, id("wear", i)), null, FitnessProfile.draw(r), null));
        }
        for (int i = 0; i < b.farms; i++) {
            Rng r = new Rng(Rng.derive(b.seed, "farm-profile", i));
            String id = id("farm", i);
            list.add(new SimDevice(i, new DeviceKey(b.tenant, DeviceType.FARM_SENSOR, id), null, null,
                    FarmField.draw(id, r, b.centreLatDeg, b.centreLonDeg, b.radiusKm * 2)));
        }
        this.devices = List.copyOf(list);
    }

    private static String id(String prefix, int i) {
        return String.format("%s-%05d", prefix, i + 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return b.seed;
    }

    public String tenant() {
        return b.tenant;
    }

    public Instant start() {
        return b.start;
    }

    public Instant end() {
        return b.start.plus(b.duration);
    }

    public Duration duration() {
        return b.duration;
    }

    public ZoneId zone() {
        return b.zone;
    }

    public VehicleConfig vehicleConfig() {
        return b.vehicleConfig;
    }

    /** All devices: vehicles, then wearables, then farm sensors. */
    public List<SimDevice> devices() {
        return devices;
    }

    /** The identities, e.g. for provisioning the devices in the hub. */
    public List<DeviceKey> deviceKeys() {
        return devices.stream().map(SimDevice::key).toList();
    }

    /** The simulated fields with their seasonal NDVI curves (for the satellite scene generator). */
    public List<FarmField> fields() {
        return devices.stream().filter(d -> d.field() != null).map(SimDevice::field).toList();
    }

    /** A fresh simulator for a device, starting at {@link #start()}. */
    public DeviceSimulator simulator(SimDevice d, TruthSink truth) {
        return simulator(d, truth, VehicleObserver.NONE);
    }

    /** A fresh simulator; vehicles report hidden state to {@code observer}. */
    public DeviceSimulator simulator(SimDevice d, TruthSink truth, VehicleObserver observer) {
        Objects.requireNonNull(d, "device");
        long seed = Rng.derive(b.seed, d.key().type().wireName(), d.index());
        return switch (d.key().type()) {
            case VEHICLE -> new VehicleSimulator(d.key(), d.driver(), b.vehicleConfig, seed, start(), end(), truth, observer);
            case WEARABLE -> new WearableSimulator(d.key(), d.fitness(), seed, start(), end(), b.zone, b.wearableBatchMinutes, truth);
            case FARM_SENSOR -> new FarmSimulator(d.key(), d.field(), seed, start(), end(), b.zone, b.farmSampleMinutes,
                    b.farmBatchMinutes, truth);
        };
    }

    /** A device's message stream: envelopes encoded with {@code codec}, with faults injected and recorded. */
    public DeviceStream stream(SimDevice d, EnvelopeCodec codec, FaultConfig faults, TruthSink truth) {
        long faultSeed = Rng.derive(b.seed, "faults-" + d.key().type().wireName(), d.index());
        return new DeviceStream(simulator(d, truth), codec, faults, faultSeed, truth);
    }

    /** Streams for all devices. */
    public List<DeviceStream> streams(EnvelopeCodec codec, FaultConfig faults, TruthSink truth) {
        return devices.stream().map(d -> stream(d, codec, faults, truth)).toList();
    }

    /** Fleet settings. Defaults: seed 42, tenant "demo", no devices, start 2026-06-01T00:00Z, one day, around Vienna. */
    public static final class Builder {
        private long seed = 42;
        private String tenant = "demo";
        private int vehicles;
        private int wearables;
        private int farms;
        private Instant start = Instant.parse("2026-06-01T00:00:00Z");
        private Duration duration = Duration.ofDays(1);
        private double centreLatDeg = 48.2082;
        private double centreLonDeg = 16.3738;
        private double radiusKm = 30;
        private ZoneId zone = ZoneOffset.UTC;
        private VehicleConfig vehicleConfig = VehicleConfig.defaults();
        private int wearableBatchMinutes = 10;
        private int farmSampleMinutes = 15;
        private int farmBatchMinutes = 60;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder tenant(String tenant) {
            if (!Topic.isValidSegment(tenant)) throw new IllegalArgumentException("invalid tenant '" + tenant + "': 1-64 of [A-Za-z0-9._-]");
            this.tenant = tenant;
            return this;
        }

        public Builder vehicles(int n) {
            this.vehicles = nonNegative("vehicles", n);
            return this;
        }

        public Builder wearables(int n) {
            this.wearables = nonNegative("wearables", n);
            return this;
        }

        public Builder farms(int n) {
            this.farms = nonNegative("farms", n);
            return this;
        }

        /** Simulated start; truncated to the second. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start").truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return this;
        }

        /** Simulated span to generate. */
        public Builder duration(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be positive: " + d);
            this.duration = d;
            return this;
        }

        /** Where devices live: centre and radius (farms spread over twice the radius). */
        public Builder region(double latDeg, double lonDeg, double radiusKm) {
            if (Math.abs(latDeg) > 80 || Math.abs(lonDeg) > 180 || radiusKm <= 0 || radiusKm > 1000) {
                throw new IllegalArgumentException("region out of range: " + latDeg + "," + lonDeg + " r=" + radiusKm);
            }
            this.centreLatDeg = latDeg;
            this.centreLonDeg = lonDeg;
            this.radiusKm = radiusKm;
            return this;
        }

        /** Local time zone for routines (commutes, sleep, night driving). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            this.vehicleConfig = vehicleConfig.withZone(zone);
            return this;
        }

        public Builder vehicleConfig(VehicleConfig c) {
            this.vehicleConfig = Objects.requireNonNull(c, "vehicleConfig").withZone(zone);
            return this;
        }

        public Builder wearableBatchMinutes(int m) {
            if (m < 1) throw new IllegalArgumentException("wearableBatchMinutes < 1");
            this.wearableBatchMinutes = m;
            return this;
        }

        public Builder farmSampling(int sampleMinutes, int batchMinutes) {
            if (sampleMinutes < 1 || batchMinutes < sampleMinutes) throw new IllegalArgumentException("bad farm sampling");
            this.farmSampleMinutes = sampleMinutes;
            this.farmBatchMinutes = batchMinutes;
            return this;
        }

        public Fleet build() {
            if (vehicles + wearables + farms == 0) throw new IllegalArgumentException("a fleet needs at least one device");
            if (vehicles > 99_999 || wearables > 99_999 || farms > 99_999) throw new IllegalArgumentException("at most 99,999 devices per type");
            return new Fleet(this);
        }

        private static int nonNegative(String what, int n) {
            if (n < 0) throw new IllegalArgumentException(what + " must be ≥ 0: " + n);
            return n;
        }
    }
}
