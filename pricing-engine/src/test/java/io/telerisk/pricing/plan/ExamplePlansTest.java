package io.telerisk.pricing.plan;

import io.telerisk.pricing.catalog.PlanTestResult;
import io.telerisk.pricing.catalog.PlanTestRunner;
import io.telerisk.pricing.rating.CompiledPlan;
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
}
