package io.telerisk.hub.ingest;

import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.topic.Channel;

import java.time.Clock;
import java.util.List;

/**
 * The ingest chain, composed in this one place:
 * <pre>
 *   size limit → topic ACL → [{@code $share} path: device rate] → [status channel: parse → {@link DeviceStatusListener}s, not stored] → decode by content type → envelope identity
 *   → validate → dedup (device, sequence) → {@link BatchWriter}: store batched | spool, dead letters, ack,
 *   → {@link AcceptedListener}s
 * </pre>
 * Every handler runs on the caller's thread (the connection's event loop or the broker client's thread): no
 * per-message thread hop, no blocking. Thread-safe: sources call it concurrently; only dedup and the enqueue into
 * the open batch are serialised (together, so a duplicate never overtakes its original). A rejection at any step
 * becomes a dead letter with its reason (of a flood over the device rate, one a second: see {@link ShareRateHandler}),
 * is counted, and is acknowledged with the batch; ingestion goes on.
 */
public final class IngestPipeline {
    private final List<IngestHandler> beforeDecode;
    /** The same, plus the device's rate: for messages of the external broker's shared subscription. */
    private final List<IngestHandler> beforeDecodeShared;
    private final ShareRateHandler shareRate;
    private final List<IngestHandler> afterDecode;
    private final IngestHandler status = new StatusHandler();
    private final IngestHandler dedup;
    /** Held across dedup and enqueue; see {@link #accept}. */
    private final Object dedupOrder = new Object();
    private final IngestStats stats;
    private final IngestLanes writer;
    private final Clock clock;

    IngestPipeline(IngestConfig cfg, CodecRegistry codecs, DeviceRegistry registry, EnvelopeCheck check,
                   Deduplicator dedup, IngestStats stats, IngestLanes writer, Clock clock) {
        this.beforeDecode = List.of(new PayloadSizeHandler(cfg.maxMessageBytes()), new TopicAclHandler());
        this.shareRate = new ShareRateHandler(cfg.limits(), System::nanoTime);
        this.beforeDecodeShared = List.of(beforeDecode.get(0), beforeDecode.get(1), shareRate);
        this.afterDecode = List.of(new DecodeHandler(codecs), new EnvelopeIdentityHandler(registry),
                new ValidationHandler(check));
        this.dedup = new DedupHandler(dedup);
        this.stats = stats;
        this.writer = writer;
        this.clock = clock;
    }

    /** Takes one message; its acknowledgement follows once it is durable (or dead-lettered, or a duplicate). */
    public void accept(InboundMessage message) {
        accept(message, beforeDecode);
    }

    /**
     * Takes one message the external broker relayed on this hub's live shared subscription: like {@link #accept},
     * after the device's rate ({@link ShareRateHandler}). The backlog of a departed hub's session goes to
     * {@link #accept}: it arrives all at once however slowly the devices published it.
     */
    public void acceptShared(InboundMessage message) {
        accept(message, beforeDecodeShared);
    }

    /** The device rate of the {@code $share} path, whose live-hub count the hub keeps current. */
    ShareRateHandler shareRate() {
        return shareRate;
    }

    private void accept(InboundMessage message, List<IngestHandler> checks) {
        stats.received();
        Pending p = new Pending(message, clock.instant());
        Decoded.Rejected r = run(checks, p);
        IngestStats tenant = p.topic == null ? null : stats.ofTenant(p.topic.tenant());
        if (r == null && p.topic.channel() == Channel.STATUS) {
            r = status.handle(p); // presence (online, last-will offline): no telemetry, told to listeners, not stored
        } else if (r == null) {
            r = run(afterDecode, p);
        }
        if (r != null) {
            p.rejection = r;
            p.deadLetter = p.deadLetterNotKept ? null : DeadLetter.of(p.receivedAt, r.reason(), r.detail(), message.topic(),
                    message.source(), message.contentType(), message.payload());
            stats.rejected(r.reason());
            if (tenant != null) tenant.rejected(r.reason());
            writer.submit(p);
            return;
        }
        if (p.envelope == null) { // status: nothing to dedup
            writer.submit(p);
            return;
        }
        // Sources call this concurrently (several broker connections, event loops). Dedup and enqueue are one
        // step so that a redelivered copy handled on another thread can never be enqueued, and so acknowledged,
        // in an earlier batch than its original: the original's batch is always durable first.
        synchronized (dedupOrder) {
            dedup.handle(p);
            if (p.duplicate) {
                stats.duplicate();
                if (tenant != null) tenant.duplicate();
            }
            writer.submit(p);
        }
    }

    /**
     * The hub itself saw a device's MQTT connection start or end (built-in endpoint): the status listeners are told
     * online or offline exactly as if the device had published it on its status channel, in arrival order behind
     * the messages that came over the connection, so an offline is never overtaken by the connection's last data.
     * Needed because a clean DISCONNECT publishes no last will, and a device may not say goodbye itself. Not a
     * received message: nothing is counted, stored or acknowledged.
     */
    public void presence(io.telerisk.model.DeviceKey device, boolean online, java.time.Instant registeredAt, String source,
                         io.telerisk.hub.registry.DeviceSession session) {
        io.telerisk.model.topic.Topic topic = io.telerisk.model.topic.Topic.of(device, Channel.STATUS);
        Pending p = new Pending(new InboundMessage(topic.render(), null, new byte[0], device, registeredAt, source, null, 0, session),
                clock.instant());
        p.topic = topic;
        p.status = online ? io.telerisk.model.DeviceStatus.online(p.receivedAt) : io.telerisk.model.DeviceStatus.offline(p.receivedAt);
        writer.submit(p);
    }

    private static Decoded.Rejected run(List<IngestHandler> handlers, Pending p) {
        for (IngestHandler h : handlers) {
            Decoded.Rejected r = h.handle(p);
            if (r != null) return r;
        }
        return null;
    }
}
