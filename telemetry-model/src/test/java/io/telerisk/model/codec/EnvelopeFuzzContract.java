package io.telerisk.model.codec;

import io.telerisk.model.validation.EnvelopeValidator;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What every envelope codec promises a fuzzer (docs/security.md "Fuzzing"): whatever bytes a device publishes,
 * {@link EnvelopeCodec#decode} answers {@link Decoded.Ok} or {@link Decoded.Rejected} and never throws; an accepted
 * envelope survives validation without throwing, and one the validator also accepts encodes and decodes back to itself.
 */
final class EnvelopeFuzzContract {
    private static final EnvelopeValidator VALIDATOR = new EnvelopeValidator();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private EnvelopeFuzzContract() {
    }

    static void check(EnvelopeCodec codec, byte[] payload) {
        Decoded decoded = codec.decode(payload);
        assertNotNull(decoded, "decode answered null");
        if (!(decoded instanceof Decoded.Ok ok)) return;
        Decoded validated = VALIDATOR.validate(decoded, NOW, null);
        assertNotNull(validated, "validate answered null");
        if (!(validated instanceof Decoded.Ok)) return;
        Decoded again = codec.decode(codec.encode(ok.envelope()));
        assertEquals(decoded, again, "an accepted envelope must survive encode and decode unchanged");
    }
}
