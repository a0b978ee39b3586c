package io.telerisk.agent.queue;

import io.telerisk.model.topic.Channel;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * A durable store-and-forward queue on local disk: messages survive days offline, an agent crash and a reboot,
 * and leave only when the broker acknowledged them ({@link #ack}).
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@code seg-<firstSeq>.q}: append-only segments of records
 *       {@code [int bodyLength][int crc32c(body)][body]}, body = {@code long seq, byte priority, byte channel,
 *       long enqueuedAtMillis, short contentTypeLength, contentType, payload}.</li>
 *   <li>{@code acks.log}: 13-byte entries {@code long seq, byte kind (1 acked, 2 dropped), int crc32c} for
 *       records that are done but whose segment still exists; compacted as segments go away.</li>
 *   <li>{@code queue.state}: the next sequence number, written atomically (temp file, force, rename) before any
 *       segment is deleted or rewritten, and on close, so the per-device sequence never goes backwards.</li>
 * </ul>
 * <h2>Recovery</h2> Segments are scanned in order; the first record with bad framing or CRC ends the segment
 * and the file is truncated there (a torn tail from a crash mid-write), counted in {@link QueueStats}.
 * Done entries of the ack log are applied; a torn ack-log tail is truncated too. A lost ack entry only means a
 * duplicate publish, which the hub removes by (device, sequence).
 * <h2>Disk bound</h2> See {@link QueueConfig}: above {@code maxBytes} whole segments' worth of the oldest raw
 * telemetry are dropped (the segment is rewritten with its events and summaries); with no raw telemetry left a
 * new raw message is refused; above {@code hardMaxBytes} the oldest summaries and then events are dropped.
 * Crash records are never dropped. Every drop is counted and logged in {@code acks.log}.
 * <p>Thread-safe: all methods synchronise on the queue.
 */
public final class DurableQueue implements Closeable {
    private static final byte ACKED = 1;
    private static final byte DROPPED = 2;
    private static final int HEADER = 8;
    private static final int BODY_FIXED = 8 + 1 + 1 + 8 + 2;
    private static final int ACK_ENTRY = 13;
    private static final long ACK_LOG_COMPACT_BYTES = 1L << 20;
    private static final Logger LOG = Logger.getLogger(DurableQueue.class.getName());

    private final QueueConfig config;
    private final Clock clock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final Map<Priority, TreeSet<Long>> pendingProtected = new EnumMap<>(Priority.class);
    private Segment active;
    private FileChannel activeChannel;
    private FileChannel ackLog;
    private long nextSeq;
    private long durableNextSeq; // every seq below this is forced to disk
    private long lastForceMillis;
    private long diskBytes;
    private long pending;
    private long appended, acked, droppedRaw, droppedSummaries, droppedEvents, corrupt, truncatedBytes;
    private boolean closed;

    private DurableQueue(QueueConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        for (Priority p : Priority.values()) if (p != Priority.RAW) pendingProtected.put(p, new TreeSet<>());
    }

    /** Opens (and recovers) the queue in {@code config.directory()}. */
    public static DurableQueue open(QueueConfig config) throws IOException {
        return open(config, Clock.systemUTC());
    }

    /** Opens with a given clock (for enqueue timestamps and the fsync interval). */
    public static DurableQueue open(QueueConfig config, Clock clock) throws IOException {
        DurableQueue q = new DurableQueue(config, clock);
        q.recover();
        return q;
    }

    // ---------------------------------------------------------------- recovery

    private void recover() throws IOException {
        Files.createDirectories(config.directory());
        long stateNext = readState();
        List<Path> files;
        try (Stream<Path> s = Files.list(config.directory())) {
            files = s.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.q")).sorted().toList();
        }
        try (Stream<Path> s = Files.list(config.directory())) {
            // leftovers of a rewrite interrupted by a crash: the original is still in place
            for (Path tmp : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) Files.deleteIfExists(tmp);
        }
        long maxSeq = 0;
        for (Path f : files) {
            long first = Long.parseLong(f.getFileName().toString().substring(4, 24));
            Segment seg = new Segment(first, f);
            maxSeq = scanSegment(seg, maxSeq);
            segments.put(first, seg);
            diskBytes += seg.sizeBytes;
        }
        applyAckLog();
        for (Segment seg : segments.values()) {
            for (int i = 0; i < seg.count; i++) {
                if (seg.done.get(i)) continue;
                pending++;
                Priority p = seg.priority(i);
                if (p != Priority.RAW) pendingProtected.get(p).add(seg.seqs[i]);
            }
        }
        nextSeq = Math.max(Math.max(stateNext, maxSeq + 1), 1);
        durableNextSeq = nextSeq;
        // Finished segments (all done) may remain after a crash between ack and delete.
        for (Iterator<Segment> it = segments.values().iterator(); it.hasNext(); ) {
            Segment s = it.next();
            if (s.allDone() && s != segments.lastEntry().getValue()) {
                writeState();
                Files.deleteIfExists(s.file);
                diskBytes -= s.sizeBytes;
                it.remove();
            }
        }
        if (segments.isEmpty()) {
            startSegment(nextSeq);
        } else {
            active = segments.lastEntry().getValue();
            activeChannel = FileChannel.open(active.file, StandardOpenOption.WRITE);
            activeChannel.position(active.sizeBytes);
        }
        rewriteAckLog();
        writeState();
    }

    /** Reads a segment's records into its index; truncates at the first bad record. Returns the highest seq. */
    private long scanSegment(Segment seg, long prevSeq) throws IOException {
        long good = 0;
        try (FileChannel ch = FileChannel.open(seg.file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (good < size) {
                header.clear();
                // a cut-off tail (torn header or body, from a crash mid-write) is a corrupt record like a bad CRC
                if (readFully(ch, header, good) < HEADER) {
                    corrupt++;
                    break;
                }
                int len = header.getInt(0);
                int crc = header.getInt(4);
                if (len < BODY_FIXED || len > config.maxRecordBytes() + BODY_FIXED + 256 || good + HEADER + len > size) {
                    corrupt++;
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                readFully(ch, body, good + HEADER);
                if (crc(body.array()) != crc) {
                    corrupt++;
                    break;
                }
                long seq = body.getLong(0);
                int prio = body.get(8);
                if (seq <= prevSeq || prio < 0 || prio >= Priority.values().length) {
                    corrupt++;
                    break;
                }
                seg.add(seq, (int) good, Priority.fromCode(prio));
                prevSeq = seq;
                good += HEADER + len;
            }
            if (good < size) {
                truncatedBytes += size - good;
                ch.truncate(good);
                ch.force(true);
            }
        }
        seg.sizeBytes = good;
        return prevSeq;
    }

    private void applyAckLog() throws IOException {
        Path p = config.directory().resolve("acks.log");
        if (!Files.exists(p)) return;
        byte[] all = Files.readAllBytes(p);
        ByteBuffer b = ByteBuffer.wrap(all);
        int good = 0;
        while (all.length - good >= ACK_ENTRY) {
            long seq = b.getLong(good);
            byte kind = b.get(good + 8);
            int crc = b.getInt(good + 9);
            CRC32C c = new CRC32C();
            c.update(all, good, 9);
            if ((int) c.getValue() != crc || (kind != ACKED && kind != DROPPED)) {
                corrupt++;
                break;
            }
            Map.Entry<Long, Segment> e = segments.floorEntry(seq);
            if (e != null) {
                int i = e.getValue().indexOf(seq);
                if (i >= 0) e.getValue().markDone(i);
            }
            good += ACK_ENTRY;
        }
        if (good < all.length) truncatedBytes += all.length - good;
    }

    // ---------------------------------------------------------------- append

    /**
     * Appends a message, assigning it the next sequence number.
     *
     * @param payloadForSequence builds the payload for the assigned sequence (the envelope carries it)
     * @return the assigned sequence, or empty when the disk bound refused a raw message (counted)
     */
    public synchronized Optional<Long> append(Priority priority, Channel channel, String contentType,
                                              LongFunction<byte[]> payloadForSequence) throws IOException {
        ensureOpen();
        byte[] ct = contentType.getBytes(StandardCharsets.UTF_8);
        if (ct.length > 255) throw new IllegalArgumentException("content type longer than 255 bytes");
        long seq = nextSeq;
        byte[] payload = payloadForSequence.apply(seq);
        if (payload.length > config.maxRecordBytes()) {
            throw new IllegalArgumentException("message of " + payload.length + " bytes exceeds maxRecordBytes " + config.maxRecordBytes());
        }
        int bodyLen = BODY_FIXED + ct.length + payload.length;
        if (!makeRoom(priority, HEADER + bodyLen)) {
            droppedRaw++;
            return Optional.empty();
        }
        if (active.sizeBytes > 0 && active.sizeBytes + HEADER + bodyLen > config.segmentBytes()) roll();
        ByteBuffer body = ByteBuffer.allocate(bodyLen);
        body.putLong(seq).put(priority.code()).put((byte) channel.ordinal()).putLong(clock.millis())
                .putShort((short) ct.length).put(ct).put(payload);
        byte[] bodyBytes = body.array();
        ByteBuffer rec = ByteBuffer.allocate(HEADER + bodyLen);
        rec.putInt(bodyLen).putInt(crc(bodyBytes)).put(bodyBytes).flip();
        long offset = active.sizeBytes;
        while (rec.hasRemaining()) activeChannel.write(rec, offset + rec.position());
        nextSeq = seq + 1;
        active.add(seq, (int) offset, priority);
        active.sizeBytes += HEADER + bodyLen;
        diskBytes += HEADER + bodyLen;
        pending++;
        appended++;
        if (priority != Priority.RAW) pendingProtected.get(priority).add(seq);
        if (config.fsyncPolicy() == FsyncPolicy.ALWAYS) forceSegment();
        else if (config.fsyncPolicy() == FsyncPolicy.BATCH && clock.millis() - lastForceMillis >= config.fsyncIntervalMillis()) force();
        return Optional.of(seq);
    }

    /** Applies the disk bound before an append; false when a raw message must be refused. */
    private boolean makeRoom(Priority incoming, int recordBytes) throws IOException {
        while (diskBytes + recordBytes > config.maxBytes()) {
            if (!dropOldest(Priority.RAW, diskBytes + recordBytes - config.maxBytes())) break;
        }
        if (diskBytes + recordBytes <= config.maxBytes()) return true;
        if (incoming == Priority.RAW) return false;
        while (diskBytes + recordBytes > config.hardMaxBytes()) {
            long over = diskBytes + recordBytes - config.hardMaxBytes();
            if (!dropOldest(Priority.SUMMARY, over) && !dropOldest(Priority.EVENT, over)) break;
        }
        return true; // crash records (and events when nothing else can go) are kept even above the hard bound
    }

    /**
     * The least a drop frees: 1/16 of the disk bound. Freeing space means rewriting a segment, so dropping one
     * record at a time would rewrite a segment per new record; dropping a whole segment (as this queue once did)
     * threw away half of an 8 MB bound at once. 1/16 keeps the rewrite cost at most 16x the data while losing only
     * the oldest ~6 % of the bound per drop.
     */
    private long dropUnitBytes() {
        return Math.max(1, config.maxBytes() / 16);
    }

    /**
     * Drops the oldest pending records of class {@code p} in the oldest segment holding one, until at least
     * {@code needed} bytes (and at least {@link #dropUnitBytes()}) are freed or the segment has none left, then
     * rewrites that segment without its done records. Returns false when no record of that class is pending.
     */
    private boolean dropOldest(Priority p, long needed) throws IOException {
        long target = Math.max(needed, dropUnitBytes());
        for (Segment seg : segments.values()) {
            boolean any = false;
            for (int i = 0; i < seg.count; i++) {
                if (!seg.done.get(i) && seg.priority(i) == p) {
                    any = true;
                    break;
                }
            }
            if (!any) continue;
            if (seg == active) roll();
            long freed = 0;
            long before = droppedRaw + droppedSummaries + droppedEvents;
            for (int i = 0; i < seg.count && freed < target; i++) {
                if (!seg.done.get(i) && seg.priority(i) == p) {
                    freed += (i + 1 < seg.count ? seg.offsets[i + 1] : seg.sizeBytes) - seg.offsets[i];
                    seg.markDone(i);
                    pending--;
                    if (p != Priority.RAW) pendingProtected.get(p).remove(seg.seqs[i]);
                    switch (p) {
                        case RAW -> droppedRaw++;
                        case SUMMARY -> droppedSummaries++;
                        case EVENT -> droppedEvents++;
                        default -> throw new IllegalStateException("crash records are never dropped");
                    }
                    logDone(seg.seqs[i], DROPPED);
                }
            }
            compact(seg);
            reportDrop(p, droppedRaw + droppedSummaries + droppedEvents - before, freed);
            return true;
        }
        return false;
    }

    private long lastDropLogMillis = Long.MIN_VALUE;

    /** Drops are logged as they happen (at most once a minute), with the totals kept across restarts. */
    private void reportDrop(Priority p, long records, long bytes) {
        long now = clock.millis();
        if (lastDropLogMillis != Long.MIN_VALUE && now - lastDropLogMillis < 60_000) return;
        lastDropLogMillis = now;
        LOG.log(Level.WARNING, "queue full (" + (config.maxBytes() >> 10) + " KiB bound): dropped the oldest " + records + " "
                + p.name().toLowerCase(java.util.Locale.ROOT) + " messages (" + (bytes >> 10) + " KiB); dropped so far: raw "
                + droppedRaw + ", summaries " + droppedSummaries + ", events " + droppedEvents);
    }

    /** Rewrites a closed segment with only its pending records (or deletes it when none is left). */
    private void compact(Segment seg) throws IOException {
        writeState();
        if (seg.allDone()) {
            deleteSegment(seg);
            return;
        }
        Path tmp = seg.file.resolveSibling(seg.file.getFileName() + ".tmp");
        Segment fresh = new Segment(seg.firstSeq, seg.file);
        try (FileChannel in = FileChannel.open(seg.file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long pos = 0;
            for (int i = 0; i < seg.count; i++) {
                if (seg.done.get(i)) continue;
                ByteBuffer h = ByteBuffer.allocate(HEADER);
                readFully(in, h, seg.offsets[i]);
                int len = h.getInt(0);
                ByteBuffer rec = ByteBuffer.allocate(HEADER + len);
                readFully(in, rec, seg.offsets[i]);
                rec.flip();
                while (rec.hasRemaining()) out.write(rec, pos + rec.position());
                fresh.add(seg.seqs[i], (int) pos, seg.priority(i));
                pos += HEADER + len;
            }
            out.force(true);
            fresh.sizeBytes = pos;
        }
        move(tmp, seg.file);
        diskBytes += fresh.sizeBytes - seg.sizeBytes;
        segments.put(seg.firstSeq, fresh);
    }

    private void roll() throws IOException {
        force();
        activeChannel.close();
        Segment old = active;
        startSegment(nextSeq);
        if (old.allDone()) deleteSegment(old); // everything in it was acked while it was still being written
    }

    private void startSegment(long firstSeq) throws IOException {
        Path f = config.directory().resolve(Segment.fileName(firstSeq));
        activeChannel = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        active = new Segment(firstSeq, f);
        segments.put(firstSeq, active);
        forceDirectory();
    }

    // ---------------------------------------------------------------- read / ack

    /** Reads a pending message; empty when it is done (acked or dropped) or unknown. Forces it to disk first. */
    public synchronized Optional<QueuedMessage> read(long seq) throws IOException {
        ensureOpen();
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        if (e == null) return Optional.empty();
        Segment seg = e.getValue();
        int i = seg.indexOf(seq);
        if (i < 0 || seg.done.get(i)) return Optional.empty();
        // never publish what is not on disk: a PUBACK must not outlive a power loss
        if (seq >= durableNextSeq && config.fsyncPolicy() != FsyncPolicy.OS) forceSegment();
        try (FileChannel src = FileChannel.open(seg.file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            readFully(src, h, seg.offsets[i]);
            int len = h.getInt(0);
            if (len < BODY_FIXED || len > config.maxRecordBytes() + BODY_FIXED + 256) return corruptAt(seg, i);
            ByteBuffer body = ByteBuffer.allocate(len);
            if (readFully(src, body, seg.offsets[i] + HEADER) < len || crc(body.array()) != h.getInt(4)) return corruptAt(seg, i);
            body.flip();
            long s = body.getLong();
            Priority p = Priority.fromCode(body.get());
            Channel channel = Channel.values()[body.get()];
            Instant at = Instant.ofEpochMilli(body.getLong());
            byte[] ct = new byte[body.getShort()];
            body.get(ct);
            byte[] payload = new byte[body.remaining()];
            body.get(payload);
            return Optional.of(new QueuedMessage(s, p, channel, new String(ct, StandardCharsets.UTF_8), at, payload));
        }
    }

    /** A record that went bad on disk after it was written (bit rot): counted and dropped, never sent garbled. */
    private Optional<QueuedMessage> corruptAt(Segment seg, int i) throws IOException {
        corrupt++;
        markDone(seg, i, DROPPED);
        return Optional.empty();
    }

    /** Records the broker's acknowledgement: the message leaves the queue. Unknown or done sequences are ignored. */
    public synchronized void ack(long seq) throws IOException {
        ensureOpen();
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        if (e == null) return;
        int i = e.getValue().indexOf(seq);
        if (i < 0) return;
        if (markDone(e.getValue(), i, ACKED)) acked++;
    }

    private boolean markDone(Segment seg, int i, byte kind) throws IOException {
        if (!seg.markDone(i)) return false;
        pending--;
        Priority p = seg.priority(i);
        if (p != Priority.RAW) pendingProtected.get(p).remove(seg.seqs[i]);
        logDone(seg.seqs[i], kind);
        if (seg.allDone() && seg != active) deleteSegment(seg);
        return true;
    }

    private void deleteSegment(Segment seg) throws IOException {
        writeState();
        Files.deleteIfExists(seg.file);
        diskBytes -= seg.sizeBytes;
        segments.remove(seg.firstSeq);
        if (ackLog.size() > ACK_LOG_COMPACT_BYTES) rewriteAckLog();
    }

    private void logDone(long seq, byte kind) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(ACK_ENTRY);
        b.putLong(seq).put(kind);
        CRC32C c = new CRC32C();
        c.update(b.array(), 0, 9);
        b.putInt((int) c.getValue()).flip();
        while (b.hasRemaining()) ackLog.write(b);
    }

    /** Rewrites acks.log with the done records of the segments still on disk. */
    private void rewriteAckLog() throws IOException {
        if (ackLog != null) ackLog.close();
        Path p = config.directory().resolve("acks.log");
        Path tmp = config.directory().resolve("acks.log.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ackLog = out;
            for (Segment seg : segments.values()) {
                for (int i = seg.done.nextSetBit(0); i >= 0 && i < seg.count; i = seg.done.nextSetBit(i + 1)) logDone(seg.seqs[i], ACKED);
            }
            out.force(true);
        }
        move(tmp, p);
        ackLog = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    // ---------------------------------------------------------------- scheduling support (package)

    /** Pending protected sequences of a class below {@code belowSeq}, newest first. */
    synchronized NavigableSet<Long> pendingProtectedBelow(Priority p, long belowSeq) {
        return new TreeSet<>(pendingProtected.get(p).headSet(belowSeq, false)).descendingSet();
    }

    /** Oldest pending raw sequences below {@code belowSeq}, at most {@code limit}, skipping {@code skip}. */
    synchronized List<Long> oldestPendingRaw(long belowSeq, int limit, java.util.Set<Long> skip) {
        List<Long> out = new ArrayList<>();
        for (Segment seg : segments.values()) {
            if (seg.firstSeq >= belowSeq) break;
            for (int i = seg.done.nextClearBit(0); i < seg.count; i = seg.done.nextClearBit(i + 1)) {
                long s = seg.seqs[i];
                if (s >= belowSeq) return out;
                if (seg.priorities[i] == Priority.RAW.code() && !skip.contains(s)) {
                    out.add(s);
                    if (out.size() >= limit) return out;
                }
            }
        }
        return out;
    }

    /** Whether a sequence is still pending. */
    public synchronized boolean isPending(long seq) {
        Map.Entry<Long, Segment> e = segments.floorEntry(seq);
        if (e == null) return false;
        int i = e.getValue().indexOf(seq);
        return i >= 0 && !e.getValue().done.get(i);
    }

    /** All pending sequences in order (for tests and diagnostics; allocates). */
    public synchronized List<Long> pendingSequences() {
        List<Long> out = new ArrayList<>();
        for (Segment seg : segments.values()) {
            for (int i = seg.done.nextClearBit(0); i < seg.count; i = seg.done.nextClearBit(i + 1)) out.add(seg.seqs[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------- durability

    /** Forces appended records and the ack log to disk. */
    public synchronized void sync() throws IOException {
        ensureOpen();
        force();
    }

    /** Forces if the fsync interval elapsed (called by the agent's timer). */
    public synchronized void syncIfDue() throws IOException {
        if (!closed && config.fsyncPolicy() != FsyncPolicy.OS && clock.millis() - lastForceMillis >= config.fsyncIntervalMillis()) force();
    }

    /** Forces the active segment and the ack log. */
    private void force() throws IOException {
        forceSegment();
        // A lost ack entry only causes a duplicate publish, so the ack log rides along with the interval force.
        ackLog.force(false);
        lastForceMillis = clock.millis();
    }

    /** Forces the active segment: everything appended so far becomes durable (group commit). */
    private void forceSegment() throws IOException {
        if (durableNextSeq == nextSeq) return;
        activeChannel.force(false);
        durableNextSeq = nextSeq;
    }

    private long readState() throws IOException {
        Path p = config.directory().resolve("queue.state");
        if (!Files.exists(p)) return 0;
        String s = Files.readString(p, StandardCharsets.US_ASCII).strip();
        // "nextSeq=<n> [dropped=<raw>,<summaries>,<events>] crc=<crc of what precedes it>": a torn or edited state
        // file is ignored, the segments still tell; the drop counters survive restarts and kills through it
        String[] parts = s.split(" ");
        try {
            if (parts.length >= 2 && parts[0].startsWith("nextSeq=") && parts[parts.length - 1].startsWith("crc=")) {
                String n = parts[0].substring(8);
                String signed = parts.length == 3 ? n + " " + parts[1] : n;
                CRC32C c = new CRC32C();
                c.update(signed.getBytes(StandardCharsets.US_ASCII));
                if (Long.toString(c.getValue()).equals(parts[parts.length - 1].substring(4))) {
                    if (parts.length == 3 && parts[1].startsWith("dropped=")) {
                        String[] d = parts[1].substring(8).split(",");
                        droppedRaw = Long.parseLong(d[0]);
                        droppedSummaries = Long.parseLong(d[1]);
                        droppedEvents = Long.parseLong(d[2]);
                    }
                    return Long.parseLong(n);
                }
            }
        } catch (NumberFormatException ignored) {
            // fall through: counted below
        }
        corrupt++;
        return 0;
    }

    private void writeState() throws IOException {
        Path p = config.directory().resolve("queue.state");
        Path tmp = config.directory().resolve("queue.state.tmp");
        String n = Long.toString(nextSeq);
        String dropped = "dropped=" + droppedRaw + "," + droppedSummaries + "," + droppedEvents;
        CRC32C c = new CRC32C();
        c.update((n + " " + dropped).getBytes(StandardCharsets.US_ASCII));
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(("nextSeq=" + n + " " + dropped + " crc=" + c.getValue() + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        move(tmp, p);
    }

    private void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
    }

    private void forceDirectory() {
        // Makes renames and new files durable on Linux; not supported everywhere, hence best effort.
        try (FileChannel d = FileChannel.open(config.directory(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    // ---------------------------------------------------------------- misc

    /** The sequence number the next appended message will get. */
    public synchronized long nextSequence() {
        return nextSeq;
    }

    /** Counters and sizes. */
    public synchronized QueueStats stats() {
        long ev = 0;
        for (TreeSet<Long> s : pendingProtected.values()) ev += s.size();
        return new QueueStats(pending, ev, diskBytes, appended, acked, droppedRaw, droppedSummaries, droppedEvents,
                corrupt, truncatedBytes, nextSeq);
    }

    /** The configuration. */
    public QueueConfig config() {
        return config;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("queue is closed");
    }

    private static int crc(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body, 0, body.length);
        return (int) c.getValue();
    }

    private static int readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    /** Forces everything, records the sequence counter and closes the files. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        try {
            force();
            writeState();
        } finally {
            closed = true;
            activeChannel.close();
            ackLog.close();
        }
    }

    /** Wraps IO failures for callers that cannot throw checked exceptions. */
    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
