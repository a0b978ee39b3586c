package io.telerisk.console;

import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.hub.Hub;
import io.telerisk.hub.agri.JdbcNdviSeriesStore;
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
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.codec.Codecs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    /** Envelopes probe-1 publishes over MQTT (one of them twice). */
    static final int TRAFFIC = 5;
    /** Vehicles of the bulk fleet with a last position (fleet-00000 …). */
    static final int POSITIONED = 40;

    /**
     * HTTP/1.1 only: the JDK client's default first request offers an h2c upgrade, and a large answer (a claim with its
     * crash window, megabytes) then came back as HTTP/1.1 bytes read as HTTP/2 frames ("Frame type(34) … exceeds
     * MAX_FRAME_SIZE"), failing a test now and then.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ConsoleHub shared;

    final Hub hub;
    final Path dataDir;
    /** A crop loan application the desk referred to a credit officer (the lender test decides it). */
    final String referral;
    /** A crop loan the desk approved on the dry field (the lender's portfolio map shows it with its alert). */
    final String approvedLoan;
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
        user("acme", "pat", Role.PLATFORM_OPERATOR);
        user("acme", "fay", Role.FARMER);
        user("acme", "lena", Role.LENDER);
        user("acme", "leo", Role.LENDER);
        user("rival", "rita", Role.INSURER);
        user("rival", "rex", Role.ADJUSTER);
        user("rival", "ron", Role.OPERATOR);
        user("rival", "rose", Role.FARMER);
        device("acme", DeviceType.VEHICLE, "car-1");
        device("acme", DeviceType.FARM_SENSOR, "field-1");
        device("acme", DeviceType.FARM_SENSOR, "field-2");
        device("rival", DeviceType.VEHICLE, "rival-car");
        device("acme", DeviceType.VEHICLE, "probe-1");
        long t1 = System.nanoTime();
        for (int i = 0; i < BULK_DEVICES; i++) {
            device("acme", DeviceType.VEHICLE, "fleet-%05d".formatted(i));
        }
        phase(BULK_DEVICES + " devices registered", t1);
        long t2 = System.nanoTime();
        seedClaims();
        phase(CRASH_CLAIMS + " crash claims opened", t2);
        seedUsage();
        seedTraffic();
        seedFleetPositions();
        seedField();
        seedDryField();
        referral = seedReferral();
        approvedLoan = seedApprovedLoan();
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

    /**
     * Real MQTT traffic on the built-in endpoint, so the ingest dashboard has per-minute rates and a reject to show:
     * probe-1 publishes {@link #TRAFFIC} envelopes, one of them twice (a duplicate), and one message that is not JSON.
     */
    private void seedTraffic() throws Exception {
        DeviceCredential c = hub.registry().issueCredential(new DeviceKey("acme", DeviceType.VEHICLE, "probe-1")).orElseThrow();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "console-probe-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(c.username());
        o.setPassword(c.token().getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(30);
        client.connect(o);
        long stored = hub.ingestStats().snapshot().messagesStored();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < TRAFFIC; i++) {
            List<Sample> samples = List.of(new VehicleSample(t0.plusMillis(i * 100L), GnssFix.of(48.14, 11.58 + i * 1e-4), 12.0, 90.0, null, null, true));
            MqttMessage m = new MqttMessage(Codecs.json().encode(Envelope.telemetry("acme", "probe-1", DeviceType.VEHICLE, i + 1,
                    t0.plusMillis(i * 100L), samples)));
            m.setQos(1);
            client.publish("v1/acme/vehicle/probe-1/telemetry", m);
            if (i == 0) client.publish("v1/acme/vehicle/probe-1/telemetry", m);
        }
        MqttMessage bad = new MqttMessage("not json".getBytes(StandardCharsets.UTF_8));
        bad.setQos(1);
        try {
            client.publish("v1/acme/vehicle/probe-1/telemetry", bad);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            // the hub answers a malformed message with a failure reason code; it is a dead letter all the same
        }
        client.disconnect();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hub.ingestStats().snapshot().messagesStored() < stored + TRAFFIC) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("probe-1's messages were not stored: " + hub.ingestStats().snapshot());
            Thread.sleep(50);
        }
    }

    /**
     * Last positions for the operator's fleet map: {@link #POSITIONED} vehicles of the bulk fleet report a GNSS fix
     * around Munich (stored as the ingest stores it, seen by the status tracker); every fourth went offline since.
     */
    private void seedFleetPositions() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < Math.min(POSITIONED, BULK_DEVICES); i++) {
            Instant at = now.minusSeconds(i + 1L);
            envelopes.add(Envelope.telemetry("acme", "fleet-%05d".formatted(i), DeviceType.VEHICLE, 1, at, List.of(
                    new VehicleSample(at.minusSeconds(1), GnssFix.of(48.10 + (i % 8) * 0.01, 11.50 + (i / 8) * 0.01), 9.0, 0.0, null, null, true),
                    new VehicleSample(at, GnssFix.of(48.10 + (i % 8) * 0.01 + 0.0005, 11.50 + (i / 8) * 0.01), 9.0, 0.0, null, null, true))));
        }
        try {
            hub.store().store(envelopes);
        } catch (io.telerisk.hub.store.StoreUnavailableException e) {
            throw new IllegalStateException("the telemetry store refused the fleet's positions", e);
        }
        for (int i = 0; i < envelopes.size(); i++) {
            hub.statuses().seen(new DeviceKey("acme", DeviceType.VEHICLE, envelopes.get(i).deviceId()), envelopes.get(i).sentAt());
        }
        hub.statuses().flush(); // last seen is written in batches; online and offline at once (the shared status row)
        for (int i = 3; i < envelopes.size(); i += 4) {
            Instant left = envelopes.get(i).sentAt().plusSeconds(1);
            hub.statuses().offline(new DeviceKey("acme", DeviceType.VEHICLE, envelopes.get(i).deviceId()),
                    io.telerisk.hub.registry.DeviceStatusTracker.brokerSession(left), left);
        }
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
        registerMaizeField("maize-north", "field-1", -0.3);
        for (int d = 1; d <= 30; d++) {
            hub.summaries().save(new FarmDay("acme", "field-1", today.minusDays(d), 0.20 + (d % 6) * 0.01, 0.18, 18.5,
                    12.0, 27.0, 65.0, d % 4 == 0 ? 6.5 : 0.0, 3, 1440));
        }
    }

    /** Fay's maize field of about 7.7 ha, sown 40 days ago, whose polygon's south-west corner is at (36.1, south). */
    private void registerMaizeField(String fieldId, String deviceId, double south) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        double north = south + 0.0025;
        JsonObject field = new JsonObject().put("fieldId", fieldId).put("deviceId", deviceId).put("crop", "MAIZE")
                .put("sowingDate", today.minusDays(40).toString()).put("harvestDate", today.plusDays(100).toString())
                .put("region", "nakuru-east").put("soil", "LOAM")
                .put("boundary", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
                        .add(new JsonArray().add(36.1).add(south)).add(new JsonArray().add(36.1025).add(south))
                        .add(new JsonArray().add(36.1025).add(north)).add(new JsonArray().add(36.1).add(north))
                        .add(new JsonArray().add(36.1).add(south)))));
        expect(post("/api/v1/agri/fields", token("acme", "fay", Role.FARMER), field), 201);
    }

    /**
     * A second field, maize-south (device field-2), seen clearly by the satellite every ten days (so the desk decides
     * its loans itself) but with its soil below the wilting point on 6 of the last 14 days: a water-stress alert.
     */
    private void seedDryField() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        registerMaizeField("maize-south", "field-2", -0.31);
        List<NdviPoint> scenes = new ArrayList<>();
        for (int d = 35; d >= 5; d -= 10) {
            double mean = 0.30 + (35 - d) * 0.008;
            scenes.add(new NdviPoint("acme", "maize-south", today.minusDays(d).atTime(8, 10).toInstant(ZoneOffset.UTC), "S2-console-" + d,
                    new FieldNdvi.Observed("maize-south", 800, new NdviStats(760, mean, mean, 0.04, mean - 0.1, mean + 0.1, 0.95))));
        }
        new JdbcNdviSeriesStore(hub.systemOfRecord().dataSource()).appendAll(scenes);
        for (int d = 1; d <= 30; d++) {
            double vwc = d <= 14 && d % 2 == 0 && d <= 12 ? 0.09 : 0.24;
            hub.summaries().save(new FarmDay("acme", "field-2", today.minusDays(d), vwc, vwc - 0.02, 19.0,
                    13.0, 29.0, 55.0, 0.0, 3, 1440));
        }
    }

    /** A small loan on the dry field, approved by the desk at once. */
    private String seedApprovedLoan() throws Exception {
        JsonObject d = expect(post("/api/v1/agri/loans", token("acme", "fay", Role.FARMER), new JsonObject().put("deviceId", "field-2")
                .put("amountRequested", "400.00").put("termMonths", 9).put("purpose", "irrigation pipe").put("currency", "USD")), 200);
        if (!"APPROVE".equals(d.getString("outcome"))) throw new IllegalStateException("expected an approval: " + d.encode());
        return d.getString("applicationId");
    }

    /** A loan request on field-1 with no satellite observation yet: the desk refers it (insufficient data). */
    private String seedReferral() throws Exception {
        JsonObject d = expect(post("/api/v1/agri/loans", token("acme", "fay", Role.FARMER), new JsonObject().put("deviceId", "field-1")
                .put("amountRequested", "1500.00").put("termMonths", 9).put("purpose", "seed and fertiliser").put("currency", "USD")), 200);
        if (!"REFER".equals(d.getString("outcome"))) throw new IllegalStateException("expected a referral: " + d.encode());
        return d.getString("applicationId");
    }

    HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path))
                .header("Authorization", "Bearer " + token).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) throw new AssertionError("expected " + status + ", got " + r.statusCode() + ": " + r.body());
        return new JsonObject(r.body());
    }
}
