package io.telerisk.pricing.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanValidatorTest {
    private final PlanValidator validator = new PlanValidator(ProhibitedVariables.defaults());

    static String plan(String jurisdiction, String factors) {
        return """
            {"planId":"p","version":1,"productLine":"motor","jurisdiction":"%s","currency":"EUR","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[%s],
             "telematics":{"credibility":{"method":"FULL"}}}""".formatted(jurisdiction, factors);
    }

    private List<PlanProblem> problems(String json) {
        return validator.validate(PlanDocumentReader.parse(json));
    }

    private static void assertHasProblem(List<PlanProblem> ps, String pathPart, String messagePart) {
        assertTrue(ps.stream().anyMatch(p -> p.path().contains(pathPart) && p.message().contains(messagePart)),
                "expected problem at " + pathPart + " containing '" + messagePart + "', got " + ps);
    }

    @Test
    void acceptsContiguousBands() {
        assertEquals(List.of(), problems(plan("DE", """
            {"variable":"driverAge","bands":[{"over":17,"upTo":25,"relativity":1.5},{"over":25,"relativity":1.0}]}""")));
    }

    @Test
    void rejectsUnknownVariable() {
        assertHasProblem(problems(plan("DE", """
            {"variable":"driverAgee","bands":[{"over":17,"relativity":1.5}]}""")), "factors[0].variable", "unknown variable 'driverAgee'");
    }

    @Test
    void rejectsOverlappingBands() {
        assertHasProblem(problems(plan("DE", """
            {"variable":"driverAge","bands":[{"over":17,"upTo":30,"relativity":1.5},{"over":25,"relativity":1.0}]}""")),
                "bands[1]", "overlaps");
    }

    @Test
    void rejectsGappedBands() {
        assertHasProblem(problems(plan("DE", """
            {"variable":"driverAge","bands":[{"over":17,"upTo":25,"relativity":1.5},{"over":30,"relativity":1.0}]}""")),
                "bands[1]", "gap: values in (25.0, 30.0]");
    }

    @Test
    void rejectsOpenBandInTheMiddle() {
        assertHasProblem(problems(plan("DE", """
            {"variable":"driverAge","bands":[{"over":17,"relativity":1.5},{"over":30,"relativity":1.0}]}""")),
                "bands[0].upTo", "only the last band");
    }

    @Test
    void rejectsNegativeAndZeroRelativities() {
        List<PlanProblem> ps = problems(plan("DE", """
            {"variable":"driverAge","bands":[{"over":17,"upTo":25,"relativity":-1.5},{"over":25,"relativity":0}]}"""));
        assertHasProblem(ps, "bands[0].relativity", "negative relativity");
        assertHasProblem(ps, "bands[1].relativity", "zero relativity");
    }

    @Test
    void rejectsGenderUnderEuRulesButNotElsewhere() {
        String gender = """
            {"variable":"gender","levels":{"f":0.9,"m":1.1}}""";
        assertHasProblem(problems(plan("FR", gender)), "factors[0].variable", "prohibited in FR");
        assertEquals(List.of(), problems(plan("CH", gender)));
    }

    @Test
    void stateListAddsToCountryList() {
        String credit = """
            {"variable":"creditScore","bands":[{"upTo":600,"relativity":1.2},{"over":600,"relativity":1.0}]}""";
        assertHasProblem(problems(plan("US-CA", credit)), "factors[0].variable", "prohibited in US-CA");
        assertEquals(List.of(), problems(plan("US-TX", credit)));
    }

    @Test
    void rejectsLevelsOnNumericVariableAndBandsOnCategorical() {
        assertHasProblem(problems(plan("DE", """
            {"variable":"driverAge","levels":{"a":1.0}}""")), "levels", "is numeric");
        assertHasProblem(problems(plan("DE", """
            {"variable":"territory","bands":[{"relativity":1.0}]}""")), "factors[0]", "is categorical");
    }

    @Test
    void rejectsLogTermThatCouldTakeLogOfZero() {
        assertHasProblem(problems(plan("DE", """
            {"variable":"annualKm","term":{"transform":"LOG","coefficient":0.3,"reference":10000}}""")), "term.minValue", "log(0)");
    }

    @Test
    void rejectsTelematicsFactorsWithoutTelematicsRules() {
        String json = """
            {"planId":"p","version":1,"productLine":"motor","jurisdiction":"DE","currency":"EUR","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[{"variable":"nightShare","term":{"coefficient":1}}]}""";
        assertHasProblem(problems(json), "$.telematics", "no telematics section");
    }

    @Test
    void rejectsBadCurrencyAndFloorAboveCap() {
        String json = """
            {"planId":"p","version":1,"productLine":"motor","jurisdiction":"DE","currency":"EUX","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[],
             "telematics":{"credibility":{"method":"SQRT_KM"},"minAdjustment":1.2,"maxAdjustment":1.1}}""";
        List<PlanProblem> ps = problems(json);
        assertHasProblem(ps, "$.currency", "ISO 4217");
        assertHasProblem(ps, "fullCredibilityKm", "SQRT_KM needs");
        assertHasProblem(ps, "$.telematics", "minAdjustment > maxAdjustment");
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        PlanDocumentException e = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parse("{\"planId\": \"p\",\n \"version\": }"));
        assertTrue(e.getMessage().contains("malformed JSON") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void shapeErrorsAreAllReportedWithPaths() {
        PlanDocumentException e = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parse("""
            {"planId":"p","version":"one","productLine":"motor","jurisdiction":"DE","currency":"EUR","colour":"red",
             "exposure":{"annualRate":"lots"},"factors":[{"variable":"driverAge","bands":[{"over":17,"relativity":"high"}]}]}"""));
        List<String> paths = e.problems().stream().map(PlanProblem::path).toList();
        assertTrue(paths.contains("$.version"), paths.toString());
        assertTrue(paths.contains("$.colour"), paths.toString());
        assertTrue(paths.contains("$.exposure.annualRate"), paths.toString());
        assertTrue(paths.contains("$.factors[0].bands[0].relativity"), paths.toString());
    }

    @Test
    void rejectsHostileJurisdictionString() {
        PlanDocumentException e = assertThrows(PlanDocumentException.class, () -> PlanDocumentReader.parse("""
            {"planId":"p","version":1,"productLine":"motor","jurisdiction":"DE'; drop table plans;--","currency":"EUR"}"""));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("$.jurisdiction")), e.getMessage());
    }
}
