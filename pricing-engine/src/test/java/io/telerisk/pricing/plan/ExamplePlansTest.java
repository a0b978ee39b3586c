package io.telerisk.pricing.plan;

import io.telerisk.pricing.catalog.PlanTestResult;
import io.telerisk.pricing.catalog.PlanTestRunner;
import io.telerisk.pricing.rating.CompiledPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExamplePlansTest {
    private final PlanValidator validator = new PlanValidator(ProhibitedVariables.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"/plans/motor-payd-gb.json", "/plans/wellness-nl.json", "/plans/frequency-agn2019-es.json"})
    void examplePlanValidatesAndPassesItsOwnHandCheckedTestCases(String resource) {
        RatingPlan plan = PlanDocumentReader.readResource(resource);
        assertEquals(List.of(), validator.validate(plan));
        List<PlanTestResult> results = PlanTestRunner.run(CompiledPlan.compile(plan, validator));
        assertFalse(results.isEmpty());
        for (PlanTestResult r : results) assertTrue(r.passed(), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plans/motor-payd-gb.json", "/plans/wellness-nl.json", "/plans/frequency-agn2019-es.json"})
    void planDocumentRoundTripsThroughTheWriter(String resource) {
        RatingPlan plan = PlanDocumentReader.readResource(resource);
        RatingPlan again = PlanDocumentReader.parse(PlanDocumentWriter.toJson(plan));
        assertEquals(plan, again);
    }

    /**
     * The frequency example's coefficients are not the paper's (no table could be read); the plan must say so where a
     * reader looks. When real estimates replace them, update the plan's notes and this test together.
     */
    @Test
    void frequencyExampleSaysItsCoefficientsAreIllustrative() {
        RatingPlan plan = PlanDocumentReader.readResource("/plans/frequency-agn2019-es.json");
        assertTrue(plan.name().contains("ILLUSTRATIVE"), plan.name());
        assertTrue(plan.notes().startsWith("ILLUSTRATIVE COEFFICIENTS - NOT PUBLISHED ESTIMATES"), plan.notes());
        assertTrue(plan.claimFrequency().source().startsWith("ILLUSTRATIVE"), plan.claimFrequency().source());
    }
}
