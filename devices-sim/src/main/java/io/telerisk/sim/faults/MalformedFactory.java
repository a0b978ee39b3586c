package io.telerisk.sim.faults;

import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.codec.JsonEnvelopeCodec;
import io.telerisk.sim.Rng;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds bad payloads from a valid envelope. When a kind cannot be expressed in the codec's encoding (NaN or wrong
 * types in protobuf), it falls back to another kind and says so: the returned kind is what was really sent.
 */
public final class MalformedFactory {
    /** A bad payload and the kind it really is. */
    public record Bad(MalformedKind kind, byte[] payload) {
    }

    /** Far enough ahead that no clock skew allowance can accept it. */
    public static final Instant FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private static final Pattern READING = Pattern.compile(
            "\"(speedMps|axMps2|heartRateBpm|spo2Percent|soilMoistureVwc|airTemperatureC|lat)\":(-?[0-9][0-9.eE+-]*)");
    private static final Pattern SEQ = Pattern.compile("\"seq\":([0-9]+)");

    private MalformedFactory() {
    }

    /**
     * @param kind     wanted kind
     * @param template a valid telemetry envelope already carrying the malformed message's own sequence number
     */
    public static Bad build(MalformedKind kind, Envelope template, EnvelopeCodec codec, Rng rng) {
        boolean json = JsonEnvelopeCodec.CONTENT_TYPE.equals(codec.contentType());
        switch (kind) {
            case GARBAGE -> {
                byte[] b = new byte[rng.uniformInt(16, 200)];
                for (int i = 0; i < b.length; i++) b[i] = (byte) rng.uniformInt(0, 255);
                b[0] = (byte) 0xFF; // not valid UTF-8, so never JSON; as protobuf an over-long tag varint
                b[1] = (byte) 0xFF;
                return new Bad(kind, b);
            }
            case TRUNCATED -> {
                byte[] full = codec.encode(template);
                byte[] half = new byte[Math.max(1, full.length / 2)];
                System.arraycopy(full, 0, half, 0, half.length);
                return new Bad(kind, half);
            }
            case WRONG_TYPE -> {
                if (!json) return build(MalformedKind.TRUNCATED, template, codec, rng);
                String s = new String(codec.encode(template), StandardCharsets.UTF_8);
                Matcher m = SEQ.matcher(s);
                if (!m.find()) return build(MalformedKind.GARBAGE, template, codec, rng);
                return new Bad(kind, m.replaceFirst("\"seq\":\"$1\"").getBytes(StandardCharsets.UTF_8));
            }
            case NAN -> {
                if (!json) return build(MalformedKind.TRUNCATED, template, codec, rng);
                String s = new String(codec.encode(template), StandardCharsets.UTF_8);
                Matcher m = READING.matcher(s);
                if (!m.find()) return build(MalformedKind.GARBAGE, template, codec, rng);
                return new Bad(kind, m.replaceFirst("\"$1\":NaN").getBytes(StandardCharsets.UTF_8));
            }
            case FUTURE_TIMESTAMP -> {
                List<Sample> samples = new ArrayList<>(template.samples());
                if (samples.isEmpty()) return build(MalformedKind.GARBAGE, template, codec, rng);
                samples.set(samples.size() - 1, withTime(samples.get(samples.size() - 1), FUTURE));
                Envelope e = new Envelope(template.schemaVersion(), template.tenant(), template.deviceId(),
                        template.deviceType(), template.sequence(), template.sentAt(), samples, List.of());
                try {
                    return new Bad(kind, codec.encode(e));
                } catch (IllegalArgumentException notEncodable) {
                    return build(MalformedKind.TRUNCATED, template, codec, rng);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /** A copy of a sample with another timestamp. */
    public static Sample withTime(Sample s, Instant t) {
        if (s instanceof VehicleSample v) {
            return new VehicleSample(t, v.position(), v.speedMps(), v.headingDeg(), v.acceleration(), v.odometerKm(), v.ignitionOn());
        }
        if (s instanceof WearableSample w) {
            return new WearableSample(t, w.heartRateBpm(), w.steps(), w.sleepStage(), w.spo2Percent());
        }
        FarmSample f = (FarmSample) s;
        return new FarmSample(t, f.soilMoistureVwc(), f.soilTemperatureC(), f.airTemperatureC(),
                f.relativeHumidityPercent(), f.rainfallMm(), f.leafWetnessPercent());
    }
}
