package io.telerisk.model.codec;

import io.telerisk.model.Envelope;
import io.telerisk.model.testdata.RandomEnvelopes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
        for (int i = 0; i < 2000; i++) {
            Envelope e = gen.next();
            int index = i;
            byte[] bytes = codec.encode(e);
            Decoded d = codec.decode(bytes);
            Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class, d, () -> "envelope " + index + ": " + d + "\n" + e);
            assertEquals(e, ok.envelope(), "envelope " + i);
        }
    }
}
