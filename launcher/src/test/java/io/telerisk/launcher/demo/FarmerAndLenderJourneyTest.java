package io.telerisk.launcher.demo;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The farmer's and the lender's journeys on the demo world, over HTTP and MQTT as a user plays them (docs/journeys.md):
 * a farmer reads a field's health, alerts and limit, and the field's device applies for a loan over MQTT and gets
 * the decision on its cmd topic, the same the API reports; a credit officer decides a referral (with a second
 * officer above the four-eyes threshold; the device hears the decision), disburses, records a repayment, links a
 * crop cover whose payout the claims desk applies, and the schedule, paid, due and arrears agree on every endpoint.
 */
class FarmerAndLenderJourneyTest {
    @TempDir
    static Path dir;
    static DemoWorldFixture demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoWorldFixture.start(dir.resolve("demo"));
        // the test plays the farm devices itself: once the replay has caught up its simulated devices are stopped (they
        // would go on live), so the hub's one-connection-per-device rule does not hand the cmd topic back and forth
        // between them and the test
        var publisher = demo.world().publisher();
        demo.awaitReplayCaughtUp(Duration.ofMinutes(5));
        publisher.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stop() {
        if (demo != null) demo.close();
    }

    private static JsonObject ok(int status, DemoWorldFixture.Reply r) {
        assertEquals(status, r.status(), r.body());
        return r.json();
    }

    private static BigDecimal dec(JsonObject o, String k) {
        return new BigDecimal(o.getString(k));
    }

