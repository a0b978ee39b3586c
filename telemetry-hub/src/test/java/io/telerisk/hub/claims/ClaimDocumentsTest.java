package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.AssessmentRules;
import io.telerisk.claims.assessment.Assessor;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimIntake;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.CrashClaimService;
import io.telerisk.claims.fnol.InMemoryClaimRepository;
import io.telerisk.claims.fnol.InMemoryPolicyDirectory;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.InMemoryAuditLedgerStore;
import io.telerisk.model.Envelope;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The stored JSON form of a claim reads back to an equal claim, money scale and evidence window included. */
class ClaimDocumentsTest {
    @Test
    void aCrashClaimWithItsEvidenceRoundTripsThroughJson() {
        Instant t0 = Instant.parse("2026-06-01T10:00:00.123Z");
        Envelope e = ClaimsHubFixture.crashCandidate(7, "rt-1", t0, 12.5);
        InMemoryPolicyDirectory policies = new InMemoryPolicyDirectory().add(new Policy("P-1", "holder", e.key(),
                t0.minusSeconds(86_400 * 400L), t0.plusSeconds(86_400), List.of(new Coverage("COLLISION", new BigDecimal("50000.00"),
                new BigDecimal("500.00"), "EUR"))));
        ClaimJournal journal = new ClaimJournal(new InMemoryClaimRepository(), new AuditLedger(new InMemoryAuditLedgerStore()));
        CrashClaimService s = new CrashClaimService(new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), new PhysicsRuleClassifier(8), 0.5),
                new io.telerisk.claims.fnol.InMemoryTelemetryWindowSource(), policies, new ClaimIntake(journal, new Assessor(AssessmentRules.defaults())), "COLLISION");
        Claim c = s.onCrashCandidate(e.key(), e.events().get(0), t0.plusSeconds(6)).orElseThrow();

        String json = ClaimDocuments.write(c);
        Claim back = ClaimDocuments.readClaim(json);
        assertEquals(c, back);
        assertEquals(2, back.amount().scale());
        assertTrue(json.contains("\"amount\":\"32000.00\""), json.substring(0, 200));
        assertEquals(505, back.crash().window().size());
    }

    @Test
    void anUnreadableDocumentIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClaimDocuments.readClaim("{\"claimId\": 5, \"status\": \"NOPE\""));
        assertTrue(e.getMessage().startsWith("stored claim document unreadable"), e.getMessage());
    }
}
