package io.telerisk.model.codec;

import io.telerisk.model.testdata.RandomEnvelopes;
import io.telerisk.model.validation.Limits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest {
    @Test
    void missingOrEmptyContentTypeMeansJson() {
        assertSame(Codecs.json(), Codecs.forContentType(null).orElseThrow());
        assertSame(Codecs.json(), Codecs.forContentType("").orElseThrow());
        assertSame(Codecs.json(), Codecs.forContentType("  ").orElseThrow());
    }

    @Test
    void matchesContentTypesIgnoringCaseAndParameters() {
        assertSame(Codecs.json(), Codecs.forContentType("application/json").orElseThrow());
        assertSame(Codecs.json(), Codecs.forContentType("Application/JSON; charset=utf-8").orElseThrow());
        assertSame(Codecs.protobuf(), Codecs.forContentType("application/x-protobuf").orElseThrow());
        assertSame(Codecs.protobuf(), Codecs.forContentType(" application/protobuf ;proto=telerisk.telemetry.v1.Envelope").orElseThrow());
        assertEquals("application/json", Codecs.json().contentType());
        assertEquals("application/x-protobuf", Codecs.protobuf().contentType());
    }

    @Test
    void unknownContentTypeIsEmptyAndDecodeRejectsIt() {
        assertTrue(Codecs.forContentType("text/plain").isEmpty());
        assertTrue(Codecs.forContentType("application/cbor").isEmpty());
        Decoded d = Codecs.decode("application/xml", new byte[]{1});
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, d);
        assertEquals(RejectReason.UNSUPPORTED_CONTENT_TYPE, r.reason());
        assertTrue(r.detail().contains("application/xml"), r.detail());
        Decoded.Rejected longType = assertInstanceOf(Decoded.Rejected.class, Codecs.decode("x".repeat(10_000), new byte[0]));
        assertTrue(longType.detail().length() < 300, "hostile content types are abbreviated");
    }

    @Test
    void decodeDispatchesByContentType() {
        var e = RandomEnvelopes.vehicleSingle(9);
        assertEquals(e, ((Decoded.Ok) Codecs.decode(null, Codecs.json().encode(e))).envelope());
        assertEquals(e, ((Decoded.Ok) Codecs.decode("application/x-protobuf", Codecs.protobuf().encode(e))).envelope());
        // protobuf bytes declared as JSON are rejected, not misread
        assertInstanceOf(Decoded.Rejected.class, Codecs.decode("application/json", Codecs.protobuf().encode(e)));
    }

    @Test
    void sharedCodecsAreSafeAcrossThreads() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int t = 0; t < 4; t++) {
                long seed = 100 + t;
                futures.add(pool.submit(() -> {
                    RandomEnvelopes gen = new RandomEnvelopes(seed);
                    int n = 0;
                    for (int i = 0; i < 300; i++) {
                        var e = gen.next();
                        for (EnvelopeCodec c : new EnvelopeCodec[]{Codecs.json(), Codecs.protobuf()}) {
                            assertEquals(e, ((Decoded.Ok) c.decode(c.encode(e))).envelope());
                            n++;
                        }
                    }
                    return n;
                }));
            }
            for (var f : futures) assertEquals(600, f.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void limitedSetsApplyTheirLimits() {
        Codecs small = Codecs.withLimits(Limits.DEFAULT.withMaxPayloadBytes(10));
        var payload = Codecs.json().encode(RandomEnvelopes.vehicleSingle(9));
        assertEquals(RejectReason.TOO_LARGE, ((Decoded.Rejected) small.decodeAs(null, payload)).reason());
        assertEquals(RejectReason.TOO_LARGE, ((Decoded.Rejected) small.decodeAs("application/x-protobuf",
                Codecs.protobuf().encode(RandomEnvelopes.vehicleSingle(9)))).reason());
    }
}
