package io.telerisk.pricing.glm;

import io.telerisk.model.csv.Csv;
import io.telerisk.model.csv.CsvDialect;
import io.telerisk.model.csv.CsvFormatException;
import io.telerisk.model.csv.CsvLimits;
import io.telerisk.model.csv.CsvTable;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table held column-wise as text, read from CSV by the platform's one reader ({@link Csv}: byte order marks,
 * declared charsets, {@code ;} with decimal commas, quoted fields) or built from arrays. Numeric access honours the
 * file's decimal mark and names line and column of a bad value.
 */
public final class DataTable {
    private final Map<String, String[]> columns;
    private final int rows;
    private final CsvDialect dialect;
    private final int[] lines;

    /** A table built in memory (decimal points, no file lines: errors name the data row). */
    public DataTable(Map<String, String[]> columns) {
        this(columns, CsvDialect.COMMA, null);
    }

    private DataTable(Map<String, String[]> columns, CsvDialect dialect, int[] lines) {
        this.columns = new LinkedHashMap<>(columns);
        int n = -1;
        for (Map.Entry<String, String[]> e : columns.entrySet()) {
            if (n >= 0 && e.getValue().length != n) throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length + " rows, expected " + n);
            n = e.getValue().length;
        }
        this.rows = Math.max(n, 0);
        this.dialect = dialect;
        this.lines = lines;
    }

    /** Reads a CSV file with a header row (UTF-8 unless a byte order mark says otherwise). */
    public static DataTable readCsv(Path file) throws IOException {
        return readCsv(file, null);
    }

    /** Reads a CSV file with a header row in {@code charset} (null: UTF-8) unless a byte order mark says otherwise. */
    public static DataTable readCsv(Path file, Charset charset) throws IOException {
        return of(Csv.readTable(file, charset, CsvLimits.DEFAULT));
    }

    /** Reads CSV bytes with a header row; {@code charset} as declared by the sender, null for UTF-8. */
    public static DataTable readCsv(byte[] csv, Charset charset, CsvLimits limits) {
        return of(Csv.readTable(csv, charset, limits));
    }

    private static DataTable of(CsvTable t) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int c = 0; c < t.header().size(); c++) {
            String[] col = new String[t.rows().size()];
            for (int r = 0; r < col.length; r++) col[r] = t.rows().get(r).get(c);
            m.put(t.header().get(c), col);
        }
        int[] lines = new int[t.rows().size()];
        for (int r = 0; r < lines.length; r++) lines[r] = t.line(r);
        return new DataTable(m, t.dialect(), lines);
    }

    /** The separator and decimal mark of the file the table was read from. */
    public CsvDialect dialect() { return dialect; }

    /** The line of the file data row {@code row} (0-based) starts on; for a table built in memory, row + 2. */
    public int line(int row) { return lines == null ? row + 2 : lines[row]; }

    /** The text of a cell as a number with a decimal point when the file writes decimal commas, else unchanged. */
    public String plainNumber(String column, int row) { return dialect.plainNumber(text(column)[row]); }

    public int rows() { return rows; }

    public boolean has(String column) { return columns.containsKey(column); }

    public List<String> names() { return List.copyOf(columns.keySet()); }

    public String[] text(String column) {
        String[] c = columns.get(column);
        if (c == null) throw new IllegalArgumentException("no column '" + column + "' (have " + columns.keySet() + ")");
        return c;
    }

    /** The column as finite numbers, in the file's dialect. */
    public double[] numeric(String column) {
        String[] c = text(column);
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            if (lines == null) {
                try {
                    out[i] = dialect.number(c[i], 0, column);
                } catch (CsvFormatException e) {
                    throw new IllegalArgumentException("column '" + column + "' data row " + (i + 1) + ": " + e.getMessage().replaceFirst("^column '[^']*': ", ""));
                }
            } else {
                out[i] = dialect.number(c[i], lines[i], column);
            }
        }
        return out;
    }
}
