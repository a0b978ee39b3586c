package io.telerisk.hub.ingest;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.codec.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead letters in the system of record stay bounded: payloads cut, old rows and rows beyond the cap pruned. */
class JdbcDeadLetterStoreTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private SystemOfRecord sor;

    @BeforeEach
    void open() {
        sor = SystemOfRecord.open("jdbc:h2:mem:dl-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
    }

    @AfterEach
    void close() {
        sor.close();
    }

    private static DeadLetter letter(int minute, byte[] payload) {
        return DeadLetter.of(T0.plusSeconds(60L * minute), RejectReason.MALFORMED, "bad " + minute,
                "v1/acme/vehicle/car-" + minute + "/telemetry", "builtin:c", "application/json", payload);
    }

    @Test
    void keepsTheFirstBytesOfALargePayloadAndItsOriginalSize() throws Exception {
        JdbcDeadLetterStore store = new JdbcDeadLetterStore(sor.dataSource(), Duration.ofDays(7), 100);
        byte[] big = new byte[20_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        store.append(List.of(letter(0, big), letter(1, "{}".getBytes())));
        List<DeadLetter> recent = store.recent(10);
        assertEquals(2, recent.size());
        DeadLetter small = recent.get(0);
        assertFalse(small.payloadTruncated());
        assertArrayEquals("{}".getBytes(), small.payload());
        assertEquals("acme", small.topicTenant());
        DeadLetter cut = recent.get(1);
        assertTrue(cut.payloadTruncated());
        assertEquals(20_000, cut.payloadBytes());
        assertEquals(JdbcDeadLetterStore.MAX_STORED_PAYLOAD_BYTES, cut.payload().length);
        assertEquals(big[JdbcDeadLetterStore.MAX_STORED_PAYLOAD_BYTES - 1], cut.payload()[JdbcDeadLetterStore.MAX_STORED_PAYLOAD_BYTES - 1]);
        assertEquals(1, store.search(new DeadLetterQuery("acme", RejectReason.MALFORMED, "car-0", null, null, 0, 10)).total());
    }

    @Test
    void pruningDeletesRowsPastTheRetentionThenTheOldestBeyondTheCap() throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) letters.add(letter(minute, new byte[0]));
        new JdbcDeadLetterStore(sor.dataSource(), Duration.ofDays(1), 100).append(letters);
        Instant now = T0.plusSeconds(3600 + 90);
        assertEquals(2, new JdbcDeadLetterStore(sor.dataSource(), Duration.ofHours(1), 100).prune(now), "minutes 0 and 1 are older than an hour");
        JdbcDeadLetterStore store = new JdbcDeadLetterStore(sor.dataSource(), Duration.ofHours(1), 5);
        assertEquals(8, store.search(new DeadLetterQuery(null, null, null, null, null, 0, 100)).total());
        assertEquals(3, store.prune(now), "then the oldest beyond five rows");
        List<DeadLetter> kept = store.recent(100);
        assertEquals(5, kept.size());
        assertEquals(T0.plusSeconds(60L * 9), kept.get(0).receivedAt());
        assertEquals(T0.plusSeconds(60L * 5), kept.get(4).receivedAt());
        assertEquals(0, store.prune(now), "nothing more to prune");
        assertNull(DeadLetter.of(T0, RejectReason.MALFORMED, "x", "not/ours", "s", null, new byte[0]).topicTenant());
    }
}
