package io.telerisk.model.csv;

/**
 * A CSV file the platform cannot read, naming where: the 1-based line of the file (0 when the whole file is at
 * fault) and, when one column is at fault, its name (or its 1-based position when the file has no header).
 * Unchecked and an {@link IllegalArgumentException}, so the hub maps it to a 400 like any other bad input.
 */
public final class CsvFormatException extends IllegalArgumentException {
    private final int line;
    private final String column;

    public CsvFormatException(int line, String column, String problem) {
        super(where(line, column) + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the file, 0 when the problem is the file as a whole. */
    public int line() { return line; }

    /** The column's name (or 1-based position), or null when no single column is at fault. */
    public String column() { return column; }

    private static String where(int line, String column) {
        if (line <= 0) return column == null ? "" : "column '" + column + "': ";
        return column == null ? "line " + line + ": " : "line " + line + ", column '" + column + "': ";
    }
}
