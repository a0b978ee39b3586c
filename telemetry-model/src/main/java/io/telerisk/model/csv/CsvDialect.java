package io.telerisk.model.csv;

import java.util.regex.Pattern;

/**
 * How one file writes its fields and numbers, as detected from its first line: the separator ({@code ,}, {@code ;}
 * or a tab) and the decimal mark. A {@code ;}-separated file is what Excel writes where the decimal mark is a comma
 * (most of Europe, and Chinese Excel set to such a region), so its numbers may be written {@code 1,5}.
 *
 * @param separator   the field separator
 * @param decimalMark {@code '.'} or {@code ','}
 */
public record CsvDialect(char separator, char decimalMark) {
    public static final CsvDialect COMMA = new CsvDialect(',', '.');
    public static final CsvDialect SEMICOLON = new CsvDialect(';', ',');
    public static final CsvDialect TAB = new CsvDialect('\t', '.');

    private static final Pattern COMMA_DECIMAL = Pattern.compile("[+-]?\\d*,\\d+([eE][+-]?\\d+)?");

    public CsvDialect {
        if (separator != ',' && separator != ';' && separator != '\t') throw new IllegalArgumentException("separator must be ',', ';' or a tab");
        if (decimalMark != '.' && decimalMark != ',') throw new IllegalArgumentException("decimal mark must be '.' or ','");
        if (decimalMark == separator) throw new IllegalArgumentException("decimal mark cannot be the separator");
    }

    /**
     * {@code value} with a decimal comma turned into a point when this dialect writes decimal commas and the value
     * is a plain number written that way ({@code -1,25} becomes {@code -1.25}); anything else comes back unchanged,
     * so text columns are never altered. Thousands separators are not guessed at: {@code 1.234,5} stays as it is
     * and fails as a number where a number is expected.
     */
    public String plainNumber(String value) {
        if (decimalMark != ',' || value == null) return value;
        String v = value.strip();
        return COMMA_DECIMAL.matcher(v).matches() ? v.replace(',', '.') : value;
    }

    /**
     * The number in {@code value} in this dialect, finite, or a {@link CsvFormatException} naming line and column.
     */
    public double number(String value, int line, String column) {
        String v = plainNumber(value == null ? "" : value).strip();
        if (v.isEmpty()) throw new CsvFormatException(line, column, "empty where a number is expected");
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(line, column, "'" + Csv.shown(value) + "' is not a number" + (decimalMark == ',' ? " (decimal comma expected: 1,5)" : ""));
        }
        // Double.parseDouble also takes hex, "Infinity", a trailing 'd': only plain decimals are numbers here
        if (!Double.isFinite(d) || !v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new CsvFormatException(line, column, "'" + Csv.shown(value) + "' is not a plain finite number");
        }
        return d;
    }

    /** The dialect of a file whose first line is {@code firstLine}: the separator seen most often outside quotes. */
    static CsvDialect detect(String firstLine) {
        int commas = 0, semicolons = 0, tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\t') tabs++;
        }
        // on a tie ";" wins: a ";" file's commas are decimal marks, a "," file rarely has a bare ";"
        if (semicolons > 0 && semicolons >= commas && semicolons >= tabs) return SEMICOLON;
        if (tabs > commas && tabs > semicolons) return TAB;
        return COMMA;
    }

    /** How the dialect reads in a message. */
    public String describe() {
        return (separator == '\t' ? "tab" : "'" + separator + "'") + "-separated, decimal '" + decimalMark + "'";
    }
}
