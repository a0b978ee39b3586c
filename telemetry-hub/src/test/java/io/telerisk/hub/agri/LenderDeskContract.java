package io.telerisk.hub.agri;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The farmer's field views and the credit officer's desk over the real REST API and JDBC adapters: a referral
 * decided with four-eyes, disbursed, repaid, covered; the account's numbers add up across endpoints. Run against H2
 * and PostgreSQL by the subclasses.
 */
abstract class LenderDeskContract {
    static AgriFixture hub;

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
    }

    private static JsonObject ok(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static BigDecimal dec(JsonObject o, String name) {
        return new BigDecimal(o.getString(name));
    }

    /** A maize field with device {@code device} and no scene yet: every application is referred (no clear NDVI). */
    private static void field(String fieldId, String device, double lon) {
        ok(201, hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), AgriTestData.field(fieldId, device, AgriTestData.square(lon, -0.30, 0.0025))));
    }

    private static JsonObject apply(String device, String amount, Instant at) {
        return ok(200, hub.post("/api/v1/agri/loans", hub.token(Role.FARMER), new JsonObject().put("deviceId", device)
                .put("amountRequested", amount).put("termMonths", 9).put("purpose", "seed").put("currency", "USD").put("requestedAt", at.toString())));
    }

    @Test
    void aFarmerSeesTheFieldsHealthAlertsAndLimitWithoutApplying() {
        field("view-f", "field-1", 36.40);
        String farmer = hub.token(Role.FARMER);
        JsonObject h = ok(200, hub.get("/api/v1/agri/fields/view-f/health", farmer));
        assertEquals("NONE", h.getString("anomalySource"), "no scene yet");
        JsonObject y = h.getJsonObject("yield");
        assertTrue(y.getDouble("p10TPerHa") < y.getDouble("p50TPerHa") && y.getDouble("p50TPerHa") < y.getDouble("p90TPerHa"), y.encode());
        assertTrue(h.getJsonArray("expectedCurve").size() > 20, "a weekly curve over a 150-day season");
        JsonObject alerts = ok(200, hub.get("/api/v1/agri/fields/view-f/alerts", farmer));
        assertTrue(alerts.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(a -> a.getString("kind").equals("NO_OBSERVATION")),
                alerts.encode());
        assertEquals(alerts.getJsonArray("items").size(), alerts.getInteger("total"));

        JsonObject whole = ok(200, hub.get("/api/v1/agri/fields/view-f/limit", farmer));
        assertEquals(whole.getString("limit"), whole.getString("amountRequested"), "without an amount, the whole limit is previewed");
        JsonObject above = ok(200, hub.get("/api/v1/agri/fields/view-f/limit?amount=99999.00&termMonths=6", farmer));
        assertEquals("REFER", above.getString("outcome"), "no clear scene yet: a person decides");
        assertEquals("0.00", above.getString("approvedAmount"));
        assertTrue(above.getJsonArray("factors").stream().map(JsonObject.class::cast)
                .anyMatch(f -> f.getString("code").equals("days_since_clear_observation") && f.getString("effect").equals("REFER")), above.encode());
        assertEquals(0, new JsonObject(hub.get("/api/v1/agri/loans?deviceId=field-1", hub.token(Role.INSURER)).body()).getJsonArray("items").stream()
                .filter(o -> ((JsonObject) o).getString("fieldId").equals("view-f")).count(), "a preview records nothing");
        assertEquals(400, hub.get("/api/v1/agri/fields/view-f/limit?amount=12.345", farmer).statusCode());
        assertEquals(400, hub.get("/api/v1/agri/fields/view-f/limit?termMonths=99", farmer).statusCode());
        assertEquals(404, hub.get("/api/v1/agri/fields/view-f/health", hub.otherFarmerToken).statusCode(), "another farmer's field");
    }

    @Test
    void aReferralIsDecidedWithFourEyesDisbursedRepaidAndCoveredAndTheNumbersAddUp() {
        field("desk-f", "desk-probe", 36.50);
        hub.agri.fields(); // fixture's acme devices: desk-probe is a field device id only, requests come over REST
        String lender = hub.token(Role.LENDER), lender2 = hub.secondLenderToken;
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        JsonObject referred = apply("desk-probe", "3000.00", t);
        assertEquals("REFER", referred.getString("outcome"), referred.encode());
        assertEquals("0.00", referred.getString("approvedAmount"), "a referral grants nothing");
        String id = referred.getString("applicationId");

        JsonObject queue = ok(200, hub.get("/api/v1/lender/referrals?limit=100", lender));
        assertTrue(queue.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(o -> o.getString("applicationId").equals(id)));
        assertTrue(queue.getLong("total") >= 1);
        assertEquals(403, hub.get("/api/v1/lender/referrals", hub.token(Role.FARMER)).statusCode());

        ok(200, hub.post("/api/v1/lender/policy", hub.token(Role.OPERATOR), new JsonObject().put("fourEyesAbove", "1000.00")));
        assertEquals(403, hub.post("/api/v1/lender/policy", lender, new JsonObject().put("fourEyesAbove", "1000000.00")).statusCode(),
                "a lender does not lift their own control");
        JsonObject approve = new JsonObject().put("verdict", "APPROVE").put("amount", "2500.00").put("reasonCode", "FIELD_VERIFIED")
                .put("note", "visited, crop emerging evenly");
        assertEquals(400, hub.post("/api/v1/lender/referrals/" + id + "/decision", lender, approve.copy().put("reasonCode", "OVER_INDEBTED")).statusCode());
        JsonObject first = ok(202, hub.post("/api/v1/lender/referrals/" + id + "/decision", lender, approve));
        assertEquals("AWAITING_SECOND", first.getString("status"));
        HttpResponse<String> self = hub.post("/api/v1/lender/referrals/" + id + "/decision", lender, approve);
        assertEquals(409, self.statusCode(), self.body());
        assertEquals("REFER", ok(200, hub.get("/api/v1/agri/loans/" + id, hub.token(Role.FARMER))).getString("outcome"), "still waiting");
        JsonObject decided = ok(200, hub.post("/api/v1/lender/referrals/" + id + "/decision", lender2, approve));
        assertEquals("DECIDED", decided.getString("status"));
        JsonObject d = decided.getJsonObject("decision");
        assertEquals("APPROVE", d.getString("outcome"));
        assertEquals("2500.00", d.getString("approvedAmount"));
        assertEquals("FIELD_VERIFIED", d.getString("reason"));
        assertEquals(hub.username(Role.LENDER), decided.getJsonObject("review").getString("proposedBy"));
        assertEquals("lender-2", decided.getJsonObject("review").getString("confirmedBy"));
        BigDecimal principal = d.getJsonArray("schedule").stream().map(JsonObject.class::cast).map(i -> dec(i, "principal"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, principal.compareTo(new BigDecimal("2500.00")));
        assertEquals("APPROVE", ok(200, hub.get("/api/v1/agri/loans/" + id, hub.token(Role.FARMER))).getString("outcome"), "the farmer sees it");
        assertFalse(ok(200, hub.get("/api/v1/lender/referrals?limit=100", lender)).getJsonArray("items").stream().map(JsonObject.class::cast)
                .anyMatch(o -> o.getString("applicationId").equals(id)), "no longer in the queue");
        assertEquals(409, hub.post("/api/v1/lender/referrals/" + id + "/decision", lender, approve).statusCode(), "decided once");

        String loan = "/api/v1/lender/loans/" + id;
        assertEquals(409, hub.post(loan + "/repayments", lender, new JsonObject().put("amount", "10.00").put("reference", "early")).statusCode(),
                "nothing is repaid before it is disbursed");
        JsonObject disbursed = ok(201, hub.post(loan + "/disbursement", lender, new JsonObject().put("reference", "bank-001")));
        assertEquals("NOT_YET_DUE", disbursed.getString("status"));
        assertEquals("2500.00", disbursed.getString("exposure"));
        assertEquals(409, hub.post(loan + "/disbursement", lender, new JsonObject()).statusCode(), "disbursed once");
        ok(201, hub.post(loan + "/repayments", lender, new JsonObject().put("amount", "300.00").put("reference", "mpesa-1")));
        assertEquals(409, hub.post(loan + "/repayments", lender, new JsonObject().put("amount", "300.00").put("reference", "mpesa-1")).statusCode(),
                "the same receipt twice");
        ok(201, hub.post(loan + "/cover", lender, new JsonObject().put("coverId", "cov-desk-1").put("insurer", "acme-re")));
        // posted by hand, a payout follows the automatic path's rule: the lender is loss payee only of claims whose
        // trigger period starts after the day of the link (today); a drought under way since last week is the insured's
        LocalDate linkDay = LocalDate.now(java.time.ZoneOffset.UTC);
        HttpResponse<String> before = hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), new JsonObject().put("coverId", "cov-desk-1")
                .put("claimId", "clm-76").put("triggerStart", linkDay.minusDays(7).toString()).put("amount", "500.00"));
        assertEquals(422, before.statusCode(), before.body());
        assertTrue(before.body().contains("not_loss_payee") && before.body().contains(linkDay.toString()), before.body());
        HttpResponse<String> sameDay = hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), new JsonObject().put("coverId", "cov-desk-1")
                .put("claimId", "clm-76").put("triggerStart", linkDay.toString()).put("amount", "500.00"));
        assertEquals(422, sameDay.statusCode(), "triggered on the day of the link: still the insured's " + sameDay.body());
        assertEquals("0.00", ok(200, hub.get(loan, lender)).getString("paidByCover"), "nothing of the refused payouts is on the loan");
        HttpResponse<String> noTrigger = hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), new JsonObject().put("coverId", "cov-desk-1")
                .put("claimId", "clm-77").put("amount", "500.00"));
        assertEquals(400, noTrigger.statusCode(), "a claim id that is not the hub's own says nothing of its trigger: " + noTrigger.body());
        JsonObject after = new JsonObject().put("coverId", "cov-desk-1").put("claimId", "clm-77").put("triggerStart", linkDay.plusDays(1).toString())
                .put("paidOn", linkDay.plusDays(1).toString()).put("amount", "500.00");
        assertEquals(400, hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), after.copy().put("paidOn", linkDay.toString())).statusCode(),
                "a payout before its trigger period started");
        JsonObject paid = ok(201, hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), after));
        assertFalse(paid.getBoolean("alreadyApplied"));
        assertTrue(ok(200, hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), after)).getBoolean("alreadyApplied"), "one payout per claim");
        assertEquals(404, hub.post("/api/v1/lender/cover-payouts", hub.token(Role.ADJUSTER), new JsonObject().put("coverId", "no-such")
                .put("claimId", "c").put("triggerStart", linkDay.toString()).put("amount", "1.00")).statusCode());

        // after the first two instalments fell due: what is due, paid and in arrears adds up on every endpoint
        JsonArray sched = d.getJsonArray("schedule");
        LocalDate asOf = LocalDate.parse(sched.getJsonObject(Math.min(1, sched.size() - 1)).getString("dueDate")).plusDays(5);
        JsonObject acct = ok(200, hub.get(loan + "?asOf=" + asOf, lender));
        assertEquals("800.00", acct.getString("paid"));
        assertEquals("500.00", acct.getString("paidByCover"));
        BigDecimal due = BigDecimal.ZERO, arrears = BigDecimal.ZERO, applied = BigDecimal.ZERO, scheduled = BigDecimal.ZERO;
        int dpd = 0;
        for (Object o : acct.getJsonArray("schedule")) {
            JsonObject l = (JsonObject) o;
            assertEquals(0, dec(l, "total").compareTo(dec(l, "paid").add(dec(l, "outstanding"))));
            scheduled = scheduled.add(dec(l, "total"));
            applied = applied.add(dec(l, "paid"));
            if (l.getBoolean("due")) {
                due = due.add(dec(l, "total"));
                arrears = arrears.add(dec(l, "outstanding"));
            }
            dpd = Math.max(dpd, l.getInteger("daysPastDue"));
        }
        assertEquals(0, dec(acct, "scheduled").compareTo(scheduled));
        assertEquals(0, dec(acct, "dueToDate").compareTo(due));
        assertEquals(0, dec(acct, "arrears").compareTo(arrears));
        assertEquals(0, dec(acct, "paid").compareTo(applied.add(dec(acct, "unapplied"))));
        assertEquals(0, dec(acct, "outstanding").compareTo(scheduled.subtract(applied)));
        assertEquals(dpd, acct.getInteger("daysPastDue"));
        assertEquals(arrears.signum() > 0 ? "IN_ARREARS" : "CURRENT", acct.getString("status"));
        assertTrue(arrears.signum() == 0 || dpd >= 5, acct.encode());

        JsonObject listed = ok(200, hub.get("/api/v1/lender/loans?limit=100&asOf=" + asOf, lender)).getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(o -> o.getString("applicationId").equals(id)).findFirst().orElseThrow();
        for (String k : new String[]{"scheduled", "paid", "dueToDate", "arrears", "outstanding", "exposure", "status"}) {
            assertEquals(acct.getValue(k), listed.getValue(k), k + " differs between the list and the loan");
        }
        JsonObject book = ok(200, hub.get("/api/v1/lender/portfolio?asOf=" + asOf, lender));
        BigDecimal exposure = BigDecimal.ZERO, el = BigDecimal.ZERO;
        for (Object o : book.getJsonArray("lines")) {
            exposure = exposure.add(dec((JsonObject) o, "exposure"));
            el = el.add(dec((JsonObject) o, "expectedLoss"));
        }
        assertEquals(0, dec(book, "exposure").compareTo(exposure));
        assertEquals(0, dec(book, "expectedLoss").compareTo(el));
        JsonObject line = book.getJsonArray("lines").stream().map(JsonObject.class::cast).filter(o -> o.getString("applicationId").equals(id))
                .findFirst().orElseThrow();
        assertEquals(acct.getString("exposure"), line.getString("exposure"));
        assertEquals(acct.getString("outstandingPrincipal"), line.getString("exposure"));
        JsonObject today = ok(200, hub.get("/api/v1/lender/portfolio", lender));
        JsonObject alerted = today.getJsonArray("loansOnFieldsWithAlerts").stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("applicationId").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no scene for 60 days: the financed field is on the alert list " + today.encode()));
        assertEquals(ok(200, hub.get(loan, lender)).getString("outstandingPrincipal"), alerted.getString("exposure"),
                "the 800.00 paid early went to the first instalment's interest, then its principal");
        assertEquals(404, hub.get(loan, hub.rival.tokens().get(Role.LENDER)).statusCode(), "another tenant's loan does not exist");
    }

    @Test
    void aDeclineNeedsNoSecondOfficerAndGrantsNothing() {
        field("decl-f", "decl-probe", 36.60);
        JsonObject referred = apply("decl-probe", "3000.00", Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30));
        String id = referred.getString("applicationId");
        JsonObject decided = ok(200, hub.post("/api/v1/lender/referrals/" + id + "/decision", hub.token(Role.LENDER),
                new JsonObject().put("verdict", "DECLINE").put("reasonCode", "POOR_CROP_CONDITION")));
        assertEquals("DECLINE", decided.getJsonObject("decision").getString("outcome"));
        assertEquals("0.00", decided.getJsonObject("decision").getString("approvedAmount"));
        assertEquals(404, hub.get("/api/v1/lender/loans/" + id, hub.token(Role.LENDER)).statusCode(), "a declined application is no loan");
        assertEquals(400, hub.post("/api/v1/lender/referrals/" + id + "/decision", hub.token(Role.LENDER),
                new JsonObject().put("verdict", "MAYBE").put("reasonCode", "FIELD_VERIFIED")).statusCode());
    }
}
