package io.telerisk.agent.queue;

import io.telerisk.model.topic.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class DurableQueueTest {
    @TempDir
    Path dir;

    private static byte[] payload(long seq, int size) {
        byte[] b = new byte[size];
        byte[] s = ("msg-" + seq + ";").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 0, Math.min(s.length, size));
        return b;
    }

    private static long append(DurableQueue q, Priority p, int size) throws IOException {
        return q.append(p, p == Priority.RAW ? Channel.TELEMETRY : Channel.EVENTS, "application/json", s -> payload(s, size)).orElseThrow();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".q")).sorted().toList();
        }
    }

    @Test
    void messagesSurviveReopenUntilAcked() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            for (int i = 0; i < 10; i++) append(q, Priority.RAW, 100);
            q.ack(2);
            q.ack(5);
        }
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            assertEquals(List.of(1L, 3L, 4L, 6L, 7L, 8L, 9L, 10L), q.pendingSequences());
            QueuedMessage m = q.read(7).orElseThrow();
            assertEquals(7, m.sequence());
            assertEquals(Channel.TELEMETRY, m.channel());
            assertEquals("application/json", m.contentType());
            assertTrue(new String(m.payload(), StandardCharsets.US_ASCII).startsWith("msg-7;"));
            assertTrue(q.read(5).isEmpty(), "acked messages are gone");
            assertEquals(11, q.nextSequence());
        }
    }

    @Test
    void sequenceNeverGoesBackwardsEvenWhenEveryMessageWasAckedAndItsSegmentDeleted() throws IOException {
        QueueConfig cfg = QueueConfig.defaults(dir).withSegmentBytes(1024).withMaxBytes(1 << 20, 1 << 20);
        try (DurableQueue q = DurableQueue.open(cfg)) {
            for (int i = 0; i < 50; i++) q.ack(append(q, Priority.RAW, 200));
            assertEquals(0, q.stats().pendingMessages());
        }
        assertTrue(segmentFiles().size() <= 1, "finished segments are deleted: " + segmentFiles());
        try (DurableQueue q = DurableQueue.open(cfg)) {
            assertEquals(51, q.nextSequence());
            assertEquals(51, append(q, Priority.RAW, 10));
        }
        // even if the state file is lost, the surviving active segment still carries the counter forward
        Files.delete(dir.resolve("queue.state"));
        try (DurableQueue q = DurableQueue.open(cfg)) {
            assertEquals(52, q.nextSequence());
        }
    }

    @Test
    void tornTailRecordIsTruncatedAndNothingAckedIsLost() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            for (int i = 0; i < 10; i++) append(q, Priority.RAW, 100);
            for (long s = 1; s <= 3; s++) q.ack(s);
        }
        Path seg = segmentFiles().get(segmentFiles().size() - 1);
        long goodSize = Files.size(seg);
        // a crash mid-write: a header announcing 100 bytes of body and only 37 of them on disk
        byte[] torn = new byte[8 + 37];
        torn[3] = 100;
        Files.write(seg, torn, StandardOpenOption.APPEND);
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L), q.pendingSequences());
            assertEquals(45, q.stats().truncatedBytes());
            assertEquals(1, q.stats().corruptRecords(), "a cut-off tail is counted as a corrupt record, as documented");
            assertEquals(goodSize, Files.size(seg));
            assertEquals(11, append(q, Priority.RAW, 100), "the torn record's sequence was never handed out");
        }
    }

    @Test
    void recordCutInTheMiddleIsTruncatedWithTheRecordsBeforeItKept() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            for (int i = 0; i < 5; i++) append(q, Priority.RAW, 100);
        }
        Path seg = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 50);
        }
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            assertEquals(List.of(1L, 2L, 3L, 4L), q.pendingSequences());
            assertTrue(q.stats().truncatedBytes() > 0);
            assertEquals(6, q.nextSequence(), "the counter written at close wins: a sequence is never reused");
        }
    }

    @Test
    void flippedBitIsCaughtByTheCrcAndCounted() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            for (int i = 0; i < 5; i++) append(q, Priority.RAW, 100);
        }
        Path seg = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(seg);
        int recordSize = bytes.length / 5;
        bytes[3 * recordSize + 60] ^= 0x10; // inside the 4th record's payload
        Files.write(seg, bytes);
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            assertEquals(List.of(1L, 2L, 3L), q.pendingSequences());
            assertEquals(1, q.stats().corruptRecords());
        }
    }

    @Test
    void killedWriterProcessLosesNothingItHadAppendedOrAcked() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                QueueWriterProcess.class.getName(), dir.toString()).redirectErrorStream(true).start();
        Set<Long> appended = new HashSet<>();
        Set<Long> acked = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("appended ")) appended.add(Long.parseLong(line.substring(9)));
                else if (line.startsWith("acked ")) acked.add(Long.parseLong(line.substring(6)));
                else fail("writer said: " + line);
                if (appended.size() + acked.size() >= 3000) {
                    p.destroyForcibly(); // SIGKILL mid-stream: the writer is somewhere inside append
                    break;
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir).withSegmentBytes(64 * 1024).withMaxBytes(64L << 20, 64L << 20))) {
            Set<Long> pending = new HashSet<>(q.pendingSequences());
            assertTrue(pending.containsAll(appended), "every appended, unacked message survived the kill");
            for (long s : acked) assertFalse(pending.contains(s), "acked message " + s + " came back");
            long maxSeen = Math.max(appended.stream().mapToLong(x -> x).max().orElse(0), acked.stream().mapToLong(x -> x).max().orElse(0));
            assertTrue(q.nextSequence() > maxSeen, "sequence continues after " + maxSeen + ", got " + q.nextSequence());
            for (long s : appended) assertTrue(q.read(s).isPresent(), "readable " + s);
        }
    }

    @Test
    void diskBoundDropsOldestRawTelemetryAndKeepsEventsCounted() throws IOException {
        QueueConfig cfg = QueueConfig.defaults(dir).withSegmentBytes(4096).withMaxBytes(16384, 32768);
        List<Long> events = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        try (DurableQueue q = DurableQueue.open(cfg)) {
            for (int i = 0; i < 300; i++) {
                if (i % 30 == 0) events.add(append(q, Priority.EVENT, 150));
                else raw.add(append(q, Priority.RAW, 150));
                assertTrue(q.stats().diskBytes() <= cfg.maxBytes(), "disk bound holds: " + q.stats().diskBytes());
            }
            QueueStats st = q.stats();
            assertTrue(st.droppedRawMessages() > 100, "old raw dropped: " + st);
            assertEquals(0, st.droppedEvents());
            List<Long> pending = q.pendingSequences();
            assertTrue(pending.containsAll(events), "every event kept");
            List<Long> pendingRaw = pending.stream().filter(raw::contains).toList();
            assertEquals(raw.subList(raw.size() - pendingRaw.size(), raw.size()), pendingRaw, "the newest raw survive, the oldest went");
            assertEquals(300 - st.droppedRawMessages(), st.pendingMessages());
        }
        try (DurableQueue q = DurableQueue.open(cfg)) {
            assertTrue(q.pendingSequences().containsAll(events), "drops and compaction survive a restart");
        }
    }

    @Test
    void rawTelemetryIsRefusedAndCountedWhenOnlyEventsFillTheBound() throws IOException {
        QueueConfig cfg = QueueConfig.defaults(dir).withSegmentBytes(2048).withMaxBytes(4096, 6144);
        try (DurableQueue q = DurableQueue.open(cfg)) {
            int events = 0;
            while (q.stats().diskBytes() < 4096 - 200) {
                append(q, Priority.EVENT, 150);
                events++;
            }
            long before = q.nextSequence();
            assertTrue(q.append(Priority.RAW, Channel.TELEMETRY, "application/json", s -> payload(s, 300)).isEmpty());
            assertEquals(1, q.stats().droppedRawMessages());
            assertEquals(before, q.nextSequence(), "a refused message takes no sequence number");
            // events go on up to the hard bound, then the oldest events make room; crash records always fit
            for (int i = 0; i < 40; i++) append(q, Priority.EVENT, 150);
            assertTrue(q.stats().droppedEvents() > 0);
            assertTrue(q.stats().diskBytes() <= 6144, "hard bound holds: " + q.stats().diskBytes());
            long crash = append(q, Priority.CRASH, 150);
            assertTrue(q.isPending(crash));
            assertTrue(events > 0);
        }
    }

    @Test
    void tornAckLogAndGarbledStateFileAreSurvivedAndCounted() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            for (int i = 0; i < 6; i++) append(q, Priority.RAW, 50);
            q.ack(1);
            q.ack(4);
        }
        Files.write(dir.resolve("acks.log"), new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 1}, StandardOpenOption.APPEND); // torn entry
        Files.writeString(dir.resolve("queue.state"), "nextSeq=999 crc=12345\n"); // edited by hand: crc does not match
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            assertEquals(List.of(2L, 3L, 5L, 6L), q.pendingSequences(), "the whole acks survive, the torn one is ignored");
            assertEquals(9, q.stats().truncatedBytes());
            assertEquals(1, q.stats().corruptRecords(), "the state file is distrusted and counted");
            assertEquals(7, q.nextSequence(), "the segments still carry the counter");
        }
    }

    @Test
    void eventsArePendingProtectedAndRawIsNot() throws IOException {
        try (DurableQueue q = DurableQueue.open(QueueConfig.defaults(dir))) {
            append(q, Priority.RAW, 10);
            long ev = append(q, Priority.EVENT, 10);
            long crash = append(q, Priority.CRASH, 10);
            assertEquals(3, q.stats().pendingMessages());
            assertEquals(2, q.stats().pendingEvents());
            assertEquals(List.of(ev), List.copyOf(q.pendingProtectedBelow(Priority.EVENT, 100)));
            assertEquals(List.of(crash), List.copyOf(q.pendingProtectedBelow(Priority.CRASH, 100)));
            assertEquals(Priority.CRASH, q.read(crash).orElseThrow().priority());
            assertThrows(IllegalArgumentException.class,
                    () -> q.append(Priority.RAW, Channel.TELEMETRY, "application/json", s -> new byte[2 << 20]), "oversized message");
            assertEquals(4, q.nextSequence(), "a refused oversized message takes no sequence");
        }
    }

    @Test
    void aFullQueueDropsASixteenthOfItsBoundAtATimeNotAWholeSegment() throws IOException {
        // two segments make the bound: the old rule dropped a whole segment, half of what the queue held
        QueueConfig cfg = QueueConfig.defaults(dir).withSegmentBytes(64 * 1024).withMaxBytes(128 * 1024, 160 * 1024);
        try (DurableQueue q = DurableQueue.open(cfg)) {
            int n = 0;
            while (q.stats().droppedRawMessages() == 0) {
                append(q, Priority.RAW, 200);
                n++;
            }
            long dropped = q.stats().droppedRawMessages();
            // one record is 200 bytes of payload plus framing: 1/16 of 128 KiB is about 36 records
            assertTrue(dropped >= 20 && dropped <= 60, "first drop of " + dropped + " after " + n + " appends");
            assertTrue(q.stats().pendingMessages() > n - 60, "most of the queue is kept: " + q.stats());
        }
    }

    @Test
    void dropCountersSurviveARestart() throws IOException {
        QueueConfig cfg = QueueConfig.defaults(dir).withSegmentBytes(4096).withMaxBytes(16384, 32768);
        long dropped;
        try (DurableQueue q = DurableQueue.open(cfg)) {
            for (int i = 0; i < 300; i++) append(q, Priority.RAW, 150);
            dropped = q.stats().droppedRawMessages();
            assertTrue(dropped > 100);
        }
        try (DurableQueue q = DurableQueue.open(cfg)) {
            assertEquals(dropped, q.stats().droppedRawMessages(), "the count an installer reads does not reset on reopen");
        }
    }
}
