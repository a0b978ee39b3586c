package io.telerisk.launcher.demo.world;

import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lender's book: the first demo lender disburses the approved loans on the day they were decided and links the
 * first loan on each field to the field's crop cover ({@link CoverSeeder#cropPolicyId}) that day, so a parametric
 * payout whose trigger period starts later goes to the loan's instalments. Nothing is repaid yet: loans on fields
 * harvested since are in arrears. Referred loans stay in the referral queue for the lenders to decide.
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
        Set<String> covered = new HashSet<>();
        // oldest first: a field's cover goes with its first loan
        List<LoanSeeder.SeededLoan> byDay = loans.stream().sorted(Comparator.comparing(LoanSeeder.SeededLoan::decidedOn)).toList();
        for (LoanSeeder.SeededLoan loan : byDay) {
            if (!"APPROVE".equals(loan.outcome())) continue;
            check(ctx.agri().lender().disburse(lender, ctx.tenant(), loan.applicationId(), new JsonObject()
                    .put("reference", "demo-disbursement-" + loan.applicationId()).put("disbursedOn", loan.decidedOn().toString())), loan);
            if (covered.add(loan.fieldId())) {
                check(ctx.agri().lender().linkCover(lender, ctx.tenant(), loan.applicationId(), new JsonObject()
                        .put("coverId", CoverSeeder.cropPolicyId(loan.fieldId())).put("linkedOn", loan.decidedOn().toString())), loan);
            }
            disbursed++;
        }
        return new Seeded(disbursed);
    }

    private static void check(AgriReply r, LoanSeeder.SeededLoan loan) {
        if (r.status() / 100 != 2) throw new IllegalStateException("demo loan " + loan.applicationId() + ": " + r.status() + " " + r.body());
    }
}
