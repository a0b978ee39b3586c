package io.telerisk.pricing.plan;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlPlanTest {
    @Test
    void yamlPlanReadsLikeJson() {
        RatingPlan p = PlanDocumentReader.parseYaml("""
            planId: y
            version: 2
            productLine: motor
            jurisdiction: DE
            currency: EUR
            effectiveFrom: "2026-01-01"
            exposure: { annualRate: 100.10 }
            factors:
              - variable: driverAge
                bands:
                  - { over: 17, upTo: 25, relativity: 1.5 }
                  - { over: 25, relativity: 1.0 }
            tests:
              - name: young
                profile: { periodDays: 365, driverAge: 20 }
                expectedPremium: 150.15
            """);
        assertEquals(new PlanKey("y", 2), p.key());
        assertEquals(0, new BigDecimal("100.10").compareTo(p.exposure().annualRate()));
        assertEquals(List.of(), new PlanValidator(ProhibitedVariables.defaults()).validate(p));
        assertEquals(2, p.factors().get(0).bands().size());
    }

    @Test
    void malformedYamlIsAClearError() {
        PlanDocumentException e = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parseYaml("planId: [unclosed\nversion: 1"));
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    }

    @Test
    void anAbsurdAmountIsAProblemOfTheDocumentNotAnExpansion() {
        PlanDocumentException e = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parseYaml("""
            planId: y
            version: 2
            productLine: motor
            jurisdiction: DE
            currency: EUR
            effectiveFrom: "2026-01-01"
            exposure: { annualRate: "1e-300000000" }
            """));
        assertTrue(e.getMessage().contains("annualRate") && e.getMessage().length() < 2_000, e.getMessage());
    }
}
