package io.telerisk.launcher.journeys;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.launcher.demo.DemoWorldFixture;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The claims adjuster's day on the demo world, over HTTP and MQTT as docs/journeys.md tells it: the queue and the
 * closed claims, a crash published by a device opening a claim, a second approval (four eyes), a request for
 * information answered with a file, an approval above the cover limit, and the ledger listing, export and
 * verification. Numbers must agree across endpoints: every payout is the loss capped at the cover limit less the
 * deductible, and every decision is in the ledger with that payout.
 */
class AdjusterJourneyTest {
    private static final double G = 9.80665;

    @TempDir
    Path dir;

    @Test
    void anAdjusterWorksTheQueueDecidesWithinTheCoverAndFindsEveryDecisionInTheLedger() throws Exception {
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("demo"))) {
            // 1. the queue, and closed claims too: every payout respects its cover
            JsonObject queue = ok(demo.get(Role.ADJUSTER, 1, "/api/v1/claims/queue?limit=1000"));
            assertTrue(queue.getLong("total") > 0, queue.encode());
            JsonObject closed = ok(demo.get(Role.ADJUSTER, 1, "/api/v1/claims?closed=true&limit=1000"));
            assertTrue(closed.getLong("total") >= 3, "the seeded decisions (two approved, one rejected): " + closed.encode());
            for (JsonArray items : List.of(queue.getJsonArray("items"), closed.getJsonArray("items"))) {
                items.forEach(o -> assertPayoutRespectsCover((JsonObject) o));
            }

            // 2. a device's crash over MQTT opens a claim, listed among the crash-intake outcomes
            DeviceCredential car = demo.world().credentials().stream().filter(c -> c.device().type() == DeviceType.VEHICLE)
                    .reduce((a, b) -> b).orElseThrow();
            String candidate = "journey-" + System.nanoTime();
            publishCrash(demo, car, candidate);
            String crashId = "CRASH-" + demo.tenant() + "-" + candidate;
            JsonObject crash = await(demo, "/api/v1/claims/" + crashId);
            assertEquals("DEVICE_CRASH", crash.getString("source"));
            assertEquals("MOVING_COLLISION", crash.getJsonObject("crash").getString("incident"));
            JsonObject s = crash.getJsonObject("settlement");
            assertEquals(new BigDecimal(s.getString("limit")).subtract(new BigDecimal(s.getString("deductible"))), new BigDecimal(s.getString("payout")),
                    "a 45 km/h crash's repair band is above the limit: the payout is the limit less the deductible: " + s.encode());
            assertPayoutRespectsCover(crash);
            JsonObject opened = ok(demo.get(Role.ADJUSTER, 1, "/api/v1/claims/crash-events?outcome=OPENED&deviceId=" + car.device().deviceId()));
            assertTrue(opened.getJsonArray("items").stream().anyMatch(o -> crashId.equals(((JsonObject) o).getString("claimId"))), opened.encode());

            // 3. four eyes: a payout above 10,000 approved once waits for a second adjuster
            JsonObject waiting = queue.getJsonArray("items").stream().map(JsonObject.class::cast)
                    .filter(o -> "AWAITING_SECOND_APPROVAL".equals(o.getString("status"))).findFirst().orElseThrow(() -> new AssertionError(queue.encode()));
            String fourEyes = waiting.getString("claimId");
            JsonObject approve = new JsonObject().put("decision", "approve").put("reasonCode", "COVERED_AS_ASSESSED").put("version", waiting.getLong("version"));
            assertEquals(409, demo.post(Role.ADJUSTER, 1, "/api/v1/claims/" + fourEyes + "/decisions", approve).status(), "the first approver again");
            JsonObject second = ok(demo.post(Role.ADJUSTER, 2, "/api/v1/claims/" + fourEyes + "/decisions", approve));
            assertEquals("APPROVED", second.getString("status"));
            assertEquals(waiting.getString("amount"), second.getString("amount"), "the payout approved twice is the one the queue showed");

            // 4. request information (saying what), the answer with a file returns the claim to the queue
            JsonObject undecided = queue.getJsonArray("items").stream().map(JsonObject.class::cast)
                    .filter(o -> "AWAITING_ADJUSTER".equals(o.getString("status")) && "REPORTED".equals(o.getString("source")))
                    .findFirst().orElseThrow(() -> new AssertionError(queue.encode()));
            String reported = undecided.getString("claimId");
            ok(demo.post(Role.ADJUSTER, 1, "/api/v1/claims/" + reported + "/decisions", new JsonObject().put("decision", "request-info")
                    .put("reasonCode", "NEED_REPAIR_QUOTE").put("what", "repair quote from the garage")));
            assertEquals("repair quote from the garage", ok(demo.get(Role.ADJUSTER, 1, "/api/v1/claims/" + reported))
                    .getJsonObject("informationRequested").getString("what"));
            JsonObject answered = created(demo.post(Role.INSURER, 1, "/api/v1/claims/" + reported + "/information", new JsonObject()
                    .put("text", "quote from the garage").put("attachments", new JsonArray().add(new JsonObject().put("filename", "quote.txt")
                            .put("contentType", "text/plain").put("contentBase64", Base64.getEncoder().encodeToString("mirror 70,000.00".getBytes(StandardCharsets.UTF_8)))))));
            assertEquals("AWAITING_ADJUSTER", answered.getString("status"));

            // 5. an approval above the cover limit pays the limit less the deductible, and waits for four eyes
            JsonObject big = ok(demo.post(Role.ADJUSTER, 1, "/api/v1/claims/" + reported + "/decisions", new JsonObject().put("decision", "adjust")
                    .put("reasonCode", "AMOUNT_PER_REPAIR_QUOTE").put("amount", "70000.00").put("version", answered.getLong("version"))));
            JsonObject bs = big.getJsonObject("settlement");
            assertEquals("70000.00", bs.getString("lossAmount"));
            assertEquals(new BigDecimal(bs.getString("limit")).subtract(new BigDecimal(bs.getString("deductible"))), new BigDecimal(big.getString("amount")));
            assertEquals("AWAITING_SECOND_APPROVAL", big.getString("status"));
            JsonObject bigDone = ok(demo.post(Role.ADJUSTER, 2, "/api/v1/claims/" + reported + "/decisions",
                    new JsonObject().put("decision", "approve").put("reasonCode", "COVERED_AS_ASSESSED")));
            assertEquals(big.getString("amount"), bigDone.getString("amount"));

            // 6. the ledger lists each decision with the payout, the export has the same entries, the chain verifies
            JsonObject ledger = ok(demo.get(Role.ADJUSTER, 1, "/api/v1/claims/ledger?limit=1000"));
            assertLedgerHas(ledger, fourEyes, second.getString("amount"));
            assertLedgerHas(ledger, reported, bigDone.getString("amount"));
            var csv = demo.get(Role.ADJUSTER, 1, "/api/v1/claims/ledger/export?format=csv");
            assertEquals(200, csv.status());
            assertTrue(csv.body().contains(reported + ",") && csv.body().contains(bigDone.getString("amount")), "the CSV export holds the decision");
            JsonObject verify = ok(demo.get(Role.ADJUSTER, 2, "/api/v1/claims/ledger/verify"));
            assertTrue(verify.getBoolean("valid"), verify.encode());
            assertTrue(verify.getLong("entries") >= ledger.getLong("total"));
        }
    }

    private static void assertPayoutRespectsCover(JsonObject c) {
        String loss = c.containsKey("settlement") ? c.getJsonObject("settlement").getString("lossAmount") : c.getString("lossAmount");
        String limit = c.containsKey("settlement") ? c.getJsonObject("settlement").getString("limit") : c.getString("limit");
        String deductible = c.containsKey("settlement") ? c.getJsonObject("settlement").getString("deductible") : c.getString("deductible");
        if (loss == null || limit == null) return;
        BigDecimal expected = new BigDecimal(loss).min(new BigDecimal(limit)).subtract(new BigDecimal(deductible)).max(BigDecimal.ZERO);
        assertEquals(0, expected.compareTo(new BigDecimal(c.getString("amount"))), "payout of " + c.getString("claimId") + ": " + c.encode());
    }

    private static void assertLedgerHas(JsonObject ledger, String claimId, String amount) {
        assertTrue(ledger.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(e -> claimId.equals(e.getString("claimId"))
                && "APPROVED".equals(e.getString("toState")) && amount.equals(e.getString("amount"))), claimId + " approved for " + amount + " in " + ledger.encode());
    }

    private static JsonObject ok(DemoWorldFixture.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject created(DemoWorldFixture.Reply r) {
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static JsonObject await(DemoWorldFixture demo, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        DemoWorldFixture.Reply last = null;
        while (System.nanoTime() < deadline) {
            last = demo.get(Role.ADJUSTER, 1, path);
            if (last.status() == 200) return last.json();
            Thread.sleep(200);
        }
        throw new AssertionError("no claim at " + path + " within 60 s: " + last.status() + " " + last.body());
    }

    /** A 45 km/h frontal crash (half-sine, 120 ms, 100 Hz) while driving at 14 m/s, as an edge agent sends it. */
    private static void publishCrash(DemoWorldFixture demo, DeviceCredential car, String candidate) throws Exception {
        Instant t0 = Instant.now().minusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        double dv = 12.5, duration = 0.12, peak = Math.PI * dv / (2 * duration);
        List<Sample> window = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double t = (i + 0.37) / 100;
            double a = t >= 2.0 && t <= 2.0 + duration ? peak * Math.sin(Math.PI * (t - 2.0) / duration) : 0;
            window.add(VehicleSample.acceleration(t0.plusNanos(Math.round(t * 1e9)), new Acceleration(-a, 0, G)));
        }
        for (int s = 0; s < 5; s++) {
            window.add(new VehicleSample(t0.plusMillis(s * 1000 + 500), GnssFix.of(51.5, -0.12), s < 2 ? 14.0 : 1.5, 0.0, null, null, true));
        }
        DeviceEvent ev = new DeviceEvent(EventTypes.CRASH_CANDIDATE, t0.plusSeconds(2), Map.of("peakG", peak / G), Map.of("candidateId", candidate), window);
        // far above the replay's sequence numbers, so ingest does not take it for a duplicate of a replayed envelope
        Envelope env = Envelope.events(demo.tenant(), car.device().deviceId(), DeviceType.VEHICLE, 4_000_000_000L, t0.plusSeconds(5), List.of(ev));
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + demo.mqttPort(), "journey-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(car.username());
        o.setPassword(car.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o);
        MqttMessage m = new MqttMessage(Codecs.json().encode(env));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        m.setProperties(props);
        client.publish("v1/" + demo.tenant() + "/vehicle/" + car.device().deviceId() + "/events", m);
        client.disconnect();
        client.close();
    }
}
