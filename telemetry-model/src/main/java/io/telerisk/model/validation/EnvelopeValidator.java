package io.telerisk.model.validation;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Topic;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a decoded envelope against the physical world and the platform's limits, and says precisely what is
 * wrong: the first problem found, as a {@link Decoded.Rejected} whose detail names the field, the sample index and
 * the value (e.g. {@code samples[12].speedMps=150.0 is outside 0..120}).
 *
 * <p>Stateless and thread-safe. Sequence regression and duplicates need per-device state and are the hub's job;
 * this class only checks {@code 1 <= seq <= 2^53 - 1}. The ranges are part of the contract in docs/telemetry.md.
 */
public final class EnvelopeValidator {
    /**
     * The largest sequence accepted: 2^53 - 1, exact in every JSON reader (a device at 1,000 messages/s needs 285,000
     * years to reach it). One envelope with seq 2^63 - 1 used to move the device's duplicate window beyond reach.
     */
    public static final long MAX_SEQUENCE = (1L << 53) - 1;

    /** Standard gravity, m/s². */
    public static final double G_MPS2 = 9.80665;
    /** Largest acceleration magnitude accepted: 50 g (crash pulses stay well below). */
    public static final double MAX_ACCELERATION_MPS2 = 50 * G_MPS2;
    /** Fastest ground speed accepted, m/s (432 km/h). */
    public static final double MAX_SPEED_MPS = 120;
    public static final double MIN_ALTITUDE_M = -1_000, MAX_ALTITUDE_M = 20_000;
    public static final double MAX_HDOP = 100;
    public static final int MAX_SATELLITES = 255;
    public static final double MAX_ODOMETER_KM = 10_000_000;
    public static final int MIN_HEART_RATE_BPM = 20, MAX_HEART_RATE_BPM = 250;
    /** Most steps in one sample (a sample covers at most a few minutes). */
    public static final int MAX_STEPS_PER_SAMPLE = 100_000;
    public static final double MIN_SPO2_PERCENT = 50, MAX_SPO2_PERCENT = 100;
    public static final double MIN_TEMPERATURE_C = -60, MAX_TEMPERATURE_C = 70;
    /** Most rain in one sample, mm. */
    public static final double MAX_RAINFALL_MM = 500;
    /** Event types: lower snake case. */
    public static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]{1,64}");
    /** Longest measure or label key, and longest label value, in characters. */
    public static final int MAX_KEY_CHARS = 64, MAX_LABEL_CHARS = 1024;

    private final Limits limits;

    /** A validator with {@link Limits#DEFAULT}. */
    public EnvelopeValidator() {
        this(Limits.DEFAULT);
    }

    /** A validator enforcing {@code limits} (sizes, clock skew, earliest plausible time). */
    public EnvelopeValidator(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits this validator enforces. */
    public Limits limits() {
        return limits;
    }

    /** Validates an envelope of a device whose registration time is unknown (only the plausibility floor applies). */
    public Decoded validate(Envelope e, Instant now) {
        return validate(e, now, null);
    }

    /**
     * Validates an envelope.
     *
     * @param e                       the decoded envelope
     * @param now                     the receiver's clock, for {@link RejectReason#FUTURE_TIMESTAMP}
     * @param deviceRegisteredAtOrNull when the device was registered, for {@link RejectReason#BEFORE_DEVICE_EXISTED};
     *                                null if unknown. Earlier timestamps are accepted within {@link Limits#maxFutureSkew()}
     *                                of it, since device clocks drift
     * @return {@link Decoded.Ok} with the same envelope, or the first problem found
     */
    public Decoded validate(Envelope e, Instant now, Instant deviceRegisteredAtOrNull) {
        Objects.requireNonNull(e, "envelope");
        Objects.requireNonNull(now, "now");
        Instant latest = now.plus(limits.maxFutureSkew());
        Instant earliest = limits.earliestPlausible();
        if (deviceRegisteredAtOrNull != null) {
            Instant registered = deviceRegisteredAtOrNull.minus(limits.maxFutureSkew());
            if (registered.isAfter(earliest)) earliest = registered;
        }
        try {
            new Check(e, latest, earliest, deviceRegisteredAtOrNull).run();
            return Decoded.ok(e);
        } catch (Invalid x) {
            return Decoded.rejected(x.reason, x.getMessage());
        }
    }

    /** Validates the envelope of an {@link Decoded.Ok}; passes a {@link Decoded.Rejected} through unchanged. */
    public Decoded validate(Decoded decoded, Instant now, Instant deviceRegisteredAtOrNull) {
        return decoded instanceof Decoded.Ok ok ? validate(ok.envelope(), now, deviceRegisteredAtOrNull) : decoded;
    }

    private static final class Invalid extends RuntimeException {
        final RejectReason reason;

        Invalid(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** One validation run. Messages are built only on failure: the accept path allocates nothing. */
    private final class Check {
        private final Envelope e;
        private final Instant latest, earliest, registered;

        Check(Envelope e, Instant latest, Instant earliest, Instant registered) {
            this.e = e;
            this.latest = latest;
            this.earliest = earliest;
            this.registered = registered;
        }

        void run() {
            if (e.schemaVersion() != Envelope.CURRENT_SCHEMA_VERSION) {
                throw new Invalid(RejectReason.SCHEMA_VERSION, "schema version v=" + e.schemaVersion()
                        + " is not supported (expected " + Envelope.CURRENT_SCHEMA_VERSION + ")");
            }
            identity("tenant", e.tenant());
            identity("device", e.deviceId());
            if (e.sequence() < 1 || e.sequence() > MAX_SEQUENCE) {
                throw new Invalid(RejectReason.OUT_OF_RANGE, "seq=" + e.sequence() + " must be 1 to " + MAX_SEQUENCE + " (2^53 - 1)");
            }
            int points = e.samples().size();
            for (DeviceEvent ev : e.events()) points += ev.window().size();
            if (points > limits.maxSamplesPerBatch()) {
                throw new Invalid(RejectReason.TOO_LARGE, points + " samples (samples and event windows together), limit "
                        + limits.maxSamplesPerBatch());
            }
            if (e.events().size() > limits.maxEventsPerBatch()) {
                throw new Invalid(RejectReason.TOO_LARGE, e.events().size() + " events, limit " + limits.maxEventsPerBatch());
            }
            time("sentAt", -1, "", e.sentAt());
            samples("samples", e.samples());
            List<DeviceEvent> events = e.events();
            for (int i = 0; i < events.size(); i++) event(i, events.get(i));
        }

        private void identity(String field, String value) {
            if (value.isEmpty()) throw new Invalid(RejectReason.MISSING_FIELD, field + " is empty");
            if (!Topic.isValidSegment(value)) {
                throw new Invalid(RejectReason.MALFORMED, field + " '" + abbreviate(value)
                        + "' must be 1-64 characters of [A-Za-z0-9._-]");
            }
        }

        private void event(int i, DeviceEvent ev) {
            if (ev.type().isEmpty()) throw new Invalid(RejectReason.MISSING_FIELD, "events[" + i + "].type is empty");
            if (!EVENT_TYPE.matcher(ev.type()).matches()) {
                throw new Invalid(RejectReason.MALFORMED, "events[" + i + "].type '" + abbreviate(ev.type())
                        + "' must be lower snake case, 1-64 of [a-z0-9_]");
            }
            time("events", i, ".t", ev.time());
            for (Map.Entry<String, Double> m : ev.measures().entrySet()) {
                key(i, "measures", m.getKey());
                double v = m.getValue();
                if (!Double.isFinite(v)) {
                    throw new Invalid(RejectReason.NOT_A_NUMBER, "events[" + i + "].measures." + m.getKey() + "=" + v);
                }
            }
            for (Map.Entry<String, String> l : ev.labels().entrySet()) {
                key(i, "labels", l.getKey());
                if (l.getValue().length() > MAX_LABEL_CHARS) {
                    throw new Invalid(RejectReason.TOO_LARGE, "events[" + i + "].labels." + l.getKey() + " is "
                            + l.getValue().length() + " characters, limit " + MAX_LABEL_CHARS);
                }
            }
            if (!ev.window().isEmpty()) samples("events[" + i + "].window", ev.window());
        }

        private void key(int event, String map, String key) {
            if (key.isEmpty() || key.length() > MAX_KEY_CHARS) {
                throw new Invalid(RejectReason.MALFORMED, "events[" + event + "]." + map + " key '" + abbreviate(key)
                        + "' must be 1-" + MAX_KEY_CHARS + " characters");
            }
        }

        private void samples(String array, List<Sample> samples) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                if (s.deviceType() != e.deviceType()) {
                    throw new Invalid(RejectReason.MALFORMED, array + "[" + i + "] is a " + s.deviceType().wireName()
                            + " sample but the envelope type is " + e.deviceType().wireName());
                }
                time(array, i, ".t", s.time());
                if (s instanceof VehicleSample v) {
                    vehicle(array, i, v);
                } else if (s instanceof WearableSample w) {
                    wearable(array, i, w);
                } else if (s instanceof FarmSample f) {
                    farm(array, i, f);
                }
            }
        }

        private void vehicle(String a, int i, VehicleSample v) {
            GnssFix p = v.position();
            if (p != null) {
                range(a, i, "lat", p.latitudeDeg(), -90, 90);
                range(a, i, "lon", p.longitudeDeg(), -180, 180);
                range(a, i, "altM", p.altitudeM(), MIN_ALTITUDE_M, MAX_ALTITUDE_M);
                range(a, i, "hdop", p.hdop(), 0, MAX_HDOP);
                if (p.satellites() != null) range(a, i, "sats", p.satellites().intValue(), 0, MAX_SATELLITES);
            }
            range(a, i, "speedMps", v.speedMps(), 0, MAX_SPEED_MPS);
            range(a, i, "headingDeg", v.headingDeg(), 0, 360);
            Acceleration acc = v.acceleration();
            if (acc != null) {
                finite(a, i, "axMps2", acc.xMps2());
                finite(a, i, "ayMps2", acc.yMps2());
                finite(a, i, "azMps2", acc.zMps2());
                double m = acc.magnitudeMps2();
                if (m > MAX_ACCELERATION_MPS2) {
                    throw new Invalid(RejectReason.OUT_OF_RANGE, a + "[" + i + "] acceleration magnitude " + m
                            + " m/s² (" + acc.xMps2() + ", " + acc.yMps2() + ", " + acc.zMps2() + ") exceeds 50 g = "
                            + MAX_ACCELERATION_MPS2);
                }
            }
            range(a, i, "odometerKm", v.odometerKm(), 0, MAX_ODOMETER_KM);
        }

        private void wearable(String a, int i, WearableSample w) {
            if (w.heartRateBpm() != null) range(a, i, "heartRateBpm", w.heartRateBpm().intValue(), MIN_HEART_RATE_BPM, MAX_HEART_RATE_BPM);
            if (w.steps() != null) range(a, i, "steps", w.steps().intValue(), 0, MAX_STEPS_PER_SAMPLE);
            range(a, i, "spo2Percent", w.spo2Percent(), MIN_SPO2_PERCENT, MAX_SPO2_PERCENT);
        }

        private void farm(String a, int i, FarmSample f) {
            range(a, i, "soilMoistureVwc", f.soilMoistureVwc(), 0, 1);
            range(a, i, "soilTemperatureC", f.soilTemperatureC(), MIN_TEMPERATURE_C, MAX_TEMPERATURE_C);
            range(a, i, "airTemperatureC", f.airTemperatureC(), MIN_TEMPERATURE_C, MAX_TEMPERATURE_C);
            range(a, i, "relativeHumidityPercent", f.relativeHumidityPercent(), 0, 100);
            range(a, i, "rainfallMm", f.rainfallMm(), 0, MAX_RAINFALL_MM);
            range(a, i, "leafWetnessPercent", f.leafWetnessPercent(), 0, 100);
        }

        private void finite(String a, int i, String field, double v) {
            if (!Double.isFinite(v)) {
                throw new Invalid(RejectReason.NOT_A_NUMBER, a + "[" + i + "]." + field + "=" + v);
            }
        }

        private void range(String a, int i, String field, Double v, double min, double max) {
            if (v == null) return;
            double d = v;
            finite(a, i, field, d);
            if (d < min || d > max) {
                throw new Invalid(RejectReason.OUT_OF_RANGE, a + "[" + i + "]." + field + "=" + d + " is outside "
                        + fmt(min) + ".." + fmt(max));
            }
        }

        private void range(String a, int i, String field, int v, int min, int max) {
            if (v < min || v > max) {
                throw new Invalid(RejectReason.OUT_OF_RANGE, a + "[" + i + "]." + field + "=" + v + " is outside "
                        + min + ".." + max);
            }
        }

        /** Checks a time; {@code index} -1 means a top-level field named {@code array}. */
        private void time(String array, int index, String suffix, Instant t) {
            if (t.isAfter(latest)) {
                throw new Invalid(RejectReason.FUTURE_TIMESTAMP, path(array, index, suffix) + "=" + t
                        + " is more than " + limits.maxFutureSkew() + " ahead of the receiver's clock (" + latest.minus(limits.maxFutureSkew()) + ")");
            }
            if (t.isBefore(earliest)) {
                throw new Invalid(RejectReason.BEFORE_DEVICE_EXISTED, path(array, index, suffix) + "=" + t + " is before "
                        + (registered != null && earliest.isAfter(limits.earliestPlausible())
                        ? "the device was registered (" + registered + ", less " + limits.maxFutureSkew() + " of clock skew)"
                        : "the earliest plausible time " + earliest));
            }
        }

        private String path(String array, int index, String suffix) {
            return index < 0 ? array : array + "[" + index + "]" + suffix;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
