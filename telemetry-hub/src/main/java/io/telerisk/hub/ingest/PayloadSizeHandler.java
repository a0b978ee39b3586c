package io.telerisk.hub.ingest;

import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;

/** Rejects payloads above the configured size before any parsing. */
final class PayloadSizeHandler implements IngestHandler {
    private final int maxBytes;

    PayloadSizeHandler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Decoded.Rejected handle(Pending p) {
        int n = p.message.payload().length;
        if (n > maxBytes) return new Decoded.Rejected(RejectReason.TOO_LARGE, "payload of " + n + " bytes exceeds the limit of " + maxBytes);
        if (n == 0) return new Decoded.Rejected(RejectReason.MALFORMED, "empty payload");
        return null;
    }
}
