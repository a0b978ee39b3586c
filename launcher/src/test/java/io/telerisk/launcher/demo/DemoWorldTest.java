package io.telerisk.launcher.demo;

import io.telerisk.hub.api.DemoProvisioner.DemoLogin;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoWorldTest {
    @TempDir
    Path dir;

    @Test
    void everyPersonaHasSomethingToDoInTheSeededWorld() {
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("demo"))) {
            assertFalse(demo.world().start().resumed());
            // the console the demo prints first is served
            var console = demo.getAnonymous("/console");
            assertEquals(200, console.status(), console.body());
            // two logins per role, each able to log in with the printed password
            for (Role role : Role.values()) {
                for (int n = 1; n <= 2; n++) {
                    DemoLogin l = demo.login(role, n);
                    var r = demo.postAnonymous("/api/v1/auth/token", new JsonObject().put("username", l.username()).put("password", l.password()));
                    assertEquals(200, r.status(), l.username() + ": " + r.body());
                }
            }
            // insurer: active plans of both product lines and a draft awaiting a second insurer; a policy book
            JsonArray plans = demo.get(Role.INSURER, 1, "/api/v1/pricing/plans").json().getJsonArray("items");
            Set<String> statuses = new TreeSet<>();
            for (Object p : plans) for (Object v : ((JsonObject) p).getJsonArray("versions")) {
                JsonObject version = (JsonObject) v;
                statuses.add(version.getString("planId") + " v" + version.getInteger("version") + " " + version.getString("status"));
            }
            assertTrue(statuses.contains("motor-payd-gb v1 ACTIVE"), statuses.toString());
            assertTrue(statuses.contains("wellness-nl v1 ACTIVE"), statuses.toString());
            assertTrue(statuses.contains("motor-payd-gb v2 DRAFT"), statuses.toString());
            assertEquals(DemoWorldFixture.VEHICLES, demo.get(Role.INSURER, 1, "/api/v1/pricing/policies?productLine=motor").json().getLong("total"));
            assertEquals(DemoWorldFixture.WEARABLES, demo.get(Role.INSURER, 1, "/api/v1/pricing/policies?productLine=wellness").json().getLong("total"));

            // farmers: each has fields; the lender's side has loans in every state, and alerts on financed fields
            for (int n = 1; n <= 2; n++) {
                JsonArray fields = demo.get(Role.FARMER, n, "/api/v1/agri/fields").json().getJsonArray("items");
                assertFalse(fields.isEmpty(), "farmer " + n + " has no fields");
                String farmer = demo.login(Role.FARMER, n).username();
                fields.forEach(f -> assertEquals(farmer, ((JsonObject) f).getString("farmerId")));
            }
            JsonArray loans = demo.get(Role.OPERATOR, 1, "/api/v1/agri/loans").json().getJsonArray("items");
            Set<String> outcomes = new HashSet<>();
            loans.forEach(l -> outcomes.add(((JsonObject) l).getString("outcome")));
            assertEquals(Set.of("APPROVE", "REFER", "DECLINE"), outcomes, loans.encodePrettily());
            loans.stream().map(JsonObject.class::cast).filter(l -> "APPROVE".equals(l.getString("outcome")))
                    .forEach(l -> assertFalse(l.getJsonArray("schedule").isEmpty(), "approved loan without schedule: " + l));
            String field = ((JsonObject) demo.get(Role.FARMER, 1, "/api/v1/agri/fields").json().getJsonArray("items").getValue(0)).getString("fieldId");
            JsonArray ndvi = demo.get(Role.FARMER, 1, "/api/v1/agri/fields/" + field + "/ndvi").json().getJsonArray("points");
            assertTrue(ndvi.size() >= 3, "a season of scenes: " + ndvi.size() + " NDVI points on " + field);
            JsonArray alerts = demo.get(Role.INSURER, 1, "/api/v1/agri/alerts").json().getJsonArray("items");
            assertFalse(alerts.isEmpty(), "no alert on the financed fields");

            // lender: referrals to decide, disbursed loans with crop cover
            JsonObject referrals = demo.get(Role.LENDER, 1, "/api/v1/lender/referrals").json();
            assertFalse(referrals.getJsonArray("items").isEmpty(), referrals.encode());
            JsonObject book = demo.get(Role.LENDER, 2, "/api/v1/lender/loans").json();
            assertFalse(book.getJsonArray("items").isEmpty(), book.encode());

            // adjuster: claims in the queue, the ledger holds decisions and verifies
            JsonObject queue = demo.get(Role.ADJUSTER, 1, "/api/v1/claims/queue").json();
            assertTrue(queue.getInteger("total") > 0, queue.encode());
            assertEquals(true, demo.get(Role.ADJUSTER, 1, "/api/v1/claims/ledger/verify").json().getBoolean("valid"));

            // operator: the fleet's devices
            var devices = demo.get(Role.OPERATOR, 1, "/api/v1/devices");
            assertEquals(200, devices.status(), devices.body());
            assertNotNull(demo.world().summary());
        }
    }

    @Test
    void aSecondRunOnTheSameDataResumesTheWorld() {
        Path data = dir.resolve("demo");
        List<DemoLogin> first;
        int fields;
        try (DemoWorldFixture demo = DemoWorldFixture.start(data)) {
            first = demo.world().logins();
            fields = demo.get(Role.OPERATOR, 1, "/api/v1/agri/fields").json().getInteger("total");
        }
        try (DemoWorldFixture demo = DemoWorldFixture.start(data)) {
            assertTrue(demo.world().start().resumed(), demo.world().start().why());
            assertEquals(first.stream().map(DemoLogin::password).toList(), demo.world().logins().stream().map(DemoLogin::password).toList());
            assertEquals(fields, demo.get(Role.OPERATOR, 1, "/api/v1/agri/fields").json().getInteger("total"));
            var r = demo.postAnonymous("/api/v1/auth/token", new JsonObject().put("username", first.get(0).username())
                    .put("password", first.get(0).password()));
            assertEquals(200, r.status(), r.body());
        }
    }
}
