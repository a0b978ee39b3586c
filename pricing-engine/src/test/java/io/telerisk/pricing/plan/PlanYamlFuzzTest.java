package io.telerisk.pricing.plan;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target for Yaml plan documents (docs/security.md "Fuzzing"): any document an actuary uploads reads as a
 * {@link RatingPlan} or fails with a {@link PlanDocumentException} listing its problems, and a plan that reads is
 * validated without throwing. Regression inputs:
 * src/test/resources/io/telerisk/pricing/plan/PlanYamlFuzzTestInputs/parse/.
 */
class PlanYamlFuzzTest {
    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        RatingPlan plan;
        try {
            plan = PlanDocumentReader.parseYaml(text);
        } catch (PlanDocumentException refused) {
            assertFalse(refused.problems().isEmpty(), "a refused plan names its problems");
            return;
        }
        assertNotNull(new PlanValidator(ProhibitedVariables.defaults()).validate(plan));
    }
}
