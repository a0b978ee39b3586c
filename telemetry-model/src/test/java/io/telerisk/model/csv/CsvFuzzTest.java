package io.telerisk.model.csv;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the platform's one CSV reader (docs/security.md "Fuzzing"): any bytes, in any of the charsets users
 * declare, give a table or a {@link CsvFormatException}; the table keeps within {@link CsvLimits} and every row has
 * the header's width. Small limits make the fuzzer reach the refusals.
 */
class CsvFuzzTest {
    private static final CsvLimits SMALL = new CsvLimits(4096, 50, 20, 200);
    private static final Charset[] CHARSETS = {null, StandardCharsets.UTF_8, StandardCharsets.UTF_16, Charset.forName("GBK"),
            StandardCharsets.ISO_8859_1};

    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void table(FuzzedDataProvider data) {
        Charset charset = CHARSETS[data.consumeInt(0, CHARSETS.length - 1)];
        byte[] bytes = data.consumeRemainingAsBytes();
        CsvTable table;
        try {
            table = Csv.readTable(bytes, charset, SMALL);
        } catch (CsvFormatException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal names its reason");
            return;
        }
        assertTrue(table.rows().size() <= SMALL.maxRecords(), "records within the limit");
        assertTrue(table.header().size() <= SMALL.maxColumns(), "columns within the limit");
        for (CsvLine row : table.rows()) {
            assertEquals(table.header().size(), row.size(), "every row as wide as the header");
            for (int i = 0; i < row.size(); i++) assertTrue(row.get(i).length() <= SMALL.maxFieldChars(), "field within the limit");
        }
    }
}
