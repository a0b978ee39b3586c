package io.telerisk.hub.ingest;

import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.codec.RejectReason;

import java.util.Optional;

/** Picks the codec by MQTT 5 content type (default when absent) and decodes the envelope. */
final class DecodeHandler implements IngestHandler {
    private final CodecRegistry codecs;

    DecodeHandler(CodecRegistry codecs) {
        this.codecs = codecs;
    }

    @Override
    public Decoded.Rejected handle(Pending p) {
        p.contentType = codecs.effective(p.message.contentType());
        Optional<EnvelopeCodec> codec = codecs.select(p.contentType);
        if (codec.isEmpty())
            return new Decoded.Rejected(RejectReason.UNSUPPORTED_CONTENT_TYPE,
                    "content type '" + p.contentType + "' is not decoded here; supported: " + codecs.contentTypes());
        Decoded d;
        try {
            d = codec.get().decode(p.message.payload());
        } catch (RuntimeException e) {
            // codecs promise not to throw; if one does, the message is still only malformed, never fatal
            d = new Decoded.Rejected(RejectReason.MALFORMED, "decoder failed: " + e);
        }
        if (d instanceof Decoded.Rejected r) return r;
        p.envelope = ((Decoded.Ok) d).envelope();
        return null;
    }
}
