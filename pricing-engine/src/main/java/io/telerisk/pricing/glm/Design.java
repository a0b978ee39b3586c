package io.telerisk.pricing.glm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The model matrix of a formula over a table, row-major n × p, with R-style column names and, per term, how its
 * columns map back to levels or bands (for exporting a plan). Factor levels sort numerically when all parse as
 * numbers, else as strings; band levels with no observation are dropped (R would report NA for them).
 */
public final class Design {
    /** Columns contributed by one term: names and, for factor/band, the level or band of each column. */
    public record TermColumns(Formula.Term term, int firstColumn, int count, List<String> levels, String referenceLevel,
                              double minValue) {}

    final int n, p;
    final double[] x;
    final double[] y;
    final double[] offset;
    final List<String> names;
    final List<TermColumns> termColumns;

    private Design(int n, int p, double[] x, double[] y, double[] offset, List<String> names, List<TermColumns> tc) {
        this.n = n;
        this.p = p;
        this.x = x;
        this.y = y;
        this.offset = offset;
        this.names = names;
        this.termColumns = tc;
    }

    public int rows() { return n; }

    public int columns() { return p; }

    public List<String> names() { return names; }

    public List<TermColumns> terms() { return termColumns; }

    /** Builds the design; {@code offset} may be null. */
    public static Design build(DataTable data, Formula f, Formula.Term offset) {
        int n = data.rows();
        if (n == 0) throw new IllegalArgumentException("no data rows");
        double[] y = data.numeric(f.response());
        for (int i = 0; i < n; i++) {
            if (y[i] < 0) throw new IllegalArgumentException("response '" + f.response() + "' row " + (i + 1) + " is negative: " + y[i]);
        }
        List<double[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<TermColumns> tcs = new ArrayList<>();
        if (f.intercept()) {
            double[] one = new double[n];
            Arrays.fill(one, 1);
            cols.add(one);
            names.add("(Intercept)");
        }
        for (Formula.Term t : f.terms()) {
            int first = cols.size();
            if (t instanceof Formula.Numeric num) {
                double[] v = data.numeric(num.column());
                cols.add(v);
                names.add(t.label());
                tcs.add(new TermColumns(t, first, 1, List.of(), null, min(v)));
            } else if (t instanceof Formula.Log lg) {
                double[] v = data.numeric(lg.column());
                double[] l = new double[n];
                for (int i = 0; i < n; i++) {
                    if (!(v[i] > 0)) throw new IllegalArgumentException("log(" + lg.column() + ") row " + (i + 1) + ": value " + v[i] + " is not > 0");
                    l[i] = Math.log(v[i]);
                }
                cols.add(l);
                names.add(t.label());
                tcs.add(new TermColumns(t, first, 1, List.of(), null, min(v)));
            } else if (t instanceof Formula.Factor fa) {
                String[] v = data.text(fa.column());
                List<String> levels = sortedLevels(v);
                if (levels.size() < 2) throw new IllegalArgumentException("factor(" + fa.column() + ") has a single level " + levels);
                for (int li = 1; li < levels.size(); li++) {
                    String level = levels.get(li);
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) d[i] = v[i].equals(level) ? 1 : 0;
                    cols.add(d);
                    names.add(t.label() + level);
                }
                tcs.add(new TermColumns(t, first, levels.size() - 1, levels.subList(1, levels.size()), levels.get(0), Double.NaN));
            } else if (t instanceof Formula.Band b) {
                double[] v = data.numeric(b.column());
                int k = b.breaks().length + 1;
                int[] band = new int[n];
                int[] count = new int[k];
                for (int i = 0; i < n; i++) {
                    int j = 0;
                    while (j < b.breaks().length && v[i] > b.breaks()[j]) j++;
                    band[i] = j;
                    count[j]++;
                }
                List<String> labels = new ArrayList<>();
                for (int j = 0; j < k; j++) labels.add(bandLabel(b.breaks(), j));
                int ref = -1;
                for (int j = 0; j < k; j++) if (count[j] > 0) { ref = j; break; }
                List<String> used = new ArrayList<>();
                for (int j = ref + 1; j < k; j++) {
                    if (count[j] == 0) continue;
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) d[i] = band[i] == j ? 1 : 0;
                    cols.add(d);
                    names.add(t.label() + labels.get(j));
                    used.add(labels.get(j));
                }
                if (used.isEmpty()) throw new IllegalArgumentException(t.label() + ": all rows fall in one band");
                tcs.add(new TermColumns(t, first, used.size(), used, labels.get(ref), Double.NaN));
            }
        }
        int p = cols.size();
        if (p == 0) throw new IllegalArgumentException("model has no columns");
        if (n <= p) throw new IllegalArgumentException("need more rows (" + n + ") than coefficients (" + p + ")");
        double[] x = new double[n * p];
        for (int j = 0; j < p; j++) {
            double[] c = cols.get(j);
            for (int i = 0; i < n; i++) x[i * p + j] = c[i];
        }
        double[] off = new double[n];
        if (offset != null) {
            double[] v = data.numeric(offset.column());
            for (int i = 0; i < n; i++) {
                if (offset instanceof Formula.Log) {
                    if (!(v[i] > 0)) throw new IllegalArgumentException("offset log(" + offset.column() + ") row " + (i + 1) + ": value " + v[i] + " is not > 0");
                    off[i] = Math.log(v[i]);
                } else {
                    off[i] = v[i];
                }
            }
        }
        return new Design(n, p, x, y, off, List.copyOf(names), List.copyOf(tcs));
    }

    /**
     * A design with an intercept and the given numeric columns, from rows of feature vectors (for baselines fitted
     * on arrays rather than a CSV). {@code offset} may be null.
     */
    public static Design numeric(List<String> featureNames, double[][] rows, double[] y, double[] offset) {
        int n = rows.length, p = featureNames.size() + 1;
        if (n <= p) throw new IllegalArgumentException("need more rows (" + n + ") than coefficients (" + p + ")");
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != p - 1) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, expected " + (p - 1));
            x[i * p] = 1;
            System.arraycopy(rows[i], 0, x, i * p + 1, p - 1);
        }
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(featureNames);
        return new Design(n, p, x, y.clone(), offset == null ? new double[n] : offset.clone(), List.copyOf(names), List.of());
    }

    static String bandLabel(double[] breaks, int j) {
        String lo = j == 0 ? "-Inf" : Formula.fmt(breaks[j - 1]);
        String hi = j == breaks.length ? "Inf" : Formula.fmt(breaks[j]);
        return "(" + lo + "," + hi + "]";
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) m = Math.min(m, d);
        return m;
    }

    private static List<String> sortedLevels(String[] v) {
        TreeSet<String> set = new TreeSet<>(Arrays.asList(v));
        boolean numeric = true;
        for (String s : set) {
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                numeric = false;
                break;
            }
        }
        List<String> out = new ArrayList<>(set);
        if (numeric) out.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        return out;
    }
}
