package io.telerisk.launcher.demo.world;

import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The lender's book: the first demo lender disburses the approved loans and links each to the field's crop cover
 * ({@link CoverSeeder#cropPolicyId}), so a parametric payout on that field goes to the loan's instalments. Referred
 * loans stay in the referral queue for the lenders to decide.
 */
final class LenderSeeder {
    /** Loans disbursed with a crop cover linked. */
    record Seeded(int disbursed) {
    }

    private LenderSeeder() {
    }

    static Seeded seed(SeedContext ctx, List<LoanSeeder.SeededLoan> loans) {
        Principal lender = ctx.principal(Role.LENDER, 1);
        int disbursed = 0;
        for (LoanSeeder.SeededLoan loan : loans) {
            if (!"APPROVE".equals(loan.outcome())) continue;
            check(ctx.agri().lender().disburse(lender, ctx.tenant(), loan.applicationId(),
                    new JsonObject().put("reference", "demo-disbursement-" + loan.fieldId())), loan);
            check(ctx.agri().lender().linkCover(lender, ctx.tenant(), loan.applicationId(),
                    new JsonObject().put("coverId", CoverSeeder.cropPolicyId(loan.fieldId()))), loan);
            disbursed++;
        }
        return new Seeded(disbursed);
    }

    private static void check(AgriReply r, LoanSeeder.SeededLoan loan) {
        if (r.status() / 100 != 2) throw new IllegalStateException("demo loan " + loan.applicationId() + ": " + r.status() + " " + r.body());
    }
}
