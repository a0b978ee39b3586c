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

    @Test
    void aliasesAreRefusedSoABillionLaughsNeverExpands() {
        StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol]\n");
        for (int i = 1; i < 40; i++) laughs.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        PlanDocumentException e = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parseYaml(laughs + "planId: *a39\n"));
        assertTrue(e.getMessage().contains("anchors and aliases"), e.getMessage());
        // an alias used to be read as its anchor's name, a string: silently wrong rather than refused
        PlanDocumentException scalar = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parseYaml("x: &v lol\nplanId: *v\n"));
        assertTrue(scalar.getMessage().contains("anchors and aliases"), scalar.getMessage());
    }

    @Test
    void deepNestingIsRefusedAtTheDocumentedDepthInYamlAndJson() {
        String deep = "[".repeat(PlanDocumentReader.MAX_NESTING_DEPTH + 1) + "]".repeat(PlanDocumentReader.MAX_NESTING_DEPTH + 1);
        PlanDocumentException yaml = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parseYaml("planId: " + deep + "\n"));
        assertTrue(yaml.getMessage().contains("nesting depth"), yaml.getMessage());
        PlanDocumentException json = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parse("{\"planId\":" + deep + "}"));
        assertTrue(json.getMessage().contains("nesting depth"), json.getMessage());
        String blockDeep = java.util.stream.IntStream.range(0, 200).mapToObj(i -> " ".repeat(i) + "k" + i + ":").collect(java.util.stream.Collectors.joining("\n"));
        PlanDocumentException block = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parseYaml("notes:\n " + blockDeep + " x\n"));
        assertTrue(block.getMessage().contains("nesting depth") || block.getMessage().contains("Nesting Depth"), block.getMessage());
    }

    @Test
    void longStringsAndLargeDocumentsAreRefusedWithTheLimitNamed() {
        String longName = "x".repeat(PlanDocumentReader.MAX_STRING_CHARS + 1);
        PlanDocumentException s = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parse("{\"name\":\"" + longName + "\"}"));
        assertTrue(s.getMessage().contains("String value length"), s.getMessage());
        PlanDocumentException big = assertThrows(PlanDocumentException.class,
                () -> PlanDocumentReader.parseYaml("notes: '" + "x".repeat(PlanDocumentReader.MAX_DOCUMENT_CHARS) + "'\n"));
        assertTrue(big.getMessage().contains("larger than " + PlanDocumentReader.MAX_DOCUMENT_CHARS), big.getMessage());
    }
}
