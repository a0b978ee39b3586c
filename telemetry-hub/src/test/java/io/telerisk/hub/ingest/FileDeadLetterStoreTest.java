package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FileDeadLetterStoreTest {
    @TempDir
    Path dir;

    @Test
    void keepsReasonDetailTopicAndPayloadNewestFirst() throws Exception {
        try (var s = FileDeadLetterStore.open(dir, 1 << 20, 2)) {
            byte[] hostile = "\u0000\"}\n{\"reason\":\"FAKE\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.append(List.of(DeadLetter.of(Instant.parse("2026-01-01T00:00:00Z"), RejectReason.MALFORMED, "bad json at 1:3",
                    "v1/acme/vehicle/car-1/telemetry", "builtin:c1", "application/json", hostile)));
            s.append(List.of(DeadLetter.of(Instant.parse("2026-01-01T00:00:01Z"), RejectReason.NOT_AUTHORISED, "other topic",
                    "v1/acme/vehicle/car-2/telemetry", "builtin:c1", null, new byte[]{1, 2})));
            var recent = s.recent(10);
            assertEquals(2, recent.size());
            assertEquals(RejectReason.NOT_AUTHORISED, recent.get(0).reason());
            assertNull(recent.get(0).contentType());
            assertArrayEquals(hostile, recent.get(1).payload(), "payload survives as base64, hostile bytes and all");
            assertEquals("bad json at 1:3", recent.get(1).detail());
        }
    }

    @Test
    void truncatesHugePayloadsAndSaysSo() {
        DeadLetter d = DeadLetter.of(Instant.now(), RejectReason.TOO_LARGE, "big", "t", "s", null, new byte[200_000]);
        assertTrue(d.payloadTruncated());
        assertEquals(200_000, d.payloadBytes());
        assertEquals(DeadLetter.MAX_PAYLOAD_BYTES, d.payload().length);
    }

    @Test
    void rotatesAndBoundsDiskUse() throws Exception {
        try (var s = FileDeadLetterStore.open(dir, 4096, 2)) {
            for (int i = 0; i < 200; i++) {
                List<DeadLetter> batch = new ArrayList<>();
                batch.add(DeadLetter.of(Instant.now(), RejectReason.MALFORMED, "n" + i, "t", "s", null, new byte[100]));
                s.append(batch);
            }
            assertEquals("n199", s.recent(1).get(0).detail());
        }
        long files;
        try (var l = Files.list(dir)) {
            files = l.count();
        }
        assertEquals(3, files, "current plus two rotated files");
        long total;
        try (var l = Files.list(dir)) {
            total = l.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total <= 3 * 4096 + 1024, "bounded: " + total);
    }
}
