package io.telerisk.console;

import io.telerisk.hub.Hub;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One embedded hub (H2) for every browser test in this JVM, seeded once: tenants {@code acme} and {@code rival} with
 * users of every role and known passwords (two insurers and two adjusters in acme for four-eyes), a vehicle with a
 * collision cover, crash claims opened from crash candidates, daily usage to quote, a farm field with sensor days,
 * a referred crop loan, and 10,000 extra devices so the device list pages through a large registry.
 */
final class ConsoleHub {
    static final String PASSWORD = "console-test-password";
    /** The issue's scale for responsiveness (CONSOLE_DEVICES / CONSOLE_CLAIMS in the environment lower it when iterating). */
    static final int BULK_DEVICES = scale("console.devices", 10_000);
    static final int CRASH_CLAIMS = scale("console.claims", 1_000);
    static final double G = 9.80665;

    private static ConsoleHub shared;

    final Hub hub;
    final Path dataDir;
    /** A crop loan application the desk referred to a credit officer (the lender test decides it). */
    final String referral;
    /** The crash claim the adjuster test decides (the others fill the queue). */
    final String claimToDecide;

    private ConsoleHub() throws Exception {
        long t0 = System.nanoTime();
        dataDir = Files.createTempDirectory("console-test-hub");
        hub = Hub.start(HubConfig.embedded(dataDir));
        phase("hub started", t0);
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "console-test-hub-stop"));
        user("acme", "ann", Role.INSURER);
        user("acme", "bob", Role.INSURER);
        user("acme", "cat", Role.ADJUSTER);
        user("acme", "dan", Role.ADJUSTER);
        user("acme", "eve", Role.OPERATOR);
        user("acme", "fay", Role.FARMER);
        user("acme", "lena", Role.LENDER);
        user("acme", "leo", Role.LENDER);
        user("rival", "rita", Role.INSURER);
        user("rival", "rex", Role.ADJUSTER);
        user("rival", "ron", Role.OPERATOR);
        user("rival", "rose", Role.FARMER);
        device("acme", DeviceType.VEHICLE, "car-1");
        device("acme", DeviceType.FARM_SENSOR, "field-1");
        device("rival", DeviceType.VEHICLE, "rival-car");
        long t1 = System.nanoTime();
        for (int i = 0; i < BULK_DEVICES; i++) {
            device("acme", DeviceType.VEHICLE, "fleet-%05d".formatted(i));
        }
        phase(BULK_DEVICES + " devices registered", t1);
        long t2 = System.nanoTime();
        seedClaims();
        phase(CRASH_CLAIMS + " crash claims opened", t2);
        seedUsage();
        seedField();
        referral = seedReferral();
        phase("seeded", t0);
        claimToDecide = "CRASH-acme-c-00000";
    }

    private static int scale(String property, int def) {
        String env = System.getenv(property.replace('.', '_').toUpperCase(java.util.Locale.ROOT));
        return env != null ? Integer.parseInt(env) : Integer.getInteger(property, def);
    }

    private static void phase(String what, long since) {
        System.err.printf("console test hub: %s in %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
    }

    /** The shared hub, started and seeded on first use; stopped when the JVM exits. */
    static synchronized ConsoleHub shared() {
        if (shared == null) {
            try {
                shared = new ConsoleHub();
            } catch (Exception e) {
                throw new IllegalStateException("console test hub did not start: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    String consoleUrl() {
        return hub.apiUrl() + "/console/";
    }

    String token(String tenant, String username, Role role) {
        return hub.services().tokens().issue(new Principal(username, tenant, Set.of(role))).token();
    }

    private void user(String tenant, String username, Role role) {
        hub.services().users().create(tenant, username, PASSWORD, Set.of(role));
    }

    private void device(String tenant, DeviceType type, String id) {
        hub.registry().register(new DeviceKey(tenant, type, id), type.wireName() + " " + id);
    }

    private void seedClaims() throws Exception {
        Instant now = Instant.now();
        JsonObject policy = new JsonObject().put("policyId", "POL-CAR-1").put("holder", "A. Driver").put("deviceType", "vehicle")
                .put("deviceId", "car-1").put("inception", now.minus(365, ChronoUnit.DAYS).toString())
                .put("expiry", now.plus(365, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray().add(new JsonObject().put("code", "COLLISION").put("limit", "50000.00")
                        .put("deductible", "500.00").put("currency", "EUR")));
        expect(post("/api/v1/claims/policies", token("acme", "ann", Role.INSURER), policy), 201);
        // straight to the claims service, as the hub's crash-event workers call it (no MQTT, no queue: seeding only)
        Instant t0 = now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < CRASH_CLAIMS; i++) {
            hub.services().claims().onEnvelope(crashCandidate(i + 1, "c-%05d".formatted(i), t0.plusSeconds(6L * i), 9 + (i % 7)),
                    Instant.now());
        }
    }

    /**
     * A crash candidate from car-1: a half-sine pulse of {@code deltaVMps} over 120 ms from the front at 100 Hz, GNSS at
     * 1 Hz slowing from 14 m/s to 1.5 m/s; the pulse starts 2 s into a 5 s window at {@code t0}.
     */
    private static Envelope crashCandidate(long sequence, String candidateId, Instant t0, double deltaVMps) {
        double duration = 0.12, peak = Math.PI * deltaVMps / (2 * duration);
        List<Sample> window = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double t = (i + 0.37) / 100;
            double a = t >= 2.0 && t <= 2.0 + duration ? peak * Math.sin(Math.PI * (t - 2.0) / duration) : 0;
            window.add(VehicleSample.acceleration(t0.plusNanos(Math.round(t * 1e9)), new Acceleration(-a, 0, G)));
        }
        for (int s = 0; s < 5; s++) {
            window.add(new VehicleSample(t0.plusMillis(s * 1000 + 500), GnssFix.of(48.1 + s * 0.0001, 11.5 + s * 0.0002),
                    s < 2 ? 14.0 : 1.5, 0.0, null, null, true));
        }
        DeviceEvent ev = new DeviceEvent(EventTypes.CRASH_CANDIDATE, t0.plusSeconds(2), Map.of("peakG", peak / G),
                Map.of("candidateId", candidateId), window);
        return Envelope.events("acme", "car-1", DeviceType.VEHICLE, sequence, t0.plusSeconds(5), List.of(ev));
    }

    private void seedUsage() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 1; d <= 30; d++) {
            hub.summaries().save(new DailyUsage("acme", "car-1", today.minusDays(d), 20 + (d % 5) * 7, 2, 1, 8,
                    Duration.ofMinutes(40 + d), 2, d % 3, 1, 0));
        }
    }

    private void seedField() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonObject field = new JsonObject().put("fieldId", "maize-north").put("deviceId", "field-1").put("crop", "MAIZE")
                .put("sowingDate", today.minusDays(40).toString()).put("harvestDate", today.plusDays(100).toString())
                .put("region", "nakuru-east").put("soil", "LOAM")
                .put("boundary", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
                        .add(new JsonArray().add(36.1).add(-0.3)).add(new JsonArray().add(36.1025).add(-0.3))
                        .add(new JsonArray().add(36.1025).add(-0.2975)).add(new JsonArray().add(36.1).add(-0.2975))
                        .add(new JsonArray().add(36.1).add(-0.3)))));
        expect(post("/api/v1/agri/fields", token("acme", "fay", Role.FARMER), field), 201);
        for (int d = 1; d <= 30; d++) {
            hub.summaries().save(new FarmDay("acme", "field-1", today.minusDays(d), 0.20 + (d % 6) * 0.01, 0.18, 18.5,
                    12.0, 27.0, 65.0, d % 4 == 0 ? 6.5 : 0.0, 3, 1440));
        }
    }

    /** A loan request on field-1 with no satellite observation yet: the desk refers it (insufficient data). */
    private String seedReferral() throws Exception {
        JsonObject d = expect(post("/api/v1/agri/loans", token("acme", "fay", Role.FARMER), new JsonObject().put("deviceId", "field-1")
                .put("amountRequested", "1500.00").put("termMonths", 9).put("purpose", "seed and fertiliser").put("currency", "USD")), 200);
        if (!"REFER".equals(d.getString("outcome"))) throw new IllegalStateException("expected a referral: " + d.encode());
        return d.getString("applicationId");
    }

    HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path))
                .header("Authorization", "Bearer " + token).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) throw new AssertionError("expected " + status + ", got " + r.statusCode() + ": " + r.body());
        return new JsonObject(r.body());
    }
}
