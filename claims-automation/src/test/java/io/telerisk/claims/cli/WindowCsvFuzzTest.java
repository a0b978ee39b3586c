package io.telerisk.claims.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telerisk.model.Sample;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target for the crash windows {@code claims assess} reads (docs/security.md "Fuzzing"): any bytes give samples
 * or a {@link WindowCsv.BadCsvException} naming the line.
 */
class WindowCsvFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void parse(byte[] csv) {
        try {
            List<Sample> samples = WindowCsv.parse(csv);
            for (Sample s : samples) assertNotNull(s);
        } catch (WindowCsv.BadCsvException refused) {
            assertNotNull(refused.getMessage());
        }
    }
}
