package io.telerisk.agent.queue;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Decides which queued message to publish next.
 * <ul>
 *   <li><b>Live</b> messages (enqueued during the current connection) go out as they come, crash records first.</li>
 *   <li><b>Backlog</b> (everything older: what piled up offline, or was in flight when the link dropped) is
 *       replayed at a bounded rate ({@link TokenBucket}, messages/s), interleaved with live traffic: when a token
 *       is available a backlog message goes, otherwise live ones do. So a fleet reconnecting after an outage
 *       neither trips the broker's rate limits nor starves live data.</li>
 *   <li>Backlog order: crash records, then events, then summaries, each <b>newest first</b> (the most recent
 *       state matters most to the hub); then raw telemetry oldest first (it frees the oldest segments, which the
 *       disk bound would drop next).</li>
 *   <li>At most {@code maxInflight} messages await their PUBACK at once.</li>
 * </ul>
 * Thread-safe (synchronised).
 */
public final class ReplayScheduler {
    private static final Priority[] BACKLOG_CLASSES = {Priority.CRASH, Priority.EVENT, Priority.SUMMARY};

    private record Live(long seq, Priority priority) {
    }

    private final DurableQueue queue;
    private final TokenBucket backlogRate;
    private final int maxInflight;
    private final Set<Long> inflight = new HashSet<>();
    private final PriorityQueue<Live> live = new PriorityQueue<>(
            Comparator.comparing(Live::priority).reversed().thenComparingLong(Live::seq));
    private long boundary;
    private long backlogSent;
    private long liveSent;

    /**
     * @param queue       the queue to schedule
     * @param backlogRate bounds the backlog replay rate
     * @param maxInflight messages awaiting PUBACK at most
     */
    public ReplayScheduler(DurableQueue queue, TokenBucket backlogRate, int maxInflight) {
        if (maxInflight < 1) throw new IllegalArgumentException("maxInflight must be at least 1");
        this.queue = queue;
        this.backlogRate = backlogRate;
        this.maxInflight = maxInflight;
        startSession();
    }

    /** Call on every (re)connect: everything pending becomes backlog, nothing is in flight. */
    public synchronized void startSession() {
        boundary = queue.nextSequence();
        inflight.clear();
        live.clear();
    }

    /** Call after a message was appended during this session. */
    public synchronized void onAppended(long seq, Priority priority) {
        if (seq >= boundary) live.add(new Live(seq, priority));
    }

    /** The next sequence to publish (now marked in flight), or empty when nothing may go now. */
    public synchronized OptionalLong next() {
        if (inflight.size() >= maxInflight) return OptionalLong.empty();
        OptionalLong backlog = nextBacklog();
        if (backlog.isPresent() && backlogRate.tryAcquire()) {
            backlogSent++;
            inflight.add(backlog.getAsLong());
            return backlog;
        }
        while (!live.isEmpty()) {
            Live l = live.poll();
            if (!queue.isPending(l.seq())) continue; // dropped by the disk bound meanwhile
            liveSent++;
            inflight.add(l.seq());
            return OptionalLong.of(l.seq());
        }
        return OptionalLong.empty();
    }

    private OptionalLong nextBacklog() {
        for (Priority p : BACKLOG_CLASSES) {
            NavigableSet<Long> s = queue.pendingProtectedBelow(p, boundary);
            for (Long seq : s) if (!inflight.contains(seq)) return OptionalLong.of(seq);
        }
        List<Long> raw = queue.oldestPendingRaw(boundary, 1, inflight);
        return raw.isEmpty() ? OptionalLong.empty() : OptionalLong.of(raw.get(0));
    }

    /** Nanoseconds until a backlog message could go (0 when one can go now or there is none). */
    public synchronized long nanosUntilBacklogToken() {
        return nextBacklog().isPresent() ? backlogRate.nanosUntilToken() : 0;
    }

    /** The broker acknowledged {@code seq}: it leaves the queue. */
    public synchronized void onAcked(long seq) throws java.io.IOException {
        inflight.remove(seq);
        queue.ack(seq);
    }

    /** Publishing {@code seq} failed: it stays queued and is scheduled again (as live if it was live). */
    public synchronized void onFailed(long seq, Priority priority) {
        if (inflight.remove(seq) && seq >= boundary) live.add(new Live(seq, priority));
    }

    /** Messages awaiting PUBACK. */
    public synchronized int inflight() {
        return inflight.size();
    }

    /** Backlog messages handed out since creation. */
    public synchronized long backlogSent() {
        return backlogSent;
    }

    /** Live messages handed out since creation. */
    public synchronized long liveSent() {
        return liveSent;
    }
}
