package io.telerisk.pricing.glm;

import java.util.List;
import java.util.Locale;

/**
 * A fitted Poisson GLM: coefficients with standard errors, deviances and degrees of freedom as R reports them.
 *
 * @param names          coefficient names in R's style ("(Intercept)", "log(km)", "factor(region)B")
 * @param coefficients   estimates (log relativities)
 * @param standardErrors standard errors, dispersion 1
 * @param covariance     (XᵀWX)⁻¹, row-major p × p
 * @param deviance       residual deviance
 * @param nullDeviance   deviance of the intercept-only model with the same offset
 * @param dfResidual     n − p
 * @param dfNull         n − 1 (n without intercept)
 * @param aic            Akaike information criterion
 * @param iterations     Fisher scoring iterations
 * @param converged      whether the deviance criterion was met
 * @param design         the design the model was fitted on (levels and bands for plan export)
 */
public record GlmFit(List<String> names, double[] coefficients, double[] standardErrors, double[] covariance,
                     double deviance, double nullDeviance, int dfResidual, int dfNull, double aic, int iterations,
                     boolean converged, Design design) {

    /** Estimate of a named coefficient. */
    public double coefficient(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no coefficient " + name + " in " + names);
        return coefficients[i];
    }

    public double standardError(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no coefficient " + name + " in " + names);
        return standardErrors[i];
    }

    /** Linear predictor without offset for a design row. */
    public double linearPredictor(double[] row) {
        double s = 0;
        for (int j = 0; j < row.length; j++) s += row[j] * coefficients[j];
        return s;
    }

    /** A summary laid out like R's summary.glm. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        int w = 12;
        for (String n : names) w = Math.max(w, n.length() + 1);
        sb.append("Coefficients:\n");
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %14s %14s %9s %10s%n", "", "Estimate", "Std. Error", "z value", "Pr(>|z|)"));
        for (int j = 0; j < names.size(); j++) {
            double z = coefficients[j] / standardErrors[j];
            double pv = Normal.twoSidedP(z);
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %14.7g %14.7g %9.3f %10s%n", names.get(j), coefficients[j],
                    standardErrors[j], z, pv < 2e-16 ? "<2e-16" : String.format(Locale.ROOT, "%.3g", pv)));
        }
        sb.append("\n(Dispersion parameter for poisson family taken to be 1)\n\n");
        sb.append(String.format(Locale.ROOT, "    Null deviance: %.6f  on %d  degrees of freedom%n", nullDeviance, dfNull));
        sb.append(String.format(Locale.ROOT, "Residual deviance: %.6f  on %d  degrees of freedom%n", deviance, dfResidual));
        sb.append(String.format(Locale.ROOT, "AIC: %.4f%n%n", aic));
        sb.append("Number of Fisher Scoring iterations: ").append(iterations).append(converged ? "" : " (NOT CONVERGED)").append('\n');
        return sb.toString();
    }
}