    @Test
    void aFarmerReadsTheFieldAndTheFieldDeviceBorrowsOverMqtt() throws Exception {
        JsonArray fields = demo.get(Role.FARMER, 1, "/api/v1/agri/fields").json().getJsonArray("items");
        JsonObject field = null;
        JsonObject health = null;
        for (Object o : fields) {
            JsonObject f = (JsonObject) o;
            JsonObject h = ok(200, demo.get(Role.FARMER, 1, "/api/v1/agri/fields/" + f.getString("fieldId") + "/health"));
            if (!"NONE".equals(h.getString("anomalySource"))) {
                field = f;
                health = h;
                break;
            }
        }
        assertNotNull(field, "a demo field with a clear scene this season: " + fields.encode());
        String fieldId = field.getString("fieldId");
        JsonObject y = health.getJsonObject("yield");
        assertTrue(dec(y, "revenueP10").compareTo(dec(y, "revenueP50")) <= 0 && dec(y, "revenueP50").compareTo(dec(y, "revenueP90")) <= 0, y.encode());
        assertTrue(health.getJsonArray("observed").size() >= 3, "a season of scenes");
        JsonObject alerts = ok(200, demo.get(Role.FARMER, 1, "/api/v1/agri/fields/" + fieldId + "/alerts"));
        assertEquals(alerts.getJsonArray("items").size(), alerts.getInteger("total"));
        JsonObject preview = ok(200, demo.get(Role.FARMER, 1, "/api/v1/agri/fields/" + fieldId + "/limit?termMonths=12"));
        BigDecimal limit = dec(preview, "limit");

        // the field's device asks for a fifth of the limit (at least 10.00) over MQTT
        BigDecimal amount = limit.divide(BigDecimal.valueOf(5), 2, RoundingMode.DOWN).max(new BigDecimal("10.00"));
        DeviceCredential device = credential(field.getString("deviceId"));
        MqttClient c = connect(device);
        String base = "v1/" + demo.tenant() + "/farm-sensor/" + device.device().deviceId();
        BlockingQueue<Command> cmds = subscribe(c, base + "/cmd");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeviceEvent request = new DeviceEvent("loan_request", t, Map.of("termMonths", 12.0),
                Map.of("amountRequested", amount.toPlainString(), "purpose", "top dressing", "currency", "USD"), List.of());
        publish(c, base + "/events", Envelope.events(demo.tenant(), device.device().deviceId(), DeviceType.FARM_SENSOR,
                2_000_000_000L + (t.toEpochMilli() % 1_000_000), t, List.of(request)));
        String applicationId = device.device().deviceId() + "-" + t.toEpochMilli();
        Command decision = next(cmds, "loan-" + applicationId);
        c.disconnect();

        JsonObject viaApi = ok(200, demo.get(Role.FARMER, 1, "/api/v1/agri/loans/" + applicationId));
        for (String k : new String[]{"outcome", "reason", "amountRequested", "approvedAmount", "offeredAmount", "limit", "grade"}) {
            assertEquals(viaApi.getValue(k) == null ? null : String.valueOf(viaApi.getValue(k)), decision.args().get(k), k + ": cmd topic and API differ");
        }
        assertEquals(amount.toPlainString(), viaApi.getString("amountRequested"));
        JsonObject z = viaApi.getJsonArray("factors").stream().map(JsonObject.class::cast).filter(f -> f.getString("code").equals("ndvi_anomaly_z"))
                .findFirst().orElseThrow();
        assertEquals("RISK_POINTS", z.getString("effect"));
        assertTrue(!z.getString("text").isBlank());
        if ("APPROVE".equals(viaApi.getString("outcome"))) {
            BigDecimal principal = viaApi.getJsonArray("schedule").stream().map(JsonObject.class::cast).map(i -> dec(i, "principal"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, principal.compareTo(amount), "the schedule repays the principal");
        } else {
            assertEquals("0.00", viaApi.getString("approvedAmount"), "only an approval grants money");
        }
    }

    @Test
    void aLenderDecidesAReferralDisbursesAndTheAccountAddsUpEverywhere() throws Exception {
        JsonObject queue = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/referrals"));
        assertTrue(queue.getLong("total") >= 1, "the demo has a referred application: " + queue.encode());
        JsonObject referral = queue.getJsonArray("items").getJsonObject(0);
        String id = referral.getString("applicationId");
        BigDecimal offered = dec(referral, "offeredAmount");
        BigDecimal amount = offered.signum() > 0 ? offered : dec(referral, "amountRequested");
        BigDecimal threshold = dec(ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/policy")), "fourEyesAbove");

        // the requesting device hears the officer's decision on its cmd topic
        MqttClient c = connect(credential(referral.getString("deviceId")));
        BlockingQueue<Command> cmds = subscribe(c, "v1/" + demo.tenant() + "/farm-sensor/" + referral.getString("deviceId") + "/cmd");
        JsonObject approve = new JsonObject().put("verdict", "APPROVE").put("amount", amount.toPlainString()).put("reasonCode", "FIELD_VERIFIED")
                .put("note", "field visited");
        DemoWorldFixture.Reply first = demo.post(Role.LENDER, 1, "/api/v1/lender/referrals/" + id + "/decision", approve);
        JsonObject decided;
        if (amount.compareTo(threshold) > 0) {
            assertEquals(202, first.status(), first.body());
            assertEquals(409, demo.post(Role.LENDER, 1, "/api/v1/lender/referrals/" + id + "/decision", approve).status(), "four-eyes");
            decided = ok(200, demo.post(Role.LENDER, 2, "/api/v1/lender/referrals/" + id + "/decision", approve));
        } else {
            decided = ok(200, first);
        }
        assertEquals("APPROVE", decided.getJsonObject("decision").getString("outcome"));
        Command heard = next(cmds, "loan-" + id + "-officer");
        assertEquals("APPROVE", heard.args().get("outcome"));
        assertEquals(amount.setScale(2).toPlainString(), heard.args().get("approvedAmount"));
        c.disconnect();

        String loan = "/api/v1/lender/loans/" + id;
        ok(201, demo.post(Role.LENDER, 1, loan + "/disbursement", new JsonObject().put("reference", "demo-bank-1")));
        BigDecimal repaid = amount.divide(BigDecimal.TEN, 2, RoundingMode.DOWN).max(new BigDecimal("1.00"));
        ok(201, demo.post(Role.LENDER, 1, loan + "/repayments", new JsonObject().put("amount", repaid.toPlainString()).put("reference", "receipt-1")));
        ok(201, demo.post(Role.LENDER, 1, loan + "/cover", new JsonObject().put("coverId", "journey-cover-" + id.hashCode())));
        // the lender is loss payee only of claims triggered after the day of the link (today): a drought under way is the insured's
        LocalDate linkDay = LocalDate.now(java.time.ZoneOffset.UTC);
        JsonObject payout = new JsonObject().put("coverId", "journey-cover-" + id.hashCode()).put("claimId", "journey-claim-1").put("amount", "100.00");
        DemoWorldFixture.Reply refused = demo.post(Role.ADJUSTER, 1, "/api/v1/lender/cover-payouts",
                payout.copy().put("triggerStart", linkDay.minusDays(7).toString()));
        assertEquals(422, refused.status(), refused.body());
        ok(201, demo.post(Role.ADJUSTER, 1, "/api/v1/lender/cover-payouts", payout.copy().put("triggerStart", linkDay.plusDays(1).toString())
                .put("paidOn", linkDay.plusDays(1).toString())));

        JsonArray schedule = decided.getJsonObject("decision").getJsonArray("schedule");
        LocalDate asOf = LocalDate.parse(schedule.getJsonObject(0).getString("dueDate")).plusDays(10);
        JsonObject acct = ok(200, demo.get(Role.LENDER, 1, loan + "?asOf=" + asOf));
        assertEquals(0, dec(acct, "paid").compareTo(repaid.add(new BigDecimal("100.00"))));
        assertEquals("100.00", acct.getString("paidByCover"));
        BigDecimal scheduled = BigDecimal.ZERO, applied = BigDecimal.ZERO, due = BigDecimal.ZERO, arrears = BigDecimal.ZERO;
        for (Object o : acct.getJsonArray("schedule")) {
            JsonObject l = (JsonObject) o;
            scheduled = scheduled.add(dec(l, "total"));
            applied = applied.add(dec(l, "paid"));
            if (l.getBoolean("due")) {
                due = due.add(dec(l, "total"));
                arrears = arrears.add(dec(l, "outstanding"));
            }
        }
        assertEquals(0, dec(acct, "scheduled").compareTo(scheduled));
        assertEquals(0, dec(acct, "dueToDate").compareTo(due));
        assertEquals(0, dec(acct, "arrears").compareTo(arrears));
        assertEquals(0, dec(acct, "paid").compareTo(applied.add(dec(acct, "unapplied"))));
        assertEquals(0, dec(acct, "outstanding").compareTo(scheduled.subtract(applied)));
        assertTrue(arrears.signum() > 0 && acct.getInteger("daysPastDue") == 10 || arrears.signum() == 0,
                "ten days after the first due date, what is unpaid of it is ten days late: " + acct.encode());

        JsonObject listed = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/loans?limit=500&asOf=" + asOf)).getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(o -> o.getString("applicationId").equals(id)).findFirst().orElseThrow();
        for (String k : new String[]{"scheduled", "paid", "dueToDate", "arrears", "daysPastDue", "outstanding", "exposure", "status"}) {
            assertEquals(acct.getValue(k), listed.getValue(k), k);
        }
        JsonObject book = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/portfolio?asOf=" + asOf));
        BigDecimal exposure = BigDecimal.ZERO, arrearsBook = BigDecimal.ZERO;
        for (Object o : book.getJsonArray("lines")) {
            exposure = exposure.add(dec((JsonObject) o, "exposure"));
            if (((JsonObject) o).getString("arrears") != null) arrearsBook = arrearsBook.add(dec((JsonObject) o, "arrears"));
        }
        assertEquals(0, dec(book, "exposure").compareTo(exposure));
        assertEquals(0, dec(book, "arrears").compareTo(arrearsBook));
        JsonObject today = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/portfolio"));
        assertTrue(today.getLong("loans") >= 2, today.encode());
    }

    /**
     * The demo's story of a season: a loan decided earlier (on the data of that day) was disbursed that day and its
     * field's crop cover linked that day, and where that field is now drought-hit the alert, the loan list and the
     * lender's portfolio name the same loan; a cover cannot be linked before its loan was decided.
     */
    @Test
    void loansDecidedEarlierInTheSeasonWereDisbursedAndCoveredThenAndTheirAlertsAgreeEverywhere() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        JsonArray book = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/loans?limit=500")).getJsonArray("items");
        int earlier = 0;
        for (Object o : book) {
            String id = ((JsonObject) o).getString("applicationId");
            JsonObject loan = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/loans/" + id));
            LocalDate decided = LocalDate.parse(loan.getJsonObject("decision").getString("decidedAt").substring(0, 10));
            if (!decided.isBefore(today)) continue;
            earlier++;
            assertEquals(decided.toString(), loan.getJsonObject("disbursement").getString("disbursedOn"), loan.encode());
            assertNotNull(loan.getJsonObject("cover"), "an earlier loan carries its field's crop cover: " + loan.encode());
            assertEquals(decided.toString(), loan.getJsonObject("cover").getString("linkedAt").substring(0, 10), loan.encode());
            assertEquals("CROP-" + loan.getString("fieldId"), loan.getJsonObject("cover").getString("coverId"));
            // a link dated before the decision is refused with its reason (the loan already has its cover anyway)
            DemoWorldFixture.Reply early = demo.post(Role.LENDER, 1, "/api/v1/lender/loans/" + id + "/cover", new JsonObject()
                    .put("coverId", "journey-early-" + id.hashCode()).put("linkedOn", decided.minusDays(1).toString()));
            assertEquals(400, early.status(), early.body());
            assertTrue(early.body().contains("before the decision"), early.body());
        }
        assertTrue(earlier > 0, "the demo has loans decided earlier in the season: " + book.encode());

        JsonArray alerts = ok(200, demo.get(Role.LENDER, 1, "/api/v1/agri/alerts?limit=500")).getJsonArray("items");
        java.util.Set<String> alerted = new java.util.TreeSet<>(), inPortfolio = new java.util.TreeSet<>();
        alerts.forEach(a -> alerted.add(((JsonObject) a).getString("applicationId")));
        ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/portfolio")).getJsonArray("loansOnFieldsWithAlerts")
                .forEach(a -> inPortfolio.add(((JsonObject) a).getString("applicationId")));
        assertEquals(alerted, inPortfolio, "the alerts and the portfolio name the same loans");
    }

    /**
     * The drought-hit fields' crop covers, linked to their loans months ago, are triggered by the replayed days: once
     * the replay has caught up the demo evaluates them, and the parametric claim (triggered after the link) is paid to
     * the loan's instalments. The claim, the loan and the ledger show the same amount.
     */
    @Test
    void aDroughtClaimOnACoverLinkedToALoanIsPaidToTheInstalmentsAndTheClaimTheLoanAndTheLedgerAgree() throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (demo.world().parametricEvaluated() == null && System.nanoTime() < end) Thread.sleep(200);
        assertNotNull(demo.world().parametricEvaluated(), "the demo evaluates parametric covers once the replay has caught up");
        JsonArray claims = ok(200, demo.get(Role.ADJUSTER, 1, "/api/v1/claims?source=PARAMETRIC&closed=true&limit=200")).getJsonArray("items");
        JsonObject paidToLender = null;
        for (Object o : claims) {
            JsonObject c = ok(200, demo.get(Role.ADJUSTER, 1, "/api/v1/claims/" + ((JsonObject) o).getString("claimId")));
            if (c.getJsonObject("lossPayee") != null && "LENDER".equals(c.getJsonObject("lossPayee").getString("payee"))) {
                paidToLender = c;
                break;
            }
        }
        assertNotNull(paidToLender, "a parametric claim paid to a lender: " + claims.encode());
        String claimId = paidToLender.getString("claimId");
        BigDecimal payout = dec(paidToLender, "amount");
        assertTrue(payout.signum() > 0, paidToLender.encode());
        assertEquals(0, payout.compareTo(dec(paidToLender.getJsonObject("settlement"), "payout")), paidToLender.encode());
        assertTrue(claimId.startsWith("PAR-CROP-"), claimId);

        // the loan: the payout is among its payments, as a cover payout naming the claim, after the link
        String loanId = paidToLender.getJsonObject("lossPayee").getString("applicationId");
        JsonObject loan = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/loans/" + loanId));
        assertEquals(paidToLender.getJsonObject("lossPayee").getString("coverId"), loan.getJsonObject("cover").getString("coverId"));
        LocalDate triggerStart = LocalDate.parse(claimId.substring(claimId.length() - 10));
        assertTrue(triggerStart.isAfter(LocalDate.parse(loan.getJsonObject("cover").getString("linkedAt").substring(0, 10))),
                "triggered after the link: " + claimId + " " + loan.getJsonObject("cover").encode());
        JsonObject payment = ok(200, demo.get(Role.LENDER, 1, "/api/v1/lender/loans/" + loanId + "/repayments?limit=200")).getJsonArray("items")
                .stream().map(JsonObject.class::cast).filter(x -> claimId.equals(x.getString("reference"))).findFirst()
                .orElseThrow(() -> new AssertionError("the loan's payments do not name " + claimId));
        assertEquals("COVER_PAYOUT", payment.getString("source"));
        assertEquals(0, payout.compareTo(dec(payment, "amount")), payment.encode());
        assertTrue(dec(loan, "paidByCover").compareTo(payout) >= 0, loan.encode());

        // the ledger: the claim's approval carries the same amount
        BigDecimal approved = null;
        JsonArray entries = ok(200, demo.get(Role.ADJUSTER, 1, "/api/v1/claims/ledger?limit=1000")).getJsonArray("items");
        for (Object o : entries) {
            JsonObject e = (JsonObject) o;
            if (claimId.equals(e.getString("claimId")) && "AUTO_APPROVED".equals(e.getString("toState"))) approved = dec(e, "amount");
        }
        assertNotNull(approved, "the ledger records the claim's approval: " + entries.size() + " entries");
        assertEquals(0, payout.compareTo(approved));
    }

