package io.telerisk.hub.ingest;

import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;

/** Runs the semantic validator on the decoded envelope. */
final class ValidationHandler implements IngestHandler {
    private final EnvelopeCheck check;

    ValidationHandler(EnvelopeCheck check) {
        this.check = check;
    }

    @Override
    public Decoded.Rejected handle(Pending p) {
        Decoded d;
        try {
            d = check.check(p.envelope, p.registeredAt);
        } catch (RuntimeException e) {
            d = new Decoded.Rejected(RejectReason.MALFORMED, "validator failed: " + e);
        }
        return d instanceof Decoded.Rejected r ? r : null;
    }
}
