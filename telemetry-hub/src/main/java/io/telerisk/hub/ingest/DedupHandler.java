package io.telerisk.hub.ingest;

import io.telerisk.model.codec.Decoded;

/**
 * Marks an envelope whose (device, sequence) this hub has already accepted as a duplicate: it is acknowledged
 * and counted but not stored again.
 */
final class DedupHandler implements IngestHandler {
    private final Deduplicator dedup;

    DedupHandler(Deduplicator dedup) {
        this.dedup = dedup;
    }

    @Override
    public Decoded.Rejected handle(Pending p) {
        p.duplicate = !dedup.firstTime(p.envelope.key(), p.envelope.sequence());
        return null;
    }
}
