package io.telerisk.sim.publish;

import io.telerisk.model.DeviceKey;
import io.telerisk.sim.fleet.DeviceAction;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.truth.TruthRecord;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One device's connection and send loop. Lives on its shard's event loop; every method runs there.
 * QoS 1 with at most {@code maxInflight} unacknowledged messages; whatever is unacknowledged when the connection
 * drops is resent (same bytes, same sequence) after reconnecting, so nothing generated is lost.
 */
final class DevicePublisher {
    enum State { IDLE, CONNECTING, CONNECTED, GOING_OFFLINE, OFFLINE, BACKOFF, DONE, STOPPED }

    private final DeviceStream stream;
    private final DeviceKey key;
    private final String username;
    private final String password;
    private final String host;
    private final int port;
    private final Counters counters;
    private final PublisherOptions opts;
    private final Supplier<MqttLink> linkFactory;
    private final Shard shard;

    private State state = State.IDLE;
    private MqttLink link;
    private boolean countedConnected;
    private final ArrayDeque<DeviceAction.Publish> retry = new ArrayDeque<>();
    private final LinkedHashMap<Integer, DeviceAction.Publish> inflightById = new LinkedHashMap<>();
    private final Set<Integer> earlyAcks = new HashSet<>();
    private int inflight;
    private final BitSet ackedValid = new BitSet();
    private long ackedValidEnvelopes;
    private long ackedValidPoints;
    private long published;
    private Instant offlineUntilSim;
    private long offlineUntilWallNanos;
    private long nextConnectNanos;
    private long backoffMillis = 500;

    DevicePublisher(DeviceStream stream, String password, String host, int port, Counters counters,
                    PublisherOptions opts, Supplier<MqttLink> linkFactory, Shard shard) {
        this.stream = stream;
        this.key = stream.key();
        this.username = key.tenant() + "/" + key.deviceId();
        this.password = password;
        this.host = host;
        this.port = port;
        this.counters = counters;
        this.opts = opts;
        this.linkFactory = linkFactory;
        this.shard = shard;
    }

    State state() {
        return state;
    }

    boolean isDone() {
        return state == State.DONE;
    }

    /**
     * Does whatever is due.
     *
     * @return false when the shared token bucket ran dry (the shard stops this tick)
     */
    boolean pump(Instant simNow, long wallNanos, TokenBucket bucket, boolean countPoints) {
        switch (state) {
            case IDLE, BACKOFF -> {
                if (wallNanos >= nextConnectNanos && shard.tryAcquireConnectSlot()) connect();
            }
            case OFFLINE -> {
                if (!simNow.isBefore(offlineUntilSim) && wallNanos >= offlineUntilWallNanos && shard.tryAcquireConnectSlot()) connect();
            }
            case CONNECTED -> {
                return sendDue(simNow, wallNanos, bucket, countPoints);
            }
            default -> { }
        }
        return true;
    }

    private boolean sendDue(Instant simNow, long wallNanos, TokenBucket bucket, boolean countPoints) {
        while (state == State.CONNECTED && inflight < opts.maxInflightPerDevice()) {
            boolean fromRetry = !retry.isEmpty();
            DeviceAction a = fromRetry ? retry.peekFirst() : stream.peek();
            if (a == null) {
                if (inflight == 0) finish();
                return true;
            }
            if (!fromRetry && a.readyAt().isAfter(simNow)) return true;
            if (a instanceof DeviceAction.GoOffline g) {
                if (inflight > 0) return true; // flush first, so the gap starts with nothing pending
                stream.next();
                goOffline(g, wallNanos);
                return true;
            }
            DeviceAction.Publish p = (DeviceAction.Publish) a;
            if (bucket != null && !bucket.tryTake(countPoints ? Math.max(1, p.points() + p.events()) : 1)) return false;
            if (fromRetry) retry.pollFirst();
            else stream.next();
            send(p, fromRetry);
        }
        return true;
    }

