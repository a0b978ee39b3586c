package io.telerisk.pricing.score;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcentrationTest {
    @Test
    void giniIsZeroForARandomRankingAndOneMinusShareForAPerfectOne() {
        double[] e = {1, 1, 1, 1};
        double[] y = {0, 0, 0, 4};
        // perfect: all claims in the first quarter of exposure → area = 1 - 0.125 = 0.875 → Gini 0.75
        assertEquals(0.75, Concentration.gini(new double[] {0.1, 0.2, 0.3, 0.9}, e, y), 1e-12);
        // worst: riskiest last → Gini -0.75
        assertEquals(-0.75, Concentration.gini(new double[] {0.9, 0.8, 0.7, 0.1}, e, y), 1e-12);
        // constant claims: any ranking is 0
        assertEquals(0.0, Concentration.gini(new double[] {3, 1, 2, 4}, e, new double[] {1, 1, 1, 1}), 1e-12);
    }

    @Test
    void topDecileLiftIsFrequencyOfTheRiskiestTenthOverTheAverage() {
        double[] pred = new double[20], e = new double[20], y = new double[20];
        for (int i = 0; i < 20; i++) {
            pred[i] = i;
            e[i] = 1;
            y[i] = i >= 18 ? 3 : 0.5;
        }
        // top 10% of exposure = 2 policies with 3 claims each; average = (6 + 9) / 20
        assertEquals(3 / (15 / 20.0), Concentration.topDecileLift(pred, e, y), 1e-12);
    }
}
