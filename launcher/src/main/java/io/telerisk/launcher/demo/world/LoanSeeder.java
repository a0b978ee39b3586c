package io.telerisk.launcher.demo.world;

import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Crop loans in every state, applied for by the farmers as their field devices would and decided by the hub's loan
 * desk on today's crop: on healthy in-season fields a request well within the limit (approved, with its schedule),
 * then a second request on the same field a little above what is left of the limit (referred), and a request far
 * above the limit on another field (declined); drought-hit fields apply too (whatever their data says). Amounts
 * follow from the limits the desk reports, so the outcomes do not depend on the crop prices in force.
 */
final class LoanSeeder {
    /** One decided application. */
    record SeededLoan(String applicationId, String fieldId, String outcome, String reason, String amountRequested) {
    }

    private LoanSeeder() {
    }

    static List<SeededLoan> seed(SeedContext ctx, FieldSeeder.Seeded fields) {
        LocalDate today = ctx.today();
        List<FieldSeeder.SeededField> healthy = fields.fields().stream().filter(f -> f.inSeason(today) && !f.stressed()).toList();
        List<FieldSeeder.SeededField> stressed = fields.fields().stream().filter(f -> f.inSeason(today) && f.stressed()).toList();
        List<SeededLoan> out = new ArrayList<>();
        // applications are dated a few minutes apart: the application id is the device and the request time
        int minute = 0;
        for (int i = 0; i < healthy.size() && i < 4; i++) {
            FieldSeeder.SeededField f = healthy.get(i);
            SeededLoan probe = apply(ctx, f, "5000.00", "seed and fertiliser", minute++);
            out.add(probe);
            if (i == 0 && "APPROVE".equals(probe.outcome())) {
                BigDecimal left = limit(ctx, probe).subtract(new BigDecimal(probe.amountRequested()));
                out.add(apply(ctx, f, money(left.multiply(new BigDecimal("1.2"))), "irrigation pump", minute++));
            } else if (i == 1) {
                out.add(apply(ctx, f, money(limit(ctx, probe).multiply(BigDecimal.TEN).max(new BigDecimal("250000"))), "land purchase", minute++));
            }
        }
        for (int i = 0; i < stressed.size() && i < 2; i++) out.add(apply(ctx, stressed.get(i), "8000.00", "replanting", minute++));
        return out;
    }

    private static SeededLoan apply(SeedContext ctx, FieldSeeder.SeededField f, String amount, String purpose, int minute) {
        Principal farmer = ctx.logins(Role.FARMER).stream().filter(l -> l.username().equals(f.farmerId())).findFirst()
                .map(l -> new Principal(l.username(), ctx.tenant(), java.util.Set.of(Role.FARMER)))
                .orElseThrow(() -> new IllegalStateException("field " + f.fieldId() + " belongs to no demo farmer"));
        AgriReply r = ctx.agri().applyLoan(farmer, ctx.tenant(), new JsonObject().put("deviceId", f.fieldId())
                .put("amountRequested", amount).put("termMonths", 12).put("purpose", purpose).put("currency", "USD")
                .put("requestedAt", ctx.now().minusSeconds(600L - minute * 60L).toString()));
        if (r.status() / 100 != 2 || !(r.body() instanceof JsonObject d)) {
            throw new IllegalStateException("demo loan on " + f.fieldId() + " not decided (" + r.status() + "): " + r.body());
        }
        return new SeededLoan(d.getString("applicationId"), f.fieldId(), d.getString("outcome"), d.getString("reason"), amount);
    }

    private static BigDecimal limit(SeedContext ctx, SeededLoan loan) {
        Principal operator = ctx.principal(Role.OPERATOR, 1);
        AgriReply r = ctx.agri().loan(operator, ctx.tenant(), loan.applicationId());
        return new BigDecimal(((JsonObject) r.body()).getString("limit"));
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
