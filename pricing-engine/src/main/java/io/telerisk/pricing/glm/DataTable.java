package io.telerisk.pricing.glm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV table held column-wise as text (header row, comma-separated, optional double quotes). Numeric access
 * parses with a clear error naming row and column. Rows with the wrong number of fields are refused.
 */
public final class DataTable {
    private final Map<String, String[]> columns;
    private final int rows;

    public DataTable(Map<String, String[]> columns) {
        this.columns = new LinkedHashMap<>(columns);
        int n = -1;
        for (Map.Entry<String, String[]> e : columns.entrySet()) {
            if (n >= 0 && e.getValue().length != n) throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length + " rows, expected " + n);
            n = e.getValue().length;
        }
        this.rows = Math.max(n, 0);
    }

    public static DataTable readCsv(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new IllegalArgumentException(file + ": empty file, expected a header row");
            List<String> names = split(header.startsWith("\uFEFF") ? header.substring(1) : header, 1);
            for (String n : names) if (n.isBlank()) throw new IllegalArgumentException(file + ": blank column name in header");
            if (new java.util.HashSet<>(names).size() != names.size()) throw new IllegalArgumentException(file + ": duplicate column names " + names);
            List<List<String>> cols = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) cols.add(new ArrayList<>());
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                List<String> f = split(line, lineNo);
                if (f.size() != names.size()) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + f.size() + " fields, header has " + names.size());
                }
                for (int i = 0; i < f.size(); i++) cols.get(i).add(f.get(i));
            }
            Map<String, String[]> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) m.put(names.get(i), cols.get(i).toArray(new String[0]));
            return new DataTable(m);
        }
    }

    private static List<String> split(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { sb.append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { out.add(sb.toString().trim()); sb.setLength(0); }
            else sb.append(c);
        }
        if (quoted) throw new IllegalArgumentException("line " + lineNo + ": unterminated quote");
        out.add(sb.toString().trim());
        return out;
    }

    public int rows() { return rows; }

    public boolean has(String column) { return columns.containsKey(column); }

    public List<String> names() { return List.copyOf(columns.keySet()); }

    public String[] text(String column) {
        String[] c = columns.get(column);
        if (c == null) throw new IllegalArgumentException("no column '" + column + "' (have " + columns.keySet() + ")");
        return c;
    }

    /** The column as finite numbers. */
    public double[] numeric(String column) {
        String[] c = text(column);
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            try {
                out[i] = Double.parseDouble(c[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column '" + column + "' data row " + (i + 1) + ": not a number: '" + c[i] + "'");
            }
            if (!Double.isFinite(out[i])) throw new IllegalArgumentException("column '" + column + "' data row " + (i + 1) + ": not finite: '" + c[i] + "'");
        }
        return out;
    }
}
