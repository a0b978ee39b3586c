package io.telerisk.pricing.glm;

/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (row-major, p × p), with solve and
 * inverse. Small and dependency-free on purpose: GLM normal equations are p × p with p in the tens.
 */
public final class Cholesky {
    private final int p;
    private final double[] l;

    /**
     * @throws IllegalArgumentException when A is not positive definite (collinear design columns), naming the column
     */
    public Cholesky(double[] a, int p) {
        this.p = p;
        this.l = new double[p * p];
        for (int j = 0; j < p; j++) {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
            // relative tolerance: a pivot that lost almost all of its diagonal is a linear combination of earlier columns
            if (!(d > 1e-10 * Math.abs(a[j * p + j])) || !(d > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite at column " + j + " (collinear or constant design column)");
            }
            double ljj = Math.sqrt(d);
            l[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++) {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
                l[i * p + j] = s / ljj;
            }
        }
    }

    /** Solves A x = b. */
    public double[] solve(double[] b) {
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * p + k] * y[k];
            y[i] = s / l[i * p + i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
            x[i] = s / l[i * p + i];
        }
        return x;
    }

    /** A⁻¹, row-major. */
    public double[] inverse() {
        double[] inv = new double[p * p];
        double[] e = new double[p];
        for (int j = 0; j < p; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            double[] col = solve(e);
            for (int i = 0; i < p; i++) inv[i * p + j] = col[i];
        }
        return inv;
    }
}
