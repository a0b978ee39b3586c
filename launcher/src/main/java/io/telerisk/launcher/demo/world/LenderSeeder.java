package io.telerisk.launcher.demo.world;

import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lender's book: the first demo lender disburses the approved loans on the day they were decided and links the
 * first loan on each field to the field's crop cover ({@link CoverSeeder#cropPolicyId}) that day, so a parametric
 * payout whose trigger period starts later goes to the loan's instalments. Loans on fields harvested since have
 * instalments due: alternately repaid in part (first instalment in full, half the second) and not at all, so they are
 * in arrears. Referred loans stay in the referral queue for the lenders to decide.
 */
final class LenderSeeder {
    /**
     * Loans disbursed with a crop cover linked, and the loans with instalments due today (those on fields harvested
     * since): repaid in part, or not at all.
     */
    record Seeded(int disbursed, List<String> fallenDue) {
        Seeded {
            fallenDue = List.copyOf(fallenDue);
        }
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
                check(ctx.agri().covers().linkCover(lender, ctx.tenant(), loan.applicationId(), new JsonObject()
                        .put("coverId", CoverSeeder.cropPolicyId(loan.fieldId())).put("linkedOn", loan.decidedOn().toString())), loan);
            }
            disbursed++;
        }
        List<String> fallenDue = new ArrayList<>();
        for (LoanSeeder.SeededLoan loan : byDay) {
            if (!"APPROVE".equals(loan.outcome())) continue;
            JsonArray due = dueInstalments(ctx, lender, loan);
            if (due.isEmpty()) continue;
            repay(ctx, lender, loan, due, fallenDue.size());
            fallenDue.add(loan.applicationId());
        }
        return new Seeded(disbursed, fallenDue);
    }

    /** The instalments of the loan that have fallen due by today (the demo's clock), oldest first. */
    private static JsonArray dueInstalments(SeedContext ctx, Principal lender, LoanSeeder.SeededLoan loan) {
        AgriReply r = ctx.agri().lender().loan(lender, ctx.tenant(), loan.applicationId(), null);
        check(r, loan);
        JsonArray due = new JsonArray();
        for (Object o : ((JsonObject) r.body()).getJsonArray("schedule", new JsonArray())) {
            if (((JsonObject) o).getBoolean("due", false)) due.add(o);
        }
        return due;
    }

    /**
     * A borrower's record, from the schedule and the demo's clock alone: the first loan fallen due was paid its first
     * instalment in full and half of its second, each on its due day (the rest missed); the next paid nothing; and so
     * on, alternately. So the book shows partial and missed instalments, in arrears since the oldest unpaid one.
     */
    private static void repay(SeedContext ctx, Principal lender, LoanSeeder.SeededLoan loan, JsonArray due, int nth) {
        if (nth % 2 == 1) return;
        JsonObject first = due.getJsonObject(0);
        pay(ctx, lender, loan, new BigDecimal(first.getString("total")), first.getString("dueDate"), "demo-repayment-1");
        if (due.size() > 1) {
            JsonObject second = due.getJsonObject(1);
            BigDecimal half = new BigDecimal(second.getString("total")).divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
            pay(ctx, lender, loan, half, second.getString("dueDate"), "demo-repayment-2");
        }
    }

    private static void pay(SeedContext ctx, Principal lender, LoanSeeder.SeededLoan loan, BigDecimal amount, String on, String reference) {
        check(ctx.agri().lender().addRepayment(lender, ctx.tenant(), loan.applicationId(), new JsonObject()
                .put("amount", amount.toPlainString()).put("paidOn", on).put("reference", reference + "-" + loan.applicationId())), loan);
    }

    private static void check(AgriReply r, LoanSeeder.SeededLoan loan) {
        if (r.status() / 100 != 2) throw new IllegalStateException("demo loan " + loan.applicationId() + ": " + r.status() + " " + r.body());
    }
}
