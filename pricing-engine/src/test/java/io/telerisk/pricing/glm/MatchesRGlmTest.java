package io.telerisk.pricing.glm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same data fitted by R 4.2.2's glm (script in src/test/resources/glm/simulated-3000.R, numbers printed with
 * %.12g) and by this engine must agree: estimates, standard errors, deviances, AIC.
 */
class MatchesRGlmTest {
    static final String[] NAMES = {"(Intercept)", "log(annualKm)", "nightShare", "factor(territory)suburban",
            "factor(territory)urban", "band(driverAge, 25, 60)(25,60]", "band(driverAge, 25, 60)(60,Inf]"};
    static final double[] R_ESTIMATE = {-7.29550362563, 0.523749607998, 1.12674937971, 0.369219978871, 0.338310902118,
            -0.407563064695, -0.441203692904};
    static final double[] R_SE = {1.4480563314, 0.153046825144, 0.637964142924, 0.192765090166, 0.190547532266,
            0.196346628074, 0.218909498115};

    @Test
    void estimatesStandardErrorsAndDeviancesMatchR() throws Exception {
        DataTable data = DataTable.readCsv(Path.of(getClass().getResource("/glm/simulated-3000.csv").toURI()));
        GlmFit fit = PoissonGlm.fit(Design.build(data,
                Formula.parse("claims ~ log(annualKm) + nightShare + factor(territory) + band(driverAge, 25, 60)"),
                Formula.parseExpression("log(exposure)")));
        for (int j = 0; j < NAMES.length; j++) {
            assertEquals(R_ESTIMATE[j], fit.coefficient(NAMES[j]), 1e-9, NAMES[j]);
            assertEquals(R_SE[j], fit.standardError(NAMES[j]), 1e-9, NAMES[j]);
        }
        assertEquals(967.636661992, fit.deviance(), 1e-8);
        assertEquals(991.961944908, fit.nullDeviance(), 1e-8);
        assertEquals(1334.46962411, fit.aic(), 1e-7);
        assertEquals(2993, fit.dfResidual());
        assertEquals(6, fit.iterations());
    }
}
