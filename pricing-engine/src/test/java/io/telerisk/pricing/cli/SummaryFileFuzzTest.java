package io.telerisk.pricing.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzz target for the daily-summary files {@code pricing quote} reads (docs/security.md "Fuzzing"): any file reads as
 * driving days or wearable days, or is refused with a {@link BadSummaryFile} naming its reasons.
 */
class SummaryFileFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void read(byte[] content) throws IOException {
        // one fixed, relative name (surefire runs in the module directory): a random temp name would reach libFuzzer's
        // dictionary through the readers' messages and make the short run in verify differ from run to run
        Path file = Path.of("target", "fuzz-input", "summary.csv");
        Files.createDirectories(file.getParent());
        try {
            Files.write(file, content);
            for (int kind = 0; kind < 2; kind++) {
                try {
                    if (kind == 0) UsageFile.read(file);
                    else WearableFile.read(file);
                } catch (BadSummaryFile refused) {
                    assertFalse(refused.errors().isEmpty(), "a refused file names its reasons");
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