    private void send(DeviceAction.Publish p, boolean resend) {
        inflight++;
        counters.inFlight.increment();
        counters.published.increment();
        counters.bytes.add(p.payload().length);
        published++;
        if (resend) {
            counters.resent.increment();
        } else if (p.kind() == DeviceAction.Kind.DUPLICATE) {
            counters.duplicatesSent.increment();
        } else if (p.kind() == DeviceAction.Kind.MALFORMED) {
            counters.malformedSent.increment();
        }
        MqttLink l = link;
        Future<Integer> f;
        try {
            f = l.publish(p.topic(), p.payload());
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(ar -> {
            if (ar.succeeded() && (link != l || state != State.CONNECTED)) {
                inflight--;
                counters.inFlight.decrement();
                retry.addFirst(p);
            } else if (ar.succeeded()) {
                int id = ar.result();
                if (earlyAcks.remove(id)) acked(p);
                else inflightById.put(id, p);
            } else {
                inflight--;
                counters.inFlight.decrement();
                counters.failed.increment();
                retry.addFirst(p);
            }
        });
    }

    private void onAck(MqttLink from, int id) {
        if (from != link) return;
        DeviceAction.Publish p = inflightById.remove(id);
        if (p == null) {
            earlyAcks.add(id);
            return;
        }
        acked(p);
    }

    private void acked(DeviceAction.Publish p) {
        inflight--;
        counters.inFlight.decrement();
        counters.acked.increment();
        if (p.kind() == DeviceAction.Kind.VALID && p.sequence() <= Integer.MAX_VALUE && !ackedValid.get((int) p.sequence())) {
            ackedValid.set((int) p.sequence());
            ackedValidEnvelopes++;
            ackedValidPoints += p.points();
            counters.validAcked.increment();
            counters.validPointsAcked.add(p.points());
        }
    }

    private void onAckTimeout(MqttLink from, int id) {
        if (from != link) return;
        DeviceAction.Publish p = inflightById.remove(id);
        if (p == null) return;
        inflight--;
        counters.inFlight.decrement();
        counters.failed.increment();
        retry.addFirst(p);
    }

    /** The broker refused the message (MQTT 5 reason code): counted failed, not resent (it would be refused again). */
    private void onRefused(MqttLink from, int id) {
        if (from != link) return;
        DeviceAction.Publish p = inflightById.remove(id);
        if (p == null) return;
        inflight--;
        counters.inFlight.decrement();
        counters.failed.increment();
        counters.refused.increment();
    }

    private void connect() {
        state = State.CONNECTING;
        counters.connectAttempts.increment();
        MqttLink l = linkFactory.get();
        link = l;
        l.onAck(id -> onAck(l, id));
        l.onAckTimeout(id -> onAckTimeout(l, id));
        l.onRefused(id -> onRefused(l, id));
        l.onClose(() -> onClose(l));
        l.connect(host, port, username, username, password).onComplete(ar -> {
            shard.releaseConnectSlot();
            if (link != l) return;
            if (ar.succeeded()) {
                if (state == State.STOPPED) {
                    l.disconnect();
                    return;
                }
                state = State.CONNECTED;
                countedConnected = true;
                counters.connected.incrementAndGet();
                backoffMillis = 500;
            } else {
                counters.connectFailures.increment();
                if (state == State.STOPPED) return;
                state = State.BACKOFF;
                nextConnectNanos = System.nanoTime() + backoffMillis * 1_000_000L;
                backoffMillis = Math.min(30_000, backoffMillis * 2);
            }
        });
    }

    private void onClose(MqttLink from) {
        if (from != link) return;
        if (countedConnected) {
            countedConnected = false;
            counters.connected.decrementAndGet();
        }
        // whatever was not acknowledged goes out again, in its original order
        if (!inflightById.isEmpty()) {
            DeviceAction.Publish[] pending = inflightById.values().toArray(new DeviceAction.Publish[0]);
            for (int i = pending.length - 1; i >= 0; i--) retry.addFirst(pending[i]);
            counters.inFlight.add(-inflightById.size());
            inflight -= inflightById.size();
            inflightById.clear();
        }
        // publishes still being written when the socket closed complete later and requeue themselves (see send)
        earlyAcks.clear();
        switch (state) {
            case GOING_OFFLINE -> state = State.OFFLINE;
            case CONNECTED, CONNECTING -> {
                state = State.BACKOFF;
                nextConnectNanos = System.nanoTime() + backoffMillis * 1_000_000L;
                backoffMillis = Math.min(30_000, backoffMillis * 2);
            }
            default -> { }
        }
    }

    private void goOffline(DeviceAction.GoOffline g, long wallNanos) {
        counters.offlineGaps.increment();
        state = State.GOING_OFFLINE;
        offlineUntilSim = g.until();
        offlineUntilWallNanos = wallNanos + opts.minOfflineWall().toNanos();
        MqttLink l = link;
        l.disconnect().onComplete(ar -> {
            if (link == l && state == State.GOING_OFFLINE) onClose(l);
        });
    }

    private void finish() {
        state = State.DONE;
        counters.finished.incrementAndGet();
        MqttLink l = link;
        if (l != null) l.disconnect();
    }

    /** Stops: disconnects; the stream stays where it was. */
    Future<Void> stop() {
        boolean wasDone = state == State.DONE;
        state = wasDone ? State.DONE : State.STOPPED;
        MqttLink l = link;
        if (l == null) return Future.succeededFuture();
        return l.disconnect().otherwiseEmpty();
    }

    /** The ground-truth summary of this device: what was generated and what the broker acknowledged. */
    TruthRecord summary() {
        return TruthRecord.of("device_summary", key)
                .put("validEnvelopes", stream.validEnvelopes()).put("validPoints", stream.validPoints())
                .put("validEvents", stream.validEvents()).put("duplicates", stream.duplicates())
                .put("malformed", stream.malformed()).put("reordered", stream.reordered())
                .put("offlineGaps", stream.offlineGaps()).put("lastSequence", stream.lastSequence())
                .put("messagesPublished", published).put("ackedValidEnvelopes", ackedValidEnvelopes)
                .put("ackedValidPoints", ackedValidPoints).put("complete", state == State.DONE && stream.isExhausted());
    }

    long ackedValidEnvelopes() {
        return ackedValidEnvelopes;
    }
}
