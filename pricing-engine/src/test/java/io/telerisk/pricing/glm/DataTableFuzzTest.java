package io.telerisk.pricing.glm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telerisk.model.csv.CsvLimits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the CSV tables pricing reads (docs/security.md "Fuzzing"): the claims data a GLM is fitted on, the
 * portfolio an impact analysis quotes and the policy book imported over REST all go through
 * {@link DataTable#readCsv(byte[], java.nio.charset.Charset, CsvLimits)}. Any bytes give a table or an
 * {@link IllegalArgumentException} (the CSV reader's {@code CsvFormatException}, which the hub answers with a 400).
 */
class DataTableFuzzTest {
    private static final CsvLimits SMALL = new CsvLimits(8192, 100, 40, 400);

    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void readCsv(byte[] csv) {
        DataTable t;
        try {
            t = DataTable.readCsv(csv, null, SMALL);
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (String name : t.names()) {
            assertEquals(t.rows(), t.text(name).length, "every column as long as the table");
            for (int r = 0; r < t.rows(); r++) t.plainNumber(name, r);
            try {
                for (double v : t.numeric(name)) assertTrue(Double.isFinite(v), "numbers are finite");
            } catch (IllegalArgumentException notNumeric) {
                // a text column: the caller names it in its 400
            }
        }
    }
}
