package io.telerisk.hub.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only, bounded, crash-safe FIFO of opaque records on disk: the hub's own durable buffer while the
 * telemetry store is down.
 *
 * <p>Layout: segment files {@code segment-<n>.spool} holding records {@code [int length][int crc32c][bytes]},
 * and a {@code head} file naming the first unconsumed record (segment, offset). {@link #append(List)} writes a
 * whole group of records and fsyncs once (group commit) before returning, so a caller may acknowledge them.
 * {@link #read(int)} returns records from the head without consuming; {@link #commit(Chunk)} moves the head
 * durably (write-temp, fsync, atomic rename) and deletes consumed segments.
 *
 * <p>Recovery on {@link #open}: a torn record at the end of the last segment (a crash mid-append, never
 * acknowledged) is cut off. A record whose CRC does not match elsewhere is skipped and counted
 * ({@link #corruptRecords()}); a length that cannot be right ends that segment (counted once). Nothing throws on
 * bad bytes.
 *
 * <p>Not thread-safe: one ingest writer thread owns it (each lane has its own spool).
 */
public final class DiskSpool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DiskSpool.class.getName());
    private static final int HEADER = 8;
    /** A record longer than this can only be a corrupt length field. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".spool";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private long headSegment;
    private long headOffset;
    private long tailSegment;
    private FileChannel tail;
    private long tailSize;
    private long totalBytes; // bytes from head to tail end
    private long corruptRecords;
    private FileChannel lockChannel;
    private java.nio.channels.FileLock lock;

    /** A position in the spool. */
    public record Position(long segment, long offset) {
    }

    /**
     * Records read from the head, and where the head moves once they are committed.
     *
     * @param corruptSkipped records skipped in this read because their CRC did not match
     */
    public record Chunk(List<byte[]> records, Position end, long corruptSkipped) {
        public boolean isEmpty() {
            return records.isEmpty();
        }
    }

    private DiskSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(1024 * 1024, Math.min(64L * 1024 * 1024, maxBytes / 8));
    }

    /** Opens (creating if needed) the spool in {@code dir}, bounded to {@code maxBytes} of unconsumed records. */
    public static DiskSpool open(Path dir, long maxBytes) throws IOException {
        PrivateFiles.createDirectory(dir);
        DiskSpool s = new DiskSpool(dir, maxBytes);
        s.lock();
        try {
            s.recover();
        } catch (IOException | RuntimeException e) {
            s.unlock();
            throw e;
        }
        return s;
    }

    /** Two hubs appending to one spool would interleave records; the second is refused. */
    private void lock() throws IOException {
        PrivateFiles.createFile(dir.resolve("lock"));
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool " + dir + " is in use by another hub (or another ingest in this JVM); give each hub its own spool directory");
        }
    }

    private void unlock() throws IOException {
        if (lock != null && lock.isValid()) lock.release();
        if (lockChannel != null) lockChannel.close();
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String n = f.getFileName().toString();
                if (n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
                    try {
                        segments.put(Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())), f);
                    } catch (NumberFormatException e) {
                        LOG.warning("ignoring foreign file in spool dir: " + f);
                    }
                }
            });
        }
        readHead();
        // segments before the head are consumed leftovers of a crash between head move and delete
        while (!segments.isEmpty() && segments.firstKey() < headSegment) Files.deleteIfExists(segments.pollFirstEntry().getValue());
        if (segments.isEmpty()) {
            headSegment = Math.max(headSegment, 1);
            headOffset = 0;
            segments.put(headSegment, segmentPath(headSegment));
        } else if (segments.firstKey() > headSegment) {
            headSegment = segments.firstKey();
            headOffset = 0;
        }
        tailSegment = segments.lastKey();
        Path tailPath = segments.get(tailSegment);
        PrivateFiles.createFile(tailPath);
        tail = FileChannel.open(tailPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long valid = validLength(tail);
        if (valid < tail.size()) {
            LOG.warning("spool: cutting a torn record at the end of " + tailPath + " (" + (tail.size() - valid) + " bytes, never acknowledged)");
            tail.truncate(valid);
            tail.force(true);
        }
        tailSize = tail.size();
        if (tailSegment == headSegment && headOffset > tailSize) headOffset = tailSize;
        totalBytes = 0;
        for (var e : segments.entrySet()) {
            long size = e.getKey() == tailSegment ? tailSize : Files.size(e.getValue());
            totalBytes += e.getKey() == headSegment ? Math.max(0, size - headOffset) : size;
        }
    }

    /** Length of the prefix made of whole records (CRC is checked later, on read). */
    private static long validLength(FileChannel ch) throws IOException {
        long pos = 0;
        long size = ch.size();
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            h.clear();
            ch.read(h, pos);
            int len = h.getInt(0);
            if (len < 0 || len > MAX_RECORD_BYTES || pos + HEADER + len > size) break;
            pos += HEADER + len;
        }
        return pos;
    }

    private void readHead() throws IOException {
        Path head = dir.resolve("head");
        headSegment = 1;
        headOffset = 0;
        if (!Files.exists(head)) return;
        String s = Files.readString(head, StandardCharsets.US_ASCII).trim();
        String[] p = s.split(" ");
        try {
            headSegment = Long.parseLong(p[0]);
            headOffset = Long.parseLong(p[1]);
        } catch (RuntimeException e) {
            // an unreadable head can only replay too much, never lose: the store is idempotent
            LOG.warning("spool: unreadable head file '" + s + "', replaying from the oldest segment");
            headSegment = 1;
            headOffset = 0;
        }
    }

    private Path segmentPath(long n) {
        return dir.resolve(String.format("%s%016d%s", PREFIX, n, SUFFIX));
    }

    /**
     * Appends records and fsyncs before returning (one fsync for the whole group).
     *
     * @throws SpoolFullException when they do not fit in the bound; nothing is written then
     */
    public void append(List<byte[]> records) throws IOException, SpoolFullException {
        long need = 0;
        for (byte[] r : records) {
            if (r.length > MAX_RECORD_BYTES) throw new IllegalArgumentException("record of " + r.length + " bytes exceeds " + MAX_RECORD_BYTES);
            need += HEADER + r.length;
        }
        if (totalBytes + need > maxBytes)
            throw new SpoolFullException("spool " + dir + " holds " + totalBytes + " of " + maxBytes + " bytes; " + need + " more do not fit");
        if (tailSize > 0 && tailSize + need > segmentBytes) rollSegment();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(need, Integer.MAX_VALUE - 16));
        CRC32C crc = new CRC32C();
        for (byte[] r : records) {
            if (buf.remaining() < HEADER + r.length) {
                flush(buf);
            }
            crc.reset();
            crc.update(r);
            buf.putInt(r.length).putInt((int) crc.getValue()).put(r);
        }
        flush(buf);
        tail.force(false);
        totalBytes += need;
    }

    private void flush(ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) tailSize += tail.write(buf, tailSize);
        buf.clear();
    }

    private void rollSegment() throws IOException {
        tail.force(true);
        tail.close();
        tailSegment++;
        Path p = segmentPath(tailSegment);
        segments.put(tailSegment, p);
        PrivateFiles.createFile(p);
        tail = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        tailSize = 0;
        forceDir();
    }

    private void forceDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename/create is then as durable as they make it
        }
    }

    /**
     * Reads from the head, without consuming, up to {@code maxRecords} records and about {@code maxBytes} bytes
     * (always at least one record when there is one).
     */
    public Chunk read(int maxRecords, long maxBytes) throws IOException {
        long bytesRead = 0;
        List<byte[]> out = new ArrayList<>();
        long seg = headSegment;
        long off = headOffset;
        long skipped = 0;
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        CRC32C crc = new CRC32C();
        while (out.size() < maxRecords && (out.isEmpty() || bytesRead < maxBytes)) {
            Path p = segments.get(seg);
            if (p == null) break;
            long size = seg == tailSegment ? tailSize : Files.size(p);
            if (off + HEADER > size) {
                if (seg == tailSegment) break;
                seg = segments.higherKey(seg);
                off = 0;
                continue;
            }
            try (FileChannel ch = seg == tailSegment ? null : FileChannel.open(p, StandardOpenOption.READ)) {
                FileChannel c = ch == null ? tail : ch;
                while (out.size() < maxRecords && off + HEADER <= size && (out.isEmpty() || bytesRead < maxBytes)) {
                    h.clear();
                    readFully(c, h, off);
                    int len = h.getInt(0);
                    int expected = h.getInt(4);
                    if (len < 0 || len > MAX_RECORD_BYTES || off + HEADER + len > size) {
                        LOG.log(Level.WARNING, "spool: impossible record length " + len + " at " + p + ":" + off + "; skipping the rest of the segment");
                        corruptRecords++;
                        skipped++;
                        off = size;
                        break;
                    }
                    ByteBuffer body = ByteBuffer.allocate(len);
                    readFully(c, body, off + HEADER);
                    crc.reset();
                    crc.update(body.array());
                    off += HEADER + len;
                    if ((int) crc.getValue() != expected) {
                        LOG.warning("spool: CRC mismatch in record at " + p + ":" + (off - HEADER - len) + "; skipped");
                        corruptRecords++;
                        skipped++;
                        continue;
                    }
                    out.add(body.array());
                    bytesRead += len;
                }
            }
        }
        return new Chunk(out, new Position(seg, off), skipped);
    }

    private static void readFully(FileChannel c, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = c.read(b, pos + b.position());
            if (n < 0) throw new IOException("unexpected end of spool segment");
        }
    }

    /** Consumes everything up to the chunk's end, durably. */
    public void commit(Chunk chunk) throws IOException {
        Position end = chunk.end();
        writeHead(end);
        long consumed = 0;
        long seg = headSegment;
        long off = headOffset;
        while (seg < end.segment()) {
            Path p = segments.remove(seg);
            long size = Files.size(p);
            consumed += size - off;
            Files.deleteIfExists(p);
            Long next = segments.ceilingKey(seg + 1);
            if (next == null) break;
            seg = next;
            off = 0;
        }
        consumed += end.offset() - off;
        headSegment = end.segment();
        headOffset = end.offset();
        totalBytes = Math.max(0, totalBytes - consumed);
        if (headSegment == tailSegment && headOffset >= tailSize && tailSize > segmentBytes / 2) {
            // fully drained and the tail segment is big: start a fresh one so the old file can go
            long old = tailSegment;
            rollSegment();
            writeHead(new Position(tailSegment, 0));
            headSegment = tailSegment;
            headOffset = 0;
            Files.deleteIfExists(segments.remove(old));
        }
    }

    private void writeHead(Position pos) throws IOException {
        Path tmp = dir.resolve("head.tmp");
        PrivateFiles.createFile(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((pos.segment() + " " + pos.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve("head"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDir();
    }

    /** Whether there is nothing left to replay. */
    public boolean isEmpty() {
        return totalBytes == 0;
    }

    /** Bytes of unconsumed records (including their headers). */
    public long sizeBytes() {
        return totalBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Records skipped since open because their bytes were corrupt. */
    public long corruptRecords() {
        return corruptRecords;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            if (tail != null && tail.isOpen()) {
                tail.force(true);
                tail.close();
            }
        } finally {
            unlock();
        }
    }
}
