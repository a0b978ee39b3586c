package io.telerisk.model.csv;

import java.util.List;
import java.util.Objects;

/**
 * One record of a CSV file with the 1-based line it starts on (a quoted field may run over several lines).
 *
 * @param line   the line of the file the record starts on
 * @param fields the record's fields, surrounding spaces removed
 */
public record CsvLine(int line, List<String> fields) {
    public CsvLine {
        if (line < 1) throw new IllegalArgumentException("line must be >= 1");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    }

    public int size() { return fields.size(); }

    public String get(int index) { return fields.get(index); }
}
