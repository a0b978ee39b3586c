package io.telerisk.hub.claims;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.summary.FarmDay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lender as loss payee, over HTTP on a whole hub: a crop policy linked to an approved, disbursed loan pays its
 * approved parametric claims (automatically approved, or approved by an adjuster) into that loan's instalments,
 * once per claim however often the covers are evaluated, when the claim's trigger period starts after the day of the
 * link; the claim and the loan both show it. A claim triggered before the link is the insured's, even when approved
 * after it. H2 and PostgreSQL by the subclasses.
 */
abstract class LossPayeeContract {
    static ClaimsHubFixture fx;

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    private static JsonObject ok(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject post(String path, Role role, JsonObject body) {
        return new JsonObject(fx.post(path, fx.token(role), body.encode()).body());
    }

    /** An approved, disbursed loan of 5,000.00 on a field of device field-1; its application id. */
    private static String disbursedLoan() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonArray ring = new JsonArray().add(new JsonArray().add(36.5).add(-0.3)).add(new JsonArray().add(36.5025).add(-0.3))
                .add(new JsonArray().add(36.5025).add(-0.2975)).add(new JsonArray().add(36.5).add(-0.2975)).add(new JsonArray().add(36.5).add(-0.3));
        ok(201, fx.post("/api/v1/agri/fields", fx.token(Role.FARMER), new JsonObject().put("fieldId", "payee-f").put("crop", "MAIZE")
                .put("sowingDate", today.minusDays(60).toString()).put("harvestDate", today.plusDays(90).toString())
                .put("region", "nakuru-east").put("soil", "LOAM").put("deviceId", "field-1")
                .put("boundary", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring))).encode()));
        JsonObject applied = ok(200, fx.post("/api/v1/agri/loans", fx.token(Role.FARMER), new JsonObject().put("deviceId", "field-1")
                .put("amountRequested", "5000.00").put("termMonths", 9).put("purpose", "seed").put("currency", "USD")
                .put("requestedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60).toString()).encode()));
        String id = applied.getString("applicationId");
        if ("REFER".equals(applied.getString("outcome"))) {
            JsonObject d = ok(200, fx.post("/api/v1/lender/referrals/" + id + "/decision", fx.token(Role.LENDER), new JsonObject()
                    .put("verdict", "APPROVE").put("amount", "5000.00").put("reasonCode", "FIELD_VERIFIED").encode()));
            assertEquals("DECIDED", d.getString("status"), d.encode());
        }
        ok(201, fx.post("/api/v1/lender/loans/" + id + "/disbursement", fx.token(Role.LENDER), new JsonObject().put("reference", "bank-payee").encode()));
        return id;
    }

    @Test
    void approvedParametricPayoutsTriggeredAfterTheLinkGoToTheLoanOncePerClaimAndEarlierOnesToTheInsured() {
        String loanId = disbursedLoan();
        String loan = "/api/v1/lender/loans/" + loanId;
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ok(201, fx.post("/api/v1/claims/policies", fx.token(Role.INSURER), new JsonObject().put("policyId", "CROP-payee")
                .put("holder", "Farm 1").put("deviceType", "farm-sensor").put("deviceId", "field-1")
                .put("inception", now.minus(60, ChronoUnit.DAYS).toString()).put("expiry", now.plus(300, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray()
                        .add(new JsonObject().put("code", "DROUGHT").put("limit", "20000.00").put("deductible", "0.00").put("currency", "USD"))
                        .add(new JsonObject().put("code", "EXCESS_RAIN").put("limit", "1000.00").put("deductible", "0.00").put("currency", "USD")))
                .encode()));
        // linkedOn is bounded: not before the loan's decision (today), not in the future
        var early = fx.post(loan + "/cover", fx.token(Role.LENDER), new JsonObject().put("coverId", "CROP-payee")
                .put("linkedOn", today.minusDays(1).toString()).encode());
        assertEquals(400, early.statusCode(), early.body());
        assertTrue(early.body().contains("before the decision"), early.body());
        assertEquals(400, fx.post(loan + "/cover", fx.token(Role.LENDER), new JsonObject().put("coverId", "CROP-payee")
                .put("linkedOn", today.plusDays(1).toString()).encode()).statusCode());
        // the policy is the crop cover the lender names itself loss payee of, from today
        ok(201, fx.post(loan + "/cover", fx.token(Role.LENDER), new JsonObject().put("coverId", "CROP-payee").put("insurer", "acme").encode()));
        JsonObject before = ok(200, fx.get(loan, fx.token(Role.LENDER)));
        // 12 dry days before the link (drought: 30 % of 20,000 = 6,000.00, to an adjuster) and, after it, 3 days of
        // 80 mm (excess rain: 240 mm in 3 days, 100 % of 1,000 = 1,000.00, approved automatically); the evaluation is
        // played once those days are summarised (they are the next days: the link can be no older than the loan)
        for (int i = 30; i >= -4; i--) {
            LocalDate d = today.minusDays(i);
            boolean dry = i >= 10 && i <= 21, wet = i >= -3 && i <= -1;
            fx.hub.summaries().save(new FarmDay("acme", "field-1", d, dry ? 0.08 : 0.25, dry ? 0.07 : 0.2, 15.0, 8.0, 24.0, 60.0,
                    dry ? 0 : wet ? 80.0 : 2.0, 0, 96));
        }
        LocalDate after3WetDays = today.plusDays(4);
        var claims = fx.claims().parametric().evaluate(after3WetDays);
        assertEquals(2, claims.size(), claims.toString());
        String rain = claims.stream().filter(c -> c.coverageCode().equals("EXCESS_RAIN")).findFirst().orElseThrow().claimId();
        String drought = claims.stream().filter(c -> c.coverageCode().equals("DROUGHT")).findFirst().orElseThrow().claimId();

        JsonObject rainClaim = ok(200, fx.get("/api/v1/claims/" + rain, fx.token(Role.ADJUSTER)));
        assertEquals("AUTO_APPROVED", rainClaim.getString("status"));
        assertEquals(loanId, rainClaim.getJsonObject("lossPayee").getString("applicationId"), rainClaim.encode());
        assertEquals("LENDER", rainClaim.getJsonObject("lossPayee").getString("payee"));
        JsonObject droughtClaim = ok(200, fx.get("/api/v1/claims/" + drought, fx.token(Role.ADJUSTER)));
        assertEquals("AWAITING_ADJUSTER", droughtClaim.getString("status"));
        assertNull(droughtClaim.getValue("lossPayee"), "nothing is paid before an adjuster approves");

        JsonObject afterAuto = ok(200, fx.get(loan, fx.token(Role.LENDER)));
        assertEquals(0, new BigDecimal(afterAuto.getString("paidByCover")).compareTo(new BigDecimal("1000.00")), afterAuto.encode());
        assertEquals(0, new BigDecimal(afterAuto.getString("outstanding")).compareTo(new BigDecimal(before.getString("outstanding"))
                .subtract(new BigDecimal("1000.00"))), "the payout reduces what is owed");

        // the drought started before the link: approved after it, it is still the insured's
        JsonObject decided = ok(200, fx.post("/api/v1/claims/" + drought + "/decisions", fx.token(Role.ADJUSTER), new JsonObject()
                .put("decision", "adjust").put("amount", "2000.00").put("reasonCode", "AMOUNT_PER_POLICY_TERMS").encode()));
        assertEquals("APPROVED", decided.getString("status"), decided.encode());
        assertNull(decided.getValue("lossPayee"), "a claim triggered before the link is paid to the insured: " + decided.encode());

        // evaluated again (the next day, another hub): the found claims are offered again and change nothing
        fx.claims().parametric().evaluate(after3WetDays.plusDays(1));
        JsonObject after = ok(200, fx.get(loan, fx.token(Role.LENDER)));
        assertEquals(0, new BigDecimal(after.getString("paidByCover")).compareTo(new BigDecimal("1000.00")), after.encode());
        JsonObject payments = ok(200, fx.get(loan + "/repayments", fx.token(Role.LENDER)));
        assertEquals(1, payments.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(p -> p.encode().contains("COVER_PAYOUT")).count(), payments.encode());
        assertTrue(payments.encode().contains(rain) && !payments.encode().contains(drought), "the payout names its claim");
        // the explicit route for the same claim sees it applied already
        JsonObject again = post("/api/v1/lender/cover-payouts", Role.ADJUSTER, new JsonObject().put("coverId", "CROP-payee")
                .put("claimId", rain).put("amount", "1000.00").put("paidOn", after3WetDays.toString()));
        assertTrue(again.getBoolean("alreadyApplied"), again.encode());
        // posted by hand, the drought claim (triggered before the link) is refused by the same rule: 422, nothing paid
        var byHand = fx.post("/api/v1/lender/cover-payouts", fx.token(Role.ADJUSTER), new JsonObject().put("coverId", "CROP-payee")
                .put("claimId", drought).put("amount", "2000.00").encode());
        assertEquals(422, byHand.statusCode(), byHand.body());
        assertTrue(byHand.body().contains("not_loss_payee"), byHand.body());
        JsonObject unchanged = ok(200, fx.get(loan, fx.token(Role.LENDER)));
        assertEquals(0, new BigDecimal(unchanged.getString("paidByCover")).compareTo(new BigDecimal("1000.00")), unchanged.encode());
    }
}
