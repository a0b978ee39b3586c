package io.telerisk.agent.nmea;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the NMEA path of the edge agent (docs/security.md "Fuzzing"): whatever a GNSS receiver (or whoever
 * sits on its serial line) sends, {@link NmeaReader} turns every line into fixes or counted rejections and
 * {@link NmeaParser} never throws. Regression inputs: src/test/resources/io/telerisk/agent/nmea/NmeaFuzzTestInputs/read/.
 */
class NmeaFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void read(byte[] capture) throws IOException {
        long[] seen = new long[2];
        NmeaReader reader = new NmeaReader(LocalDate.of(2026, 5, 1), new NmeaReader.Listener() {
            @Override
            public void onFix(NmeaFix fix) {
                assertNotNull(fix);
                seen[0]++;
            }

            @Override
            public void onRejected(long lineNumber, NmeaRejectReason reason, String detail, String line) {
                assertNotNull(reason);
                assertTrue(line.length() <= 103, "a rejected line is shown cut short");
                seen[1]++;
            }
        });
        reader.readAll(new ByteArrayInputStream(capture));
        assertEquals(seen[0], reader.fixes(), "every fix counted");
        assertEquals(seen[1], reader.rejectedByReason().values().stream().mapToLong(Long::longValue).sum(), "every rejection counted");
    }
}
