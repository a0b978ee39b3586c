package io.telerisk.model.csv;

/**
 * What one CSV file may hold before it is refused as a whole: checked before and while parsing, so a huge upload
 * fails fast with a message instead of filling memory.
 *
 * @param maxBytes   the file's size in bytes
 * @param maxRecords records after the header (blank and comment lines not counted)
 * @param maxColumns fields in one record
 * @param maxFieldChars characters in one field
 */
public record CsvLimits(long maxBytes, int maxRecords, int maxColumns, int maxFieldChars) {
    /** 64 MiB, a million records, 1000 columns, 64 KiB per field: above any export the platform reads today. */
    public static final CsvLimits DEFAULT = new CsvLimits(64L << 20, 1_000_000, 1000, 65_536);

    public CsvLimits {
        if (maxBytes < 1 || maxRecords < 1 || maxColumns < 1 || maxFieldChars < 1) throw new IllegalArgumentException("CSV limits must be positive");
    }

    public CsvLimits withMaxBytes(long bytes) { return new CsvLimits(bytes, maxRecords, maxColumns, maxFieldChars); }

    public CsvLimits withMaxRecords(int records) { return new CsvLimits(maxBytes, records, maxColumns, maxFieldChars); }
}
