package io.telerisk.sim.fleet;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.Rng;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.faults.MalformedFactory;
import io.telerisk.sim.faults.MalformedKind;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.sim.truth.TruthSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One device's outgoing message stream: pulls batches from its simulator, numbers and encodes envelopes, and
 * injects faults (seeded, on a stream of their own) recording each in the ground truth. The order of actions is a
 * pure function of the seeds, whatever the publishing pace. Not thread-safe.
 */
public final class DeviceStream {
    private static final class Held {
        final DeviceAction.Publish msg;
        final int depth;
        int remaining;

        Held(DeviceAction.Publish msg, int depth) {
            this.msg = msg;
            this.depth = depth;
            this.remaining = depth;
        }
    }

    private final DeviceSimulator sim;
    private final EnvelopeCodec codec;
    private final FaultConfig faults;
    private final Rng faultRng;
    private final TruthSink truth;
    private final DeviceKey key;
    private final String telemetryTopic;
    private final String eventsTopic;
    private final ArrayDeque<DeviceAction> out = new ArrayDeque<>();
    private final List<Held> held = new ArrayList<>();
    private long sequence;
    private boolean exhausted;

    private long validEnvelopes;
    private long validPoints;
    private long validEvents;
    private long duplicates;
    private long malformed;
    private long reordered;
    private long offlineGaps;

    public DeviceStream(DeviceSimulator sim, EnvelopeCodec codec, FaultConfig faults, long faultSeed, TruthSink truth) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.faultRng = new Rng(faultSeed);
        this.truth = Objects.requireNonNull(truth, "truth");
        this.key = sim.key();
        this.telemetryTopic = Topic.of(key, Channel.TELEMETRY).render();
        this.eventsTopic = Topic.of(key, Channel.EVENTS).render();
    }

    public DeviceKey key() {
        return key;
    }

    /** Looks at the next action without taking it; null when the stream is over. */
    public DeviceAction peek() {
        fill();
        return out.peekFirst();
    }

    /** Takes the next action; null when the stream is over. */
    public DeviceAction next() {
        fill();
        return out.pollFirst();
    }

    private void fill() {
        while (out.isEmpty() && !exhausted) {
            Batch b = sim.next();
            if (b == null) {
                exhausted = true;
                for (Held h : held) release(h, h.msg);
                held.clear();
                return;
            }
            if (!b.samples().isEmpty()) {
                offer(Channel.TELEMETRY, Envelope.telemetry(key.tenant(), key.deviceId(), key.type(), 0, b.readyAt(), b.samples()), b.readyAt());
            }
            if (!b.events().isEmpty()) {
                offer(Channel.EVENTS, Envelope.events(key.tenant(), key.deviceId(), key.type(), 0, b.readyAt(), b.events()), b.readyAt());
            }
        }
    }

    private void offer(Channel channel, Envelope unnumbered, Instant readyAt) {
        // always draw the same number of values, so one fault's rate never shifts another's decisions
        double uOffline = faultRng.uniform();
        double uMalformed = faultRng.uniform();
        double uReorder = faultRng.uniform();
        double uDuplicate = faultRng.uniform();
        double uGap = faultRng.uniform();
        int kindIndex = faultRng.uniformInt(0, MalformedKind.values().length - 1);
        int depth = faultRng.uniformInt(1, faults.maxReorderDepth());

        if (uOffline < faults.offline()) {
            long min = faults.minOffline().toMillis();
            long max = faults.maxOffline().toMillis();
            Instant until = readyAt.plusMillis(min + Math.round(uGap * (max - min)));
            out.addLast(new DeviceAction.GoOffline(key, readyAt, until));
            offlineGaps++;
            truth.record(TruthRecord.of("offline_gap", key).time("from", readyAt).time("until", until)
                    .num("durationS", Duration.between(readyAt, until).toMillis() / 1000.0, 3));
        }
        if (uMalformed < faults.malformed() && channel == Channel.TELEMETRY) {
            long seq = ++sequence;
            Envelope template = renumber(unnumbered, seq);
            MalformedFactory.Bad bad = MalformedFactory.build(MalformedKind.values()[kindIndex], template, codec, faultRng);
            out.addLast(new DeviceAction.Publish(key, channel, telemetryTopic, seq, bad.payload(), readyAt,
                    DeviceAction.Kind.MALFORMED, 0, 0, bad.kind().expectedRejection()));
            malformed++;
            truth.record(TruthRecord.of("fault", key).put("fault", "malformed").put("kind", bad.kind().wireName())
                    .put("sequence", seq).put("channel", channel.wireName()).time("time", readyAt)
                    .put("expect", "reject").put("reason", bad.kind().expectedRejection().name()));
        }
        long seq = ++sequence;
        Envelope e = renumber(unnumbered, seq);
        byte[] payload = codec.encode(e);
        int points = channel == Channel.TELEMETRY ? e.samples().size() : 0;
        int events = e.events().size();
        DeviceAction.Publish p = new DeviceAction.Publish(key, channel, channel == Channel.TELEMETRY ? telemetryTopic : eventsTopic,
                seq, payload, readyAt, DeviceAction.Kind.VALID, points, events, null);
        validEnvelopes++;
        validPoints += points;
        validEvents += events;
        boolean hold = uReorder < faults.reorder();
        if (!hold) {
            out.addLast(p);
            if (uDuplicate < faults.duplicate()) {
                out.addLast(p.asDuplicate());
                duplicates++;
                truth.record(TruthRecord.of("fault", key).put("fault", "duplicate").put("sequence", seq)
                        .put("channel", channel.wireName()).time("time", readyAt).put("expect", "store_once"));
            }
            releaseHeld(readyAt);
        } else {
            held.add(new Held(p, depth));
        }
    }

    private void releaseHeld(Instant now) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (--h.remaining <= 0) {
                release(h, h.msg.readyNoEarlierThan(now));
                it.remove();
            }
        }
    }

    /** Sends a held envelope; it counts as reordered if anything overtook it (at the very end, maybe nothing did). */
    private void release(Held h, DeviceAction.Publish msg) {
        out.addLast(msg);
        int overtaken = h.depth - h.remaining;
        if (overtaken > 0) {
            reordered++;
            truth.record(TruthRecord.of("fault", key).put("fault", "reorder").put("sequence", h.msg.sequence())
                    .put("channel", h.msg.channel().wireName()).time("time", h.msg.readyAt())
                    .put("overtakenBy", overtaken).put("expect", "store"));
        }
    }

    private static Envelope renumber(Envelope e, long seq) {
        return new Envelope(e.schemaVersion(), e.tenant(), e.deviceId(), e.deviceType(), seq, e.sentAt(), e.samples(), e.events());
    }

    /** Sequence numbers used so far (valid and malformed). */
    public long lastSequence() {
        return sequence;
    }

    public long validEnvelopes() {
        return validEnvelopes;
    }

    public long validPoints() {
        return validPoints;
    }

    public long validEvents() {
        return validEvents;
    }

    public long duplicates() {
        return duplicates;
    }

    public long malformed() {
        return malformed;
    }

    public long reordered() {
        return reordered;
    }

    public long offlineGaps() {
        return offlineGaps;
    }

    /** Whether every action has been taken. */
    public boolean isExhausted() {
        return exhausted && out.isEmpty() && held.isEmpty();
    }
}
