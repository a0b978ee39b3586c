package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.Settlement;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.ledger.LedgerEntry;
import io.telerisk.claims.review.QueueItem;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/** The JSON the claims API answers with: claims (with their settlement), queue items, ledger entries. */
final class ClaimViews {
    private ClaimViews() {
    }

    /**
     * A claim: its stored document, its tenant, its version, and the settlement under its cover ({@code lossAmount},
     * {@code limit}, {@code deductible}, {@code payout}) when a loss is known.
     */
    static JsonObject claim(Claim c) {
        JsonObject o = new JsonObject(ClaimDocuments.write(c));
        o.put("tenant", c.device() == null ? null : c.device().tenant());
        o.put("version", c.version());
        Settlement s = c.settlement();
        if (s != null) {
            o.put("settlement", new JsonObject().put("lossAmount", money(s.lossAmount())).put("limit", money(s.limit()))
                    .put("deductible", money(s.deductible())).put("payout", money(s.payout())).put("currency", c.currency()));
        } else if (c.cover() != null) {
            o.put("settlement", new JsonObject().putNull("lossAmount").put("limit", money(c.cover().limit()))
                    .put("deductible", money(c.cover().deductible())).putNull("payout").put("currency", c.currency()));
        }
        return o;
    }

    /** A summary line of a claim for lists (no evidence window, no assessment text). */
    static JsonObject summary(Claim c) {
        Settlement s = c.settlement();
        return new JsonObject()
                .put("claimId", c.claimId())
                .put("status", c.status().name())
                .put("closed", c.status().closed())
                .put("priority", c.priority() == null ? null : c.priority().name())
                .put("source", c.source().name())
                .put("deviceType", c.device() == null ? null : c.device().type().wireName())
                .put("deviceId", c.device() == null ? null : c.device().deviceId())
                .put("policyId", c.policyId())
                .put("coverageCode", c.coverageCode())
                .put("openedAt", c.openedAt().toString())
                .put("lossTime", c.lossTime().toString())
                .put("lossAmount", money(c.lossAmount()))
                .put("limit", c.cover() == null ? null : money(c.cover().limit()))
                .put("deductible", c.cover() == null ? null : money(c.cover().deductible()))
                .put("amount", money(s == null ? c.amount() : s.payout()))
                .put("currency", c.currency())
                .put("linkedClaimId", c.linkedClaimId())
                .put("version", c.version());
    }

    static JsonObject queueItem(QueueItem i) {
        return summary(i.claim())
                .put("priority", i.priority().name())
                .put("ageSeconds", i.age().toSeconds())
                .put("due", i.due().toString())
                .put("overdue", i.overdue())
                .put("firstApprover", i.claim().firstApprover());
    }

    static JsonObject entry(LedgerEntry e) {
        return new JsonObject().put("sequence", e.sequence()).put("claimId", e.claimId()).put("at", e.at().toString())
                .put("fromState", e.fromState()).put("toState", e.toState()).put("actor", e.actor()).put("reasonCode", e.reasonCode())
                .put("amount", money(e.amount())).put("detail", e.detail()).put("previousHash", e.previousHash()).put("hash", e.hash());
    }

    static String money(BigDecimal b) {
        return b == null ? null : b.toPlainString();
    }
}
