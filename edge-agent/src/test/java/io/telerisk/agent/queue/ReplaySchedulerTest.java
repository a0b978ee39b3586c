package io.telerisk.agent.queue;

import io.telerisk.model.topic.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ReplaySchedulerTest {
    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    private static long append(DurableQueue q, Priority p) throws IOException {
        return q.append(p, p == Priority.RAW ? Channel.TELEMETRY : Channel.EVENTS, "application/json", s -> new byte[40]).orElseThrow();
    }

    @Test
    void tokenBucketRefillsAtItsRateAndCapsTheBurst() {
        TokenBucket b = new TokenBucket(10, 3, nanos::get);
        assertFalse(b.tryAcquire(), "starts empty: no burst on reconnect");
        assertEquals(100_000_000, b.nanosUntilToken());
        nanos.addAndGet(10_000_000_000L);
        int taken = 0;
        while (b.tryAcquire()) taken++;
        assertEquals(3, taken, "burst capped");
        nanos.addAndGet(250_000_000);
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire());
    }

    @Test
    void backlogReplaysAtBoundedRateEventsNewestFirstWhileLiveDataKeepsFlowing() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            List<Long> rawBacklog = new ArrayList<>();
            List<Long> eventBacklog = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                if (i % 40 == 5) eventBacklog.add(append(q, Priority.EVENT));
                else rawBacklog.add(append(q, Priority.RAW));
            }
            long crash = append(q, Priority.CRASH);
            ReplayScheduler s = new ReplayScheduler(q, new TokenBucket(20, 5, nanos::get), 1000);
            List<Long> sentBacklog = new ArrayList<>();
            List<Long> sentLive = new ArrayList<>();
            List<Long> liveAppended = new ArrayList<>();
            // 5 simulated seconds, 10 ms steps; a live message every 100 ms; every message acked at once
            for (int step = 0; step < 500; step++) {
                nanos.addAndGet(10_000_000);
                if (step % 10 == 0) {
                    long seq = append(q, Priority.RAW);
                    s.onAppended(seq, Priority.RAW);
                    liveAppended.add(seq);
                }
                OptionalLong next;
                while ((next = s.next()).isPresent()) {
                    long seq = next.getAsLong();
                    (liveAppended.contains(seq) ? sentLive : sentBacklog).add(seq);
                    s.onAcked(seq);
                }
            }
            assertEquals(liveAppended, sentLive, "every live message went out, in order, without waiting for the backlog");
            assertTrue(sentBacklog.size() <= 20 * 5 + 5, "backlog bounded by rate*time+burst: " + sentBacklog.size());
            assertTrue(sentBacklog.size() >= 20 * 5 - 2, "backlog uses its budget: " + sentBacklog.size());
            assertEquals(crash, sentBacklog.get(0), "crash record first");
            List<Long> newestFirst = new ArrayList<>(eventBacklog);
            java.util.Collections.reverse(newestFirst);
            assertEquals(newestFirst, sentBacklog.subList(1, 1 + eventBacklog.size()), "then events, newest first");
            assertEquals(rawBacklog.subList(0, sentBacklog.size() - 1 - eventBacklog.size()),
                    sentBacklog.subList(1 + eventBacklog.size(), sentBacklog.size()), "then raw telemetry, oldest first");
        }
    }

    @Test
    void inflightWindowIsRespectedAndFailedMessagesAreRescheduled() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            ReplayScheduler s = new ReplayScheduler(q, new TokenBucket(1000, 10, nanos::get), 2);
            for (int i = 0; i < 5; i++) {
                long seq = append(q, Priority.RAW);
                s.onAppended(seq, Priority.RAW);
            }
            assertEquals(OptionalLong.of(1), s.next());
            assertEquals(OptionalLong.of(2), s.next());
            assertTrue(s.next().isEmpty(), "window of 2 full");
            s.onFailed(1, Priority.RAW);
            assertEquals(OptionalLong.of(1), s.next(), "failed live message goes again first");
            s.onAcked(1);
            s.onAcked(2);
            assertFalse(q.isPending(1));
            // reconnect: what was pending becomes backlog, paced by the bucket
            s.startSession();
            assertTrue(s.next().isEmpty(), "bucket starts empty");
            nanos.addAndGet(1_000_000);
            assertEquals(OptionalLong.of(3), s.next());
        }
    }
}
