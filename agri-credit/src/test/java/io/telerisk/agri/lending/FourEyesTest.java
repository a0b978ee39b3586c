package io.telerisk.agri.lending;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FourEyesTest {
    private final FourEyes rule = new FourEyes(new BigDecimal("5000.00"));
    private final Instant t = Instant.parse("2026-06-01T10:00:00Z");

    private FourEyes.Proposal approve(String amount, String officer) {
        return new FourEyes.Proposal(Verdict.APPROVE, new BigDecimal(amount), ReferralReason.FIELD_VERIFIED, "visited", officer, t);
    }

    @Test
    void anApprovalUpToTheThresholdTakesEffectAtOnce() {
        var d = assertInstanceOf(FourEyes.Step.Decided.class, rule.apply(Optional.empty(), approve("5000.00", "ann")));
        assertTrue(d.review().final_());
    }

    @Test
    void anApprovalAboveTheThresholdNeedsASecondDifferentOfficer() {
        var first = assertInstanceOf(FourEyes.Step.AwaitingSecond.class, rule.apply(Optional.empty(), approve("5000.01", "ann")));
        var self = assertInstanceOf(FourEyes.Step.Refused.class, rule.apply(Optional.of(first.review()), approve("5000.01", "ann")));
        assertTrue(self.reason().contains("second credit officer"), self.reason());
        var done = assertInstanceOf(FourEyes.Step.Decided.class, rule.apply(Optional.of(first.review()), approve("5000.01", "bob")));
        assertEquals("ann", done.review().proposal().officer());
        assertEquals("bob", done.review().confirmedBy());
    }

    @Test
    void aDisagreeingSecondOfficerReplacesTheProposalWhichThenNeedsConfirmingInTurn() {
        var first = assertInstanceOf(FourEyes.Step.AwaitingSecond.class, rule.apply(Optional.empty(), approve("8000.00", "ann")));
        var other = assertInstanceOf(FourEyes.Step.AwaitingSecond.class, rule.apply(Optional.of(first.review()), approve("6000.00", "bob")));
        assertEquals("bob", other.review().proposal().officer());
        assertInstanceOf(FourEyes.Step.Decided.class, rule.apply(Optional.of(other.review()), approve("6000.00", "ann")));
    }

    @Test
    void aDeclineNeedsNoSecondOfficerButAFinalDecisionIsNotReopened() {
        var decline = new FourEyes.Proposal(Verdict.DECLINE, BigDecimal.ZERO, ReferralReason.POOR_CROP_CONDITION, null, "ann", t);
        var d = assertInstanceOf(FourEyes.Step.Decided.class, rule.apply(Optional.empty(), decline));
        assertInstanceOf(FourEyes.Step.Refused.class, rule.apply(Optional.of(d.review()), approve("100.00", "bob")));
    }

    @Test
    void aReasonMustMatchTheVerdict() {
        assertThrows(IllegalArgumentException.class, () -> new FourEyes.Proposal(Verdict.APPROVE, BigDecimal.TEN,
                ReferralReason.OVER_INDEBTED, null, "ann", t));
    }
}
