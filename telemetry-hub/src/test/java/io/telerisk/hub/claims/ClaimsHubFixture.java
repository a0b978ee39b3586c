package io.telerisk.hub.claims;

import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.testkit.PostgresDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A whole embedded hub (system of record on H2 in PostgreSQL mode, or on a fresh PostgreSQL database from the
 * testkit) with claims wired as in production. Tenants {@code acme} and {@code rival} (demo provisioning: one user per
 * role, devices car-1, watch-1, field-1); acme has a second adjuster for four-eyes, and a policy with collision cover
 * on car-1 stored through the API.
 */
public final class ClaimsHubFixture implements AutoCloseable {
    enum Db { H2, POSTGRES }

    static final double G = 9.80665;
    final PostgresDatabase pg;
    final Path dataDir;
    final Hub hub;
    final DemoProvisioner.DemoSetup acme;
    final DemoProvisioner.DemoSetup rival;
    final String secondAdjuster;

    private ClaimsHubFixture(Db db) throws Exception {
        this(db, null);
    }

    private ClaimsHubFixture(Db db, HubConfig given) throws Exception {
        dataDir = given == null ? Files.createTempDirectory("hub-claims-test") : given.dataDir();
        HubConfig c = given == null ? HubConfig.embedded(dataDir) : given;
        if (db == Db.POSTGRES) {
            pg = PostgresDatabase.create();
            c = c.withSor(new HubConfig.Sor(pg.jdbcUrl(), pg.user(), pg.password()))
                    .withStorage(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()));
        } else {
            pg = null;
        }
        hub = Hub.start(c);
        acme = hub.provisionDemo("acme");
        rival = hub.provisionDemo("rival");
        hub.services().users().create("acme", "acme-adjuster-2", "second-adjuster-password", Set.of(Role.ADJUSTER));
        secondAdjuster = hub.services().tokens().issue(new Principal("acme-adjuster-2", "acme", Set.of(Role.ADJUSTER))).token();
        Instant now = Instant.now();
        HttpResponse<String> r = post("/api/v1/claims/policies", token(Role.INSURER), new JsonObject()
                .put("policyId", "POL-CAR-1").put("holder", "A. Driver").put("deviceType", "vehicle").put("deviceId", "car-1")
                .put("inception", now.minus(365, ChronoUnit.DAYS).toString()).put("expiry", now.plus(365, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray().add(new JsonObject().put("code", "COLLISION").put("limit", "50000.00")
                        .put("deductible", "500.00").put("currency", "EUR"))).encode());
        if (r.statusCode() != 201) throw new IllegalStateException("policy not stored: " + r.statusCode() + " " + r.body());
    }

    static ClaimsHubFixture start(Db db) {
        try {
            return new ClaimsHubFixture(db);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(Role role) {
        return acme.tokens().get(role);
    }

    String rivalToken(Role role) {
        return rival.tokens().get(role);
    }

    /** A fixture on this configuration (H2 in its data directory), for restart tests. */
    static ClaimsHubFixture startOn(HubConfig config) {
        try {
            return new ClaimsHubFixture(Db.H2, config);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ClaimsApi claims() {
        return hub.services().claims();
    }

    /**
     * A crash candidate from car-1: a half-sine pulse of {@code deltaVMps} over 120 ms struck from the front at 100 Hz
     * (gravity on z), GNSS at 1 Hz slowing from 14 m/s to 1.5 m/s; the pulse starts 2 s into a 5 s window at {@code t0}.
     */
    public static Envelope crashCandidate(long sequence, String candidateId, Instant t0, double deltaVMps) {
        double duration = 0.12, peak = Math.PI * deltaVMps / (2 * duration);
        List<Sample> window = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double t = (i + 0.37) / 100;
            double a = t >= 2.0 && t <= 2.0 + duration ? peak * Math.sin(Math.PI * (t - 2.0) / duration) : 0;
            window.add(VehicleSample.acceleration(t0.plusNanos(Math.round(t * 1e9)), new Acceleration(-a, 0, G)));
        }
        for (int s = 0; s < 5; s++) {
            window.add(new VehicleSample(t0.plusMillis(s * 1000 + 500), GnssFix.of(48.1, 11.5), s < 2 ? 14.0 : 1.5, 0.0, null, null, true));
        }
        DeviceEvent ev = new DeviceEvent(EventTypes.CRASH_CANDIDATE, t0.plusSeconds(2), Map.of("peakG", peak / G),
                Map.of("candidateId", candidateId), window);
        return Envelope.events("acme", "car-1", DeviceType.VEHICLE, sequence, t0.plusSeconds(5), List.of(ev));
    }

    private HubHttpClient client() {
        return new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(20));
    }

    HttpResponse<String> get(String path, String token) {
        return client().get(path, token);
    }

    HttpResponse<String> post(String path, String token, String json) {
        return client().post(path, token, "application/json", json);
    }

    /** Polls a GET until {@code done} holds (30 s at most). */
    JsonObject await(String path, String token, Predicate<JsonObject> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(path, token);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && done.test(new JsonObject(r.body()))) return new JsonObject(r.body());
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within 30 s on " + path + "; last answer " + last);
    }

    static boolean queueHas(JsonObject queue, String claimId) {
        return queue.getJsonArray("items").stream().anyMatch(o -> claimId.equals(((JsonObject) o).getString("claimId")));
    }

    @Override
    public void close() throws Exception {
        hub.close();
        if (pg != null) pg.close();
    }
}
