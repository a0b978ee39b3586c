package io.telerisk.hub.ingest;

import io.telerisk.model.codec.Decoded;

/**
 * One concern of the ingest chain (decode, authorise, validate, dedup...), in the spirit of Traccar's handlers.
 * Handlers are composed in {@link IngestPipeline}; each is thread-safe and never blocks on I/O.
 */
interface IngestHandler {
    /** Inspects or enriches the message; returns null to continue, or why the message is rejected. */
    Decoded.Rejected handle(Pending p);
}
