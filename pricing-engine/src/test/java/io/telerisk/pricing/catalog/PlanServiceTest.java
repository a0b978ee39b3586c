package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanStatus;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.rating.RatingInput;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanServiceTest {
    final PlanService service = new PlanService(new InMemoryPlanRepository(), new PlanValidator(ProhibitedVariables.defaults()),
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    static RatingPlan flat(String id, int version, String jurisdiction, String effectiveFrom, String rate, String expected) {
        return PlanDocumentReader.parse("""
            {"planId":"%s","version":%d,"productLine":"motor","jurisdiction":"%s","currency":"EUR","effectiveFrom":"%s",
             "exposure":{"annualRate":%s},"factors":[{"variable":"territory","levels":{"urban":1.2,"rural":0.9}}],
             "tests":[{"name":"urban year","profile":{"periodDays":365,"territory":"urban"},"expectedPremium":%s}]}"""
                .formatted(id, version, jurisdiction, effectiveFrom, rate, expected));
    }

    private PlanKey approveAndActivate(RatingPlan p) {
        service.saveDraft(p, "alice");
        service.approve(p.key(), "bob");
        service.activate(p.key());
        return p.key();
    }

    @Test
    void authorCannotApproveOwnPlan() {
        RatingPlan p = flat("m", 1, "DE", "2026-01-01", "100", "120.00");
        service.saveDraft(p, "alice");
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class, () -> service.approve(p.key(), " Alice "));
        assertTrue(e.getMessage().contains("cannot also approve"), e.getMessage());
        assertEquals(PlanStatus.APPROVED, service.approve(p.key(), "bob").status());
    }

    @Test
    void approvalIsRefusedWhileATestCaseFails() {
        RatingPlan p = flat("m", 1, "DE", "2026-01-01", "100", "119.99");
        service.saveDraft(p, "alice");
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class, () -> service.approve(p.key(), "bob"));
        assertTrue(e.getMessage().contains("FAIL urban year: expected 119.99, got 120.00"), e.getMessage());
        assertEquals(PlanStatus.DRAFT, service.get(p.key()).status());
    }

    @Test
    void approvalIsRefusedForAnInvalidPlan() {
        RatingPlan p = PlanDocumentReader.parse("""
            {"planId":"g","version":1,"productLine":"motor","jurisdiction":"FR","currency":"EUR","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[{"variable":"gender","levels":{"f":0.9,"m":1.1}}],
             "tests":[{"name":"x","profile":{"periodDays":365,"gender":"f"},"expectedPremium":90.00}]}""");
        service.saveDraft(p, "alice");
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class, () -> service.approve(p.key(), "bob"));
        assertTrue(e.getMessage().contains("prohibited in FR"), e.getMessage());
    }

    @Test
    void approvalNeedsAtLeastOneTestCase() {
        RatingPlan p = PlanDocumentReader.parse("""
            {"planId":"n","version":1,"productLine":"motor","jurisdiction":"DE","currency":"EUR","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[]}""");
        service.saveDraft(p, "alice");
        assertThrows(PlanLifecycleException.class, () -> service.approve(p.key(), "bob"));
    }

    @Test
    void approvedPlanIsImmutableAndAChangeIsANewVersion() {
        PlanKey k = approveAndActivate(flat("m", 1, "DE", "2026-01-01", "100", "120.00"));
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class,
                () -> service.saveDraft(flat("m", 1, "DE", "2026-01-01", "200", "240.00"), "alice"));
        assertTrue(e.getMessage().contains("immutable") && e.getMessage().contains("version 2"), e.getMessage());
        assertEquals(new BigDecimal("100"), service.get(k).document().exposure().annualRate());
        assertEquals(2, service.nextVersion("m"));
    }

    @Test
    void onlyApprovedPlansActivateAndOnlyActiveOnesRetire() {
        RatingPlan p = flat("m", 1, "DE", "2026-01-01", "100", "120.00");
        service.saveDraft(p, "alice");
        assertThrows(PlanLifecycleException.class, () -> service.activate(p.key()));
        assertThrows(PlanLifecycleException.class, () -> service.retire(p.key(), LocalDate.of(2027, 1, 1)));
    }

    @Test
    void selectsByProductJurisdictionCurrencyAndEffectiveDate() {
        PlanKey v1 = approveAndActivate(flat("m", 1, "DE", "2026-01-01", "100", "120.00"));
        PlanKey v2 = approveAndActivate(flat("m", 2, "DE", "2026-07-01", "110", "132.00"));
        Jurisdiction de = Jurisdiction.parse("DE");
        assertEquals(v1, service.select("motor", de, "EUR", LocalDate.of(2026, 6, 30)).orElseThrow().key());
        assertEquals(v2, service.select("Motor", de, "EUR", LocalDate.of(2026, 7, 1)).orElseThrow().key());
        assertTrue(service.select("motor", de, "EUR", LocalDate.of(2025, 12, 31)).isEmpty());
        assertTrue(service.select("motor", de, "USD", LocalDate.of(2026, 8, 1)).isEmpty());
        assertTrue(service.select("home", de, "EUR", LocalDate.of(2026, 8, 1)).isEmpty());
        service.retire(v2, LocalDate.of(2026, 9, 1));
        assertEquals(v2, service.select("motor", de, "EUR", LocalDate.of(2026, 8, 31)).orElseThrow().key());
        assertTrue(service.select("motor", de, "EUR", LocalDate.of(2026, 9, 1)).isEmpty(), "v1 was superseded on 2026-07-01");
    }

    @Test
    void activatingANewVersionRetiresTheActiveOneOnItsEffectiveDate() {
        PlanKey v1 = approveAndActivate(flat("m", 1, "DE", "2026-01-01", "100", "120.00"));
        RatingPlan v2 = flat("m", 2, "DE", "2026-07-01", "110", "132.00");
        service.saveDraft(v2, "alice");
        service.approve(v2.key(), "bob");
        PlanService.Activation a = service.activate(v2.key());
        assertEquals(PlanStatus.ACTIVE, a.active().status());
        assertEquals(1, a.superseded().size());
        assertEquals(v1, a.superseded().get(0).key());
        assertEquals(PlanStatus.RETIRED, service.get(v1).status());
        assertEquals(LocalDate.of(2026, 7, 1), service.get(v1).retiredOn());
        long active = service.versions("m").stream().filter(p -> p.status() == PlanStatus.ACTIVE).count();
        assertEquals(1, active, "one version of a plan is active at a time");
    }

    @Test
    void aVersionTakingEffectNoLaterThanTheActiveOneIsNotActivated() {
        PlanKey v1 = approveAndActivate(flat("m", 1, "DE", "2026-07-01", "100", "120.00"));
        RatingPlan v2 = flat("m", 2, "DE", "2026-07-01", "110", "132.00");
        service.saveDraft(v2, "alice");
        service.approve(v2.key(), "bob");
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class, () -> service.activate(v2.key()));
        assertTrue(e.getMessage().contains("retire m@v1 first") || e.getMessage().contains("retire " + v1 + " first"), e.getMessage());
        assertEquals(PlanStatus.ACTIVE, service.get(v1).status());
        assertEquals(PlanStatus.APPROVED, service.get(v2.key()).status());
    }

    @Test
    void aStuckDraftCanBeDiscardedButApprovedVersionsCannot() {
        PlanKey v1 = approveAndActivate(flat("m", 1, "DE", "2026-01-01", "100", "120.00"));
        RatingPlan v2 = flat("m", 2, "DE", "2026-07-01", "110", "132.00");
        service.saveDraft(v2, "alice");
        assertEquals(PlanStatus.DRAFT, service.discard(v2.key()).status());
        assertTrue(service.versions("m").stream().noneMatch(p -> p.key().equals(v2.key())));
        assertEquals(2, service.nextVersion("m"), "the discarded version number is free again");
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class, () -> service.discard(v1));
        assertTrue(e.getMessage().contains("only a DRAFT can be discarded"), e.getMessage());
    }

    @Test
    void drafts_areNeverSelected() {
        RatingPlan p = flat("m", 1, "DE", "2026-01-01", "100", "120.00");
        service.saveDraft(p, "alice");
        assertTrue(service.select("motor", Jurisdiction.parse("DE"), "EUR", LocalDate.of(2026, 6, 1)).isEmpty());
    }

    @Test
    void stateDeviationOverridesPartsOfTheBaseWithoutCopyingIt() {
        PlanKey base = approveAndActivate(PlanDocumentReader.parse("""
            {"planId":"us","version":1,"productLine":"motor","jurisdiction":"US","currency":"USD","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":1000},"factors":[{"variable":"territory","levels":{"urban":1.2,"rural":0.9}},
               {"variable":"creditScore","bands":[{"upTo":600,"relativity":1.3},{"over":600,"relativity":1.0}]}],
             "taxes":[{"name":"premium tax","ratePercent":2}],
             "tests":[{"name":"t","profile":{"periodDays":365,"territory":"urban","creditScore":550},"expectedPremium":1591.20}]}"""));
        // California: credit score is prohibited, so the deviation drops it and changes the urban relativity
        RatingPlan ca = PlanDocumentReader.parse("""
            {"planId":"us-ca","version":1,"productLine":"motor","jurisdiction":"US-CA",
             "deviation":{"basePlanId":"us","baseVersion":1,"removeFactors":["creditScore"]},
             "factors":[{"variable":"territory","levels":{"urban":1.4,"rural":0.9}}],
             "tests":[{"name":"t","profile":{"periodDays":365,"territory":"urban"},"expectedPremium":1428.00}]}""");
        PlanKey dev = approveAndActivate(ca);
        RatingPlan eff = service.effective(dev);
        assertEquals(1, eff.factors().size());
        assertEquals(new BigDecimal("1000"), eff.exposure().annualRate());
        assertEquals(dev, service.select("motor", Jurisdiction.parse("US-CA"), "USD", LocalDate.of(2026, 5, 1)).orElseThrow().key());
        assertEquals(base, service.select("motor", Jurisdiction.parse("US-TX"), "USD", LocalDate.of(2026, 5, 1)).orElseThrow().key());
        assertEquals(new BigDecimal("1428.00"), service.compiled(dev)
                .quote(RatingInput.fromProfile("p", Map.of("periodDays", 365, "territory", "urban"), null)).totalPremium());
    }

    @Test
    void deviationThatKeepsAProhibitedFactorIsRefused() {
        approveAndActivate(PlanDocumentReader.parse("""
            {"planId":"us","version":1,"productLine":"motor","jurisdiction":"US","currency":"USD","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":1000},"factors":[{"variable":"creditScore","bands":[{"upTo":600,"relativity":1.3},{"over":600,"relativity":1.0}]}],
             "tests":[{"name":"t","profile":{"periodDays":365,"creditScore":700},"expectedPremium":1000.00}]}"""));
        RatingPlan ca = PlanDocumentReader.parse("""
            {"planId":"us-ca","version":1,"productLine":"motor","jurisdiction":"US-CA","deviation":{"basePlanId":"us","baseVersion":1},
             "tests":[{"name":"t","profile":{"periodDays":365,"creditScore":700},"expectedPremium":1000.00}]}""");
        service.saveDraft(ca, "alice");
        PlanLifecycleException e = assertThrows(PlanLifecycleException.class, () -> service.approve(ca.key(), "bob"));
        assertTrue(e.getMessage().contains("creditScore' is prohibited in US-CA"), e.getMessage());
    }

    @Test
    void deviationOnADraftBaseCannotBeApproved() {
        service.saveDraft(flat("m", 1, "US", "2026-01-01", "100", "120.00"), "alice");
        RatingPlan dev = PlanDocumentReader.parse("""
            {"planId":"m-ca","version":1,"productLine":"motor","jurisdiction":"US-CA","deviation":{"basePlanId":"m","baseVersion":1},
             "tests":[{"name":"t","profile":{"periodDays":365,"territory":"urban"},"expectedPremium":120.00}]}""");
        service.saveDraft(dev, "carol");
        assertThrows(PlanLifecycleException.class, () -> service.approve(dev.key(), "bob"));
    }
}
