package io.telerisk.claims.assessment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjuryRiskCurveTest {
    private final InjuryRiskCurve nhtsa = InjuryRiskCurve.nhtsa2022AllCrashes();

    @Test
    void defaultRulesUseThePublishedNhtsaCurve() {
        assertEquals(nhtsa, AssessmentRules.defaults().injuryRisk());
        assertEquals(-6.9540, nhtsa.beta0());
        assertEquals(0.1637, nhtsa.beta1());
        assertEquals(InjuryRiskCurve.SpeedUnit.MILES_PER_HOUR, nhtsa.speedUnit());
        assertTrue(nhtsa.source().contains("DOT HS 813 219"), nhtsa.source());
    }

    @Test
    void reproducesThePublishedFormulaAtWholeMilesPerHour() {
        // DOT HS 813 219, all crashes, MAIS3+: logit P = -6.9540 + 0.1637 * dV[mph], evaluated here in mph directly
        for (int mph : new int[]{0, 10, 20, 30, 40, 50, 60}) {
            double expected = 1 / (1 + Math.exp(6.9540 - 0.1637 * mph));
            assertEquals(expected, nhtsa.mais3PlusRisk(mph * 1.609344), 1e-12, mph + " mph");
        }
    }

    @Test
    void reproducesValuesComputedOutsideJavaAtKilometresPerHour() {
        // computed with Python 3 math.exp from the published formula, km/h converted with 1 mi = 1.609344 km
        double[][] kmhAndRisk = {
                {0, 0.0009538974827381434},
                {12, 0.0032256869918093002},
                {30, 0.01979279355420955},
                {45, 0.08496918255645348},
                {55, 0.20432410207960072},
                {60, 0.29924574223004874},
                {70, 0.5414775846815211},
                {100, 0.961500373625446},
        };
        for (double[] p : kmhAndRisk) assertEquals(p[1], nhtsa.mais3PlusRisk(p[0]), 1e-12, p[0] + " km/h");
    }

    @Test
    void riskRisesMonotonicallyWithDeltaV() {
        double previous = nhtsa.mais3PlusRisk(0);
        for (double kmh = 0.5; kmh <= 150; kmh += 0.5) {
            double risk = nhtsa.mais3PlusRisk(kmh);
            assertTrue(risk > previous, "risk at " + kmh + " km/h (" + risk + ") not above " + previous);
            assertTrue(risk < 1, "a probability below 1 at " + kmh + " km/h");
            previous = risk;
        }
    }

    @Test
    void severityBandsFallAtTheExpectedDeltaV() {
        // the 2 / 10 / 30 % thresholds cross the curve at 30.10, 46.76 and 60.04 km/h
        assertEquals(Severity.MINOR, Severity.ofRisk(nhtsa.mais3PlusRisk(30.0)));
        assertEquals(Severity.MODERATE, Severity.ofRisk(nhtsa.mais3PlusRisk(30.2)));
        assertEquals(Severity.MODERATE, Severity.ofRisk(nhtsa.mais3PlusRisk(46.7)));
        assertEquals(Severity.SERIOUS, Severity.ofRisk(nhtsa.mais3PlusRisk(46.8)));
        assertEquals(Severity.SERIOUS, Severity.ofRisk(nhtsa.mais3PlusRisk(60.0)));
        assertEquals(Severity.SEVERE, Severity.ofRisk(nhtsa.mais3PlusRisk(60.1)));
        assertEquals(0.5, nhtsa.mais3PlusRisk(6.9540 / 0.1637 * 1.609344), 1e-12, "50 % where the logit is zero");
    }

    @Test
    void kilometrePerHourCurvesAreNotConverted() {
        InjuryRiskCurve perKmh = new InjuryRiskCurve(-6.0, 0.10, InjuryRiskCurve.SpeedUnit.KM_PER_HOUR, "test curve");
        assertEquals(0.5, perKmh.mais3PlusRisk(60), 1e-15);
    }

    @Test
    void rejectsBadCurvesAndBadDeltaV() {
        assertThrows(IllegalArgumentException.class, () -> new InjuryRiskCurve(-6, 0, InjuryRiskCurve.SpeedUnit.KM_PER_HOUR, "flat"));
        assertThrows(IllegalArgumentException.class, () -> new InjuryRiskCurve(-6, -0.1, InjuryRiskCurve.SpeedUnit.KM_PER_HOUR, "falling"));
        assertThrows(IllegalArgumentException.class, () -> new InjuryRiskCurve(Double.NaN, 0.1, InjuryRiskCurve.SpeedUnit.KM_PER_HOUR, "nan"));
        assertThrows(NullPointerException.class, () -> new InjuryRiskCurve(-6, 0.1, null, "no unit"));
        assertThrows(IllegalArgumentException.class, () -> new InjuryRiskCurve(-6, 0.1, InjuryRiskCurve.SpeedUnit.KM_PER_HOUR, " "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nhtsa.mais3PlusRisk(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> nhtsa.mais3PlusRisk(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> nhtsa.mais3PlusRisk(Double.POSITIVE_INFINITY));
    }
}
