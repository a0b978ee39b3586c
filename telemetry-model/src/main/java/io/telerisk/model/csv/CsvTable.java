package io.telerisk.model.csv;

import java.util.List;
import java.util.Objects;

/**
 * A CSV file with a header: the column names, and the data records each with its line, all as many fields as the
 * header has columns. Numbers are read through {@link #number(int, String)} so that the file's decimal mark is
 * honoured and a bad value names its line and column.
 *
 * @param dialect the separator and decimal mark the file uses
 * @param header  the column names, unique and non-blank
 * @param rows    the data records in file order (blank lines left out)
 */
public record CsvTable(CsvDialect dialect, List<String> header, List<CsvLine> rows) {
    public CsvTable {
        Objects.requireNonNull(dialect, "dialect");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** Whether the header has the column. */
    public boolean has(String column) { return header.contains(column); }

    /** The text of {@code column} in data row {@code row} (0-based). */
    public String text(int row, String column) {
        int i = header.indexOf(column);
        if (i < 0) throw new CsvFormatException(1, column, "no such column in the header " + header);
        return rows.get(row).get(i);
    }

    /** The number in {@code column} of data row {@code row} (0-based), in the file's dialect. */
    public double number(int row, String column) {
        return dialect.number(text(row, column), rows.get(row).line(), column);
    }

    /** The line of the file data row {@code row} (0-based) starts on. */
    public int line(int row) { return rows.get(row).line(); }
}
