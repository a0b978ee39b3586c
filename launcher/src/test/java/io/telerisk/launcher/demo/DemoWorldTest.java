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

    /**
     * At the size {@code bin/platform demo} runs (not the small test fleet): loans decided earlier in the season sit
     * on fields that have since been hit by drought, so the lender sees alerts on financed fields; the alerts, the loan
     * list, the lender's book and portfolio tell the same story. Seeding takes seconds (printed; no timed assertion).
     */
    @Test
    void atTheDefaultSizeTheLenderSeesAlertsOnLoansDecidedEarlierInTheSeason() {
        long t0 = System.nanoTime();
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("default"), DemoWorld.Settings.defaults())) {
            System.out.printf("default demo world seeded and started in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, demo.world().summary());
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            JsonObject alerts = demo.get(Role.LENDER, 1, "/api/v1/agri/alerts?limit=500").json();
            JsonArray items = alerts.getJsonArray("items");
            assertFalse(items.isEmpty(), "no season alert on the tenant at the default size: " + alerts.encode());
            JsonArray loans = demo.get(Role.OPERATOR, 1, "/api/v1/agri/loans?limit=500").json().getJsonArray("items");
            java.util.Map<String, JsonObject> byId = new java.util.HashMap<>();
            loans.forEach(l -> byId.put(((JsonObject) l).getString("applicationId"), (JsonObject) l));
            Set<String> alerted = new TreeSet<>();
            for (Object o : items) {
                JsonObject a = (JsonObject) o;
                JsonObject loan = byId.get(a.getString("applicationId"));
                assertNotNull(loan, "an alert names a loan /agri/loans does not list: " + a.encode());
                assertEquals("APPROVE", loan.getString("outcome"), a.encode());
                assertEquals(a.getString("fieldId"), loan.getString("fieldId"));
                alerted.add(a.getString("applicationId"));
            }
            // the alerted loans were decided earlier in the season, on the data of that day
            long earlier = alerted.stream().map(byId::get).filter(l -> l.getString("decidedAt").compareTo(today) < 0).count();
            assertTrue(earlier > 0, "no alerted loan was decided before today: " + alerted);

            JsonObject book = demo.get(Role.LENDER, 1, "/api/v1/lender/portfolio").json();
            Set<String> inBook = new TreeSet<>();
            book.getJsonArray("loansOnFieldsWithAlerts").forEach(o -> inBook.add(((JsonObject) o).getString("applicationId")));
            assertEquals(alerted, inBook, "the portfolio's loans with alerts are the alerts' loans: " + book.encode());
            // the lender's book lists every alerted loan disbursed, with the cover of its field linked
            java.math.BigDecimal exposure = java.math.BigDecimal.ZERO;
            Set<String> disbursed = new TreeSet<>();
            for (Object o : demo.get(Role.LENDER, 1, "/api/v1/lender/loans?limit=500").json().getJsonArray("items")) {
                JsonObject l = (JsonObject) o;
                exposure = exposure.add(new java.math.BigDecimal(l.getString("exposure")));
                if (l.getString("coverId") != null && new java.math.BigDecimal(l.getString("exposure")).signum() > 0) disbursed.add(l.getString("applicationId"));
            }
            assertTrue(disbursed.containsAll(alerted), "alerted loans not disbursed with cover: " + alerted + " vs " + disbursed);
            assertEquals(0, exposure.compareTo(new java.math.BigDecimal(book.getString("exposure"))), book.encode());
            lendersBookShowsArrearsThatAgreeOnTheLoanTheListAndThePortfolio(demo, book);
        }
    }

    /**
     * Loans decided last season on fields harvested since have instalments due, repaid in part or not at all: the
     * portfolio's arrears are not zero and are the sum of its lines; each loan in arrears shows the same amounts, days
     * past due and status on its page, in the loan list and in the portfolio, and its arrears are what is outstanding
     * on its instalments due.
     */
    private static void lendersBookShowsArrearsThatAgreeOnTheLoanTheListAndThePortfolio(DemoWorldFixture demo, JsonObject book) {
        java.math.BigDecimal arrears = new java.math.BigDecimal(book.getString("arrears"));
        assertTrue(arrears.signum() > 0, "no arrears in the lender's book at the default size: " + book.encode());
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        java.util.Map<String, JsonObject> lines = new java.util.HashMap<>();
        for (Object o : book.getJsonArray("lines")) {
            JsonObject l = (JsonObject) o;
            lines.put(l.getString("applicationId"), l);
            if (l.getString("arrears") != null) sum = sum.add(new java.math.BigDecimal(l.getString("arrears")));
        }
        assertEquals(0, arrears.compareTo(sum), "portfolio arrears are the sum of its lines: " + book.encode());
        assertTrue(book.getJsonObject("byStatus").getInteger("IN_ARREARS", 0) > 0, book.encode());
        boolean partial = false, missed = false;
        for (Object o : demo.get(Role.LENDER, 1, "/api/v1/lender/loans?limit=500").json().getJsonArray("items")) {
            JsonObject listed = (JsonObject) o;
            if (!"IN_ARREARS".equals(listed.getString("status"))) continue;
            String id = listed.getString("applicationId");
            JsonObject loan = demo.get(Role.LENDER, 1, "/api/v1/lender/loans/" + id).json();
            for (String k : new String[]{"status", "scheduled", "paid", "dueToDate", "arrears", "daysPastDue", "outstanding", "exposure"}) {
                assertEquals(loan.getValue(k), listed.getValue(k), k + " of " + id + " differs between the loan and the list");
                assertEquals(loan.getValue(k), lines.get(id).getValue(k), k + " of " + id + " differs between the loan and the portfolio");
            }
            java.math.BigDecimal outstandingDue = java.math.BigDecimal.ZERO;
            int dpd = 0;
            for (Object x : loan.getJsonArray("schedule")) {
                JsonObject i = (JsonObject) x;
                if (!i.getBoolean("due")) continue;
                java.math.BigDecimal paid = new java.math.BigDecimal(i.getString("paid")), total = new java.math.BigDecimal(i.getString("total"));
                outstandingDue = outstandingDue.add(new java.math.BigDecimal(i.getString("outstanding")));
                dpd = Math.max(dpd, i.getInteger("daysPastDue"));
                partial |= paid.signum() > 0 && paid.compareTo(total) < 0;
                missed |= paid.signum() == 0;
            }
            assertEquals(0, new java.math.BigDecimal(loan.getString("arrears")).compareTo(outstandingDue), loan.encode());
            assertTrue(outstandingDue.signum() > 0 && dpd > 0, loan.encode());
            assertEquals(dpd, loan.getInteger("daysPastDue"), loan.encode());
        }
        assertTrue(partial && missed, "the book shows a partly paid and a missed instalment");
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
