package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceStatus;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;

/** Parses a status-channel message (JSON or the bare word online/offline) with the model's {@link DeviceStatus}. */
final class StatusHandler implements IngestHandler {
    @Override
    public Decoded.Rejected handle(Pending p) {
        try {
            p.status = DeviceStatus.parse(p.message.payload(), p.receivedAt);
            return null;
        } catch (IllegalArgumentException e) {
            return new Decoded.Rejected(RejectReason.MALFORMED, "status: " + e.getMessage());
        }
    }
}
