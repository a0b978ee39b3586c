package io.telerisk.launcher.demo.world;

import io.telerisk.hub.agri.AgriReply;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Crop loans in every state, applied for by the farmers as their field devices would and decided by the hub's loan
 * desk. Today, on today's crop: on healthy in-season fields a request well within the limit (approved, with its
 * schedule), then a second request on the same field a little above what is left of the limit (referred), and a
 * request far above the limit on another field (declined); drought-hit fields apply too (whatever their data says).
 * Earlier in the season, decided by the same desk as of that day on the data of that day
 * ({@code AgriApi#applyLoanAsRequested}): seed loans on drought-hit fields shortly after sowing, before the drought
 * showed (so the lender now sees alerts on financed fields), and loans on fields harvested since, whose first
 * instalments have fallen due (in arrears unless repaid). Amounts follow from the limits the desk reports, so the
 * outcomes do not depend on the crop prices in force.
 */
final class LoanSeeder {
    /** One decided application. */
    record SeededLoan(String applicationId, String fieldId, String outcome, String reason, String amountRequested, LocalDate decidedOn) {
        /** Decided earlier in the season, not today. */
        boolean earlier(LocalDate today) {
            return decidedOn.isBefore(today);
        }
    }

    /** Drought-hit fields financed early in the season. */
    static final int EARLY_DROUGHT_LOANS = 5;
    /** Fields harvested since, financed during their season. */
    static final int HARVESTED_LOANS = 2;
    /** Days after sowing an early loan is asked for (inputs bought once the crop is up). */
    static final int EARLY_DAYS_AFTER_SOWING = 20;

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

        // earlier in the season, on that day's data: drought-hit fields before the drought showed ...
        int early = 0;
        for (FieldSeeder.SeededField f : stressed) {
            if (early == EARLY_DROUGHT_LOANS) break;
            Optional<LocalDate> day = decisionDay(f, f.sowing().plusDays(EARLY_DAYS_AFTER_SOWING), fields.scenes(), today);
            if (day.isEmpty()) continue;
            out.add(applyAsOf(ctx, f, "1500.00", "seed and fertiliser", day.get()));
            early++;
        }
        // ... and fields harvested since (their first instalments are due now)
        List<FieldSeeder.SeededField> harvested = fields.fields().stream()
                .filter(f -> f.harvest().plusDays(31).isBefore(today) && !f.stressed()).toList();
        int past = 0;
        for (FieldSeeder.SeededField f : harvested) {
            if (past == HARVESTED_LOANS) break;
            Optional<LocalDate> day = decisionDay(f, FieldSeeder.midSeason(f).minusDays(FieldSeeder.SCENE_EVERY_DAYS), fields.scenes(), today);
            if (day.isEmpty()) continue;
            out.add(applyAsOf(ctx, f, "3000.00", "harvest contractor", day.get()));
            past++;
        }
        return out;
    }

    /**
     * The first day on or after {@code wanted} that follows a scene (so the desk has a fresh clear view), within the
     * field's season and before today.
     */
    static Optional<LocalDate> decisionDay(FieldSeeder.SeededField f, LocalDate wanted, List<LocalDate> scenes, LocalDate today) {
        return scenes.stream().map(d -> d.plusDays(1)).filter(d -> !d.isBefore(wanted) && !d.isBefore(f.sowing()))
                .filter(d -> d.isBefore(f.harvest()) && d.isBefore(today)).findFirst();
    }

    private static SeededLoan applyAsOf(SeedContext ctx, FieldSeeder.SeededField f, String amount, String purpose, LocalDate day) {
        Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        AgriReply r = ctx.agri().applyLoanAsRequested(ctx.principal(Role.OPERATOR, 1), ctx.tenant(), new JsonObject().put("deviceId", f.fieldId())
                .put("amountRequested", amount).put("termMonths", 12).put("purpose", purpose).put("currency", "USD")
                .put("requestedAt", at.toString()));
        return decided(r, f, amount, day);
    }

    private static SeededLoan apply(SeedContext ctx, FieldSeeder.SeededField f, String amount, String purpose, int minute) {
        Principal farmer = ctx.logins(Role.FARMER).stream().filter(l -> l.username().equals(f.farmerId())).findFirst()
                .map(l -> new Principal(l.username(), ctx.tenant(), java.util.Set.of(Role.FARMER)))
                .orElseThrow(() -> new IllegalStateException("field " + f.fieldId() + " belongs to no demo farmer"));
        AgriReply r = ctx.agri().applyLoan(farmer, ctx.tenant(), new JsonObject().put("deviceId", f.fieldId())
                .put("amountRequested", amount).put("termMonths", 12).put("purpose", purpose).put("currency", "USD")
                .put("requestedAt", ctx.now().minusSeconds(600L - minute * 60L).toString()));
        return decided(r, f, amount, ctx.today());
    }

    private static SeededLoan decided(AgriReply r, FieldSeeder.SeededField f, String amount, LocalDate day) {
        if (r.status() / 100 != 2 || !(r.body() instanceof JsonObject d)) {
            throw new IllegalStateException("demo loan on " + f.fieldId() + " not decided (" + r.status() + "): " + r.body());
        }
        return new SeededLoan(d.getString("applicationId"), f.fieldId(), d.getString("outcome"), d.getString("reason"), amount, day);
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
