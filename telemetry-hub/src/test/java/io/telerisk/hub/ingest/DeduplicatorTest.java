package io.telerisk.hub.ingest;

import org.junit.jupiter.api.Test;

import static io.telerisk.hub.ingest.TestEnvelopes.CAR;
import static io.telerisk.hub.ingest.TestEnvelopes.OTHER_CAR;
import static org.junit.jupiter.api.Assertions.*;

class DeduplicatorTest {
    @Test
    void secondSightingOfASequenceIsADuplicate() {
        Deduplicator d = new Deduplicator(1024, 10);
        assertTrue(d.firstTime(CAR, 5));
        assertFalse(d.firstTime(CAR, 5));
        assertTrue(d.firstTime(OTHER_CAR, 5), "devices have separate windows");
    }

    @Test
    void outOfOrderSequencesInsideTheWindowAreTrackedExactly() {
        Deduplicator d = new Deduplicator(128, 10);
        assertTrue(d.firstTime(CAR, 100));
        assertTrue(d.firstTime(CAR, 90));
        assertTrue(d.firstTime(CAR, 101));
        assertFalse(d.firstTime(CAR, 90));
        assertTrue(d.firstTime(CAR, 95), "a gap below the high-water mark is not a duplicate");
        assertFalse(d.firstTime(CAR, 100));
    }

    @Test
    void jumpsClearStaleBitsSoReusedSlotsAreNotFalseDuplicates() {
        Deduplicator d = new Deduplicator(64, 10);
        assertTrue(d.firstTime(CAR, 1));
        assertTrue(d.firstTime(CAR, 65)); // same slot as 1 (mod 64)
        assertTrue(d.firstTime(CAR, 129 + 64)); // jump beyond the window
        assertTrue(d.firstTime(CAR, 129 + 63), "slot reused after a jump must be clear");
        assertFalse(d.firstTime(CAR, 129 + 64));
    }

    @Test
    void sequencesBelowTheWindowAreLetThroughForTheStoreToDeduplicate() {
        Deduplicator d = new Deduplicator(64, 10);
        assertTrue(d.firstTime(CAR, 1000));
        assertTrue(d.firstTime(CAR, 10));
        assertTrue(d.firstTime(CAR, 10), "too old to remember: not claimed as a duplicate");
    }

    @Test
    void leastRecentlySeenDeviceIsForgottenBeyondTheBound() {
        Deduplicator d = new Deduplicator(64, 1);
        assertTrue(d.firstTime(CAR, 1));
        assertTrue(d.firstTime(OTHER_CAR, 1));
        assertEquals(1, d.devices());
        assertTrue(d.firstTime(CAR, 1), "evicted device starts afresh");
    }
}
