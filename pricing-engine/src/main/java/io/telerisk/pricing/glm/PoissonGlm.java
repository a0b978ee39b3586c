package io.telerisk.pricing.glm;

/**
 * Poisson GLM with log link and offset, fitted by iteratively reweighted least squares exactly as R's glm.fit does
 * it: start at mu = y + 0.1, weights mu, working response (eta − offset) + (y − mu)/mu, stop when
 * |dev − dev_old| / (|dev| + 0.1) &lt; 1e-8. Standard errors come from (XᵀWX)⁻¹ of the last weighted fit, as in
 * summary.glm (dispersion 1).
 */
public final class PoissonGlm {
    public static final double EPSILON = 1e-8;
    public static final int MAX_ITERATIONS = 25;

    private PoissonGlm() {}

    public static GlmFit fit(Design d) {
        int n = d.n, p = d.p;
        double[] x = d.x, y = d.y, off = d.offset;
        double[] mu = new double[n], eta = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = y[i] + 0.1;
            eta[i] = Math.log(mu[i]);
        }
        double devOld = deviance(y, mu);
        double[] beta = null;
        Cholesky chol = null;
        boolean converged = false;
        int iter = 0;
        double dev = devOld;
        double[] xtwx = new double[p * p];
        double[] xtwz = new double[p];
        while (iter < MAX_ITERATIONS) {
            iter++;
            java.util.Arrays.fill(xtwx, 0);
            java.util.Arrays.fill(xtwz, 0);
            for (int i = 0; i < n; i++) {
                double w = mu[i];
                double z = eta[i] - off[i] + (y[i] - mu[i]) / mu[i];
                int r = i * p;
                for (int j = 0; j < p; j++) {
                    double wx = w * x[r + j];
                    if (wx == 0) continue;
                    xtwz[j] += wx * z;
                    for (int k = 0; k <= j; k++) xtwx[j * p + k] += wx * x[r + k];
                }
            }
            for (int j = 0; j < p; j++) for (int k = j + 1; k < p; k++) xtwx[j * p + k] = xtwx[k * p + j];
            chol = new Cholesky(xtwx, p);
            double[] next = chol.solve(xtwz);
            double[] start = beta;
            dev = update(d, next, eta, mu);
            // step halving when the update overflows, as glm.fit does
            for (int half = 0; !Double.isFinite(dev) && start != null && half < 30; half++) {
                for (int j = 0; j < p; j++) next[j] = (next[j] + start[j]) / 2;
                dev = update(d, next, eta, mu);
            }
            if (!Double.isFinite(dev)) throw new ArithmeticException("IRLS diverged: deviance is not finite at iteration " + iter);
            beta = next;
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
                converged = true;
                break;
            }
            devOld = dev;
        }
        double[] cov = chol.inverse();
        double[] se = new double[p];
        for (int j = 0; j < p; j++) se[j] = Math.sqrt(cov[j * p + j]);
        // null model: intercept only (with offset) when the model has an intercept, else mu = exp(offset)
        double sumY = 0, sumE = 0;
        for (int i = 0; i < n; i++) {
            sumY += y[i];
            sumE += Math.exp(off[i]);
        }
        boolean intercept = !d.names.isEmpty() && d.names.get(0).equals("(Intercept)");
        double[] mu0 = new double[n];
        for (int i = 0; i < n; i++) mu0[i] = intercept ? Math.exp(off[i]) * sumY / sumE : Math.exp(off[i]);
        double nullDev = deviance(y, mu0);
        double aic = aic(y, mu, p);
        return new GlmFit(d.names, beta, se, cov, dev, nullDev, n - p, intercept ? n - 1 : n, aic, iter, converged, d);
    }

    private static double update(Design d, double[] beta, double[] eta, double[] mu) {
        int n = d.n, p = d.p;
        for (int i = 0; i < n; i++) {
            double e = d.offset[i];
            int r = i * p;
            for (int j = 0; j < p; j++) e += d.x[r + j] * beta[j];
            eta[i] = e;
            mu[i] = Math.exp(e);
        }
        return deviance(d.y, mu);
    }

    /** Poisson deviance 2 Σ [y log(y/μ) − (y − μ)], with y log y = 0 at y = 0. */
    public static double deviance(double[] y, double[] mu) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        }
        return 2 * s;
    }

    /** AIC = −2 log L + 2p; NaN when a count is not an integer (as dpois would complain). */
    static double aic(double[] y, double[] mu, int p) {
        double ll = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Math.rint(y[i])) return Double.NaN;
            ll += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - logFactorial((long) y[i]);
        }
        return -2 * ll + 2 * p;
    }

    static double logFactorial(long k) {
        double s = 0;
        for (long i = 2; i <= k; i++) s += Math.log(i);
        return s;
    }
}
