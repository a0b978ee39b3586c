package io.telerisk.hub.pricing;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.summary.DailyUsage;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bench main (not a test): latency of {@code POST /api/v1/pricing/quotes} over HTTP, one client, on H2 or
 * PostgreSQL, for a vehicle with 365 daily usage rows; prints median and p95. Args: {@code h2|postgres [quotes]}.
 */
public final class PricingQuoteBench {
    private PricingQuoteBench() {
    }

    public static void main(String[] args) throws Exception {
        PricingFixture.Db db = args.length > 0 && args[0].equalsIgnoreCase("postgres") ? PricingFixture.Db.POSTGRES : PricingFixture.Db.H2;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        try (PricingFixture hub = PricingFixture.start(db)) {
            String insurer = hub.token(Role.INSURER);
            JsonObject plan = PricingFixture.motorPlan("bench-gb");
            check(hub.post("/api/v1/pricing/plans", insurer, plan.encode()), 201);
            check(hub.post("/api/v1/pricing/plans/bench-gb/approve", hub.secondInsurerToken, "{\"version\":1}"), 200);
            check(hub.post("/api/v1/pricing/plans/bench-gb/activate", insurer, "{\"version\":1}"), 200);
            LocalDate from = LocalDate.parse("2026-01-01");
            for (int i = 0; i < 365; i++) {
                hub.summaries.save(new DailyUsage("acme", "car-1", from.plusDays(i), 20 + i % 40, 2, 1, 8, Duration.ofMinutes(40), 2, i % 7 == 0 ? 1 : 0, 0, 0));
            }
            String body = new JsonObject().put("policyId", "bench").put("deviceId", "car-1").put("productLine", "motor")
                    .put("jurisdiction", "GB").put("currency", "GBP").put("from", "2026-01-01").put("to", "2027-01-01")
                    .put("inputs", new JsonObject().put("driverAge", 40).put("vehicleGroup", 12).put("territory", "urban")
                            .put("noClaimsYears", 3)).encode();
            for (int i = 0; i < 50; i++) check(hub.post("/api/v1/pricing/quotes", insurer, body), 201); // warm-up
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                check(hub.post("/api/v1/pricing/quotes", insurer, body), 201);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%s: %d quotes (365 usage days each), median %.2f ms, p95 %.2f ms%n", db, n,
                    nanos[n / 2] / 1e6, nanos[(int) (n * 0.95)] / 1e6);
        }
    }

    private static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
}
