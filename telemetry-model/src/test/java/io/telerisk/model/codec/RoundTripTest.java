package io.telerisk.model.codec;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.testdata.RandomEnvelopes;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-style: thousands of seeded random envelopes must come back equal from each codec. */
class RoundTripTest {
    @Test
    void jsonRoundTripsTwoThousandRandomEnvelopes() {
        roundTrips(Codecs.json(), 11);
    }

    @Test
    void protobufRoundTripsTwoThousandRandomEnvelopes() {
        roundTrips(Codecs.protobuf(), 12);
    }

    private static void roundTrips(EnvelopeCodec codec, long seed) {
        RandomEnvelopes gen = new RandomEnvelopes(seed);
        Map<DeviceType, Integer> samplesByType = new EnumMap<>(DeviceType.class);
        int eventsWithWindows = 0, partialVehicleSamples = 0, emptyEnvelopes = 0;
        for (int i = 0; i < 2000; i++) {
            Envelope e = gen.next();
            byte[] bytes = codec.encode(e);
            Decoded d = codec.decode(bytes);
            int index = i;
            Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class, d, () -> "envelope " + index + ": " + d + "\n" + e);
            assertEquals(e, ok.envelope(), "envelope " + i);
            samplesByType.merge(e.deviceType(), e.samples().size(), Integer::sum);
            for (DeviceEvent ev : e.events()) if (!ev.window().isEmpty()) eventsWithWindows++;
            for (Sample s : e.samples()) {
                if (s instanceof VehicleSample v && (v.position() == null || v.acceleration() == null)) partialVehicleSamples++;
            }
            if (e.samples().isEmpty() && e.events().isEmpty()) emptyEnvelopes++;
        }
        // the generator must really exercise what the property claims
        for (DeviceType t : DeviceType.values()) {
            assertTrue(samplesByType.getOrDefault(t, 0) > 10_000, t + " samples: " + samplesByType.get(t));
        }
        assertTrue(eventsWithWindows > 100, "events with windows: " + eventsWithWindows);
        assertTrue(partialVehicleSamples > 1000, "vehicle samples with absent readings: " + partialVehicleSamples);
        assertTrue(emptyEnvelopes > 10, "empty envelopes: " + emptyEnvelopes);
    }
}