    private static DeviceCredential credential(String deviceId) {
        return demo.world().credentials().stream().filter(d -> d.device().deviceId().equals(deviceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no demo credential for " + deviceId));
    }

    private static MqttClient connect(DeviceCredential d) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + demo.mqttPort(), "journey-" + d.device().deviceId() + "-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(d.username());
        o.setPassword(d.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    private static BlockingQueue<Command> subscribe(MqttClient c, String topic) throws MqttException {
        BlockingQueue<Command> q = new LinkedBlockingQueue<>();
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
                q.add(Command.fromJson(m.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties p) {
            }
        });
        IMqttToken sub = c.subscribe(new MqttSubscription[]{new MqttSubscription(topic, 1)});
        sub.waitForCompletion(10_000);
        assertTrue(sub.getReasonCodes()[0] < 0x80, "subscription to " + topic + " refused");
        return q;
    }

    /** The command with {@code id} (other commands to the device are skipped), within 60 s. */
    private static Command next(BlockingQueue<Command> q, String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Command c = q.poll(1, TimeUnit.SECONDS);
            if (c != null && c.id().equals(id)) return c;
        }
        throw new AssertionError("no command " + id + " on the cmd topic within 60 s");
    }

    private static void publish(MqttClient c, String topic, Envelope e) throws MqttException {
        MqttMessage m = new MqttMessage(Codecs.json().encode(e));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        m.setProperties(props);
        c.publish(topic, m);
    }
}
