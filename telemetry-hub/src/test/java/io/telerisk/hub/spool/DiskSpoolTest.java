package io.telerisk.hub.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DiskSpoolTest {
    @TempDir
    Path dir;

    private static List<byte[]> records(int from, int n, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            byte[] b = new byte[size];
            byte[] tag = ("r" + i + ";").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(tag, 0, b, 0, tag.length);
            out.add(b);
        }
        return out;
    }

    private static String tag(byte[] b) {
        String s = new String(b, StandardCharsets.US_ASCII);
        return s.substring(0, s.indexOf(';'));
    }

    @Test
    void readsBackInOrderAndCommitConsumes() throws Exception {
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            assertTrue(s.isEmpty());
            s.append(records(0, 10, 50));
            s.append(records(10, 5, 50));
            var c = s.read(12, Long.MAX_VALUE);
            assertEquals(12, c.records().size());
            assertEquals("r0", tag(c.records().get(0)));
            assertEquals("r11", tag(c.records().get(11)));
            assertEquals(12, s.read(12, Long.MAX_VALUE).records().size(), "read does not consume");
            s.commit(c);
            var rest = s.read(100, Long.MAX_VALUE);
            assertEquals(List.of("r12", "r13", "r14"), rest.records().stream().map(DiskSpoolTest::tag).toList());
            s.commit(rest);
            assertTrue(s.isEmpty());
            assertEquals(0, s.sizeBytes());
        }
    }

    @Test
    void survivesReopenWithTheHeadWhereItWas() throws Exception {
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            s.append(records(0, 20, 100));
            s.commit(s.read(7, Long.MAX_VALUE));
        }
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            var c = s.read(100, Long.MAX_VALUE);
            assertEquals(13, c.records().size());
            assertEquals("r7", tag(c.records().get(0)));
            assertEquals(13 * 108, s.sizeBytes());
        }
    }

    @Test
    void cutsATornRecordAtTheEndOnRecovery() throws Exception {
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            s.append(records(0, 3, 100));
        }
        Path seg;
        try (var l = Files.list(dir)) {
            seg = l.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 30); // crash in the middle of the last append
        }
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            assertEquals(2, s.read(10, Long.MAX_VALUE).records().size());
            s.append(records(3, 1, 100));
            assertEquals(List.of("r0", "r1", "r3"), s.read(10, Long.MAX_VALUE).records().stream().map(DiskSpoolTest::tag).toList());
        }
    }

    @Test
    void skipsAndCountsARecordWithBadCrc() throws Exception {
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            s.append(records(0, 3, 100));
        }
        Path seg;
        try (var l = Files.list(dir)) {
            seg = l.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(108 + 8 + 50); // inside the second record's body
            f.write(0x5A);
        }
        try (var s = DiskSpool.open(dir, 4 << 20)) {
            var c = s.read(10, Long.MAX_VALUE);
            assertEquals(List.of("r0", "r2"), c.records().stream().map(DiskSpoolTest::tag).toList());
            assertEquals(1, c.corruptSkipped());
            assertEquals(1, s.corruptRecords());
        }
    }

    @Test
    void refusesAppendsBeyondItsBoundWithoutWritingAnything() throws Exception {
        try (var s = DiskSpool.open(dir, 1 << 20)) {
            s.append(records(0, 9, 100_000));
            long before = s.sizeBytes();
            assertThrows(SpoolFullException.class, () -> s.append(records(9, 2, 100_000)));
            assertEquals(before, s.sizeBytes());
            s.commit(s.read(5, Long.MAX_VALUE));
            s.append(records(9, 2, 100_000)); // fits again once drained
        }
    }

    @Test
    void rollsSegmentsAndDeletesConsumedOnes() throws Exception {
        try (var s = DiskSpool.open(dir, 16 << 20)) { // segments of 2 MiB
            for (int i = 0; i < 10; i++) s.append(records(i * 10, 10, 50_000));
            long segments;
            try (var l = Files.list(dir)) {
                segments = l.filter(p -> p.toString().endsWith(".spool")).count();
            }
            assertTrue(segments >= 2, "rolled: " + segments);
            int n = 0;
            while (!s.isEmpty()) {
                var c = s.read(7, 1 << 20);
                for (byte[] r : c.records()) assertEquals("r" + n++, tag(r));
                s.commit(c);
            }
            assertEquals(100, n);
        }
        try (var l = Files.list(dir)) {
            assertTrue(l.filter(p -> p.toString().endsWith(".spool")).count() <= 2, "consumed segments deleted");
        }
        try (var s = DiskSpool.open(dir, 16 << 20)) {
            assertTrue(s.isEmpty(), "nothing replayed twice after reopening");
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectoryUntilTheFirstCloses() throws Exception {
        var first = DiskSpool.open(dir, 4 << 20);
        var e = assertThrows(java.io.IOException.class, () -> DiskSpool.open(dir, 4 << 20));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        first.close();
        DiskSpool.open(dir, 4 << 20).close();
    }
}
