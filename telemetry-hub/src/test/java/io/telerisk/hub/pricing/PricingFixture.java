package io.telerisk.hub.pricing;

import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.api.ApiServices;
import io.telerisk.hub.api.ApiVerticle;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.PasswordHasher;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.config.ApiConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.metrics.HubMetrics;
import io.telerisk.hub.privacy.ClaimAccessGrants;
import io.telerisk.hub.privacy.LocationAccessLog;
import io.telerisk.hub.privacy.LocationPolicy;
import io.telerisk.hub.registry.DeviceStatusTracker;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.jdbc.JdbcTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.hub.summary.JdbcSummaryRepository;
import io.telerisk.testkit.PostgresDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The hub's real REST API with pricing wired in, over H2 (PostgreSQL mode) or a fresh PostgreSQL database, wired
 * as the hub does (and as the API tests' fixture does). Tenants {@code acme} and {@code rival} have one user per
 * role (demo provisioning: devices car-1, watch-1, field-1); acme also has a second insurer for four-eyes approval.
 */
final class PricingFixture implements AutoCloseable {
    enum Db { H2, POSTGRES }

    final Vertx vertx = Vertx.vertx();
    final PostgresDatabase pg;
    final SystemOfRecord sor;
    final JdbcTelemetryStore store;
    final JdbcSummaryRepository summaries;
    final ApiServices services;
    final DemoProvisioner.DemoSetup acme;
    final DemoProvisioner.DemoSetup rival;
    final String secondInsurerToken;
    final int port;
    /** Scores plans rating on telematicsScore, as the hub does (by default the bundled model, loaded on first use). */
    final LazyTelematicsScorer scorer;

    private PricingFixture(Db db, LazyTelematicsScorer scorer) throws Exception {
        this.scorer = scorer;
        if (db == Db.POSTGRES) {
            pg = PostgresDatabase.create();
            sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
        } else {
            pg = null;
            sor = SystemOfRecord.open("jdbc:h2:mem:pricing-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 4);
        }
        Clock clock = Clock.systemUTC();
        store = new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 1000, RetentionPolicies.defaults(), clock, null);
        summaries = new JdbcSummaryRepository(sor.dataSource(), clock);
        HubMetrics metrics = new HubMetrics();
        IngestStats stats = new IngestStats();
        JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
        UserStore users = new UserStore(sor.dataSource(), new PasswordHasher(10_000), clock);
        TokenService tokens = new TokenService(vertx, "test-secret-test-secret-test-secret-0123456789", Duration.ofMinutes(10));
        services = new ApiServices(new ApiConfig("127.0.0.1", 0, Duration.ofMinutes(10), 5000, 2000, 64 * 1024),
                clock, registry, new DeviceStatusTracker(sor.dataSource()), users, tokens, metrics.timed(store), summaries,
                stats, null, new ClaimAccessGrants(sor.dataSource(), clock), new LocationAccessLog(sor.dataSource()),
                new LocationPolicy(), metrics, List.of(), new PricingApi(sor.dataSource(), summaries, clock, scorer));
        DemoProvisioner demo = new DemoProvisioner(users, registry, tokens);
        acme = demo.provision("acme");
        rival = demo.provision("rival");
        users.create("acme", "acme-insurer-2", "second-insurer-password", Set.of(Role.INSURER));
        secondInsurerToken = tokens.issue(new Principal("acme-insurer-2", "acme", Set.of(Role.INSURER))).token();
        ApiVerticle api = new ApiVerticle(services);
        vertx.deployVerticle(api).await();
        port = api.actualPort();
    }

    static PricingFixture start(Db db) {
        return start(db, LazyTelematicsScorer.of(null, Clock.systemUTC()));
    }

    /** With another telematics scorer (a model directory, a test clock). */
    static PricingFixture start(Db db, LazyTelematicsScorer scorer) {
        try {
            return new PricingFixture(db, scorer);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(Role role) {
        return acme.tokens().get(role);
    }

    String rivalInsurer() {
        return rival.tokens().get(Role.INSURER);
    }

    /** The example GB motor plan shipped with the pricing engine, with another plan id. */
    static JsonObject motorPlan(String planId) {
        try (InputStream in = PricingFixture.class.getResourceAsStream("/plans/motor-payd-gb.json")) {
            if (in == null) throw new IllegalStateException("plans/motor-payd-gb.json missing from the pricing-engine jar");
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).put("planId", planId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A motor plan rating on the telematics score alone: 365 a year at score 50, 10% less up to 40, 25% more over 60,
     * full credibility (so the score band's relativity is the adjustment).
     */
    static JsonObject scorePlan(String planId, String productLine) {
        return new JsonObject("""
                {"planId":"%s","version":1,"productLine":"%s","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
                 "exposure":{"annualRate":365},"factors":[{"name":"Telematics score","variable":"telematicsScore","bands":[
                   {"upTo":40,"relativity":0.9},{"over":40,"upTo":60,"relativity":1.0},{"over":60,"relativity":1.25}]}],
                 "telematics":{"credibility":{"method":"FULL"}},
                 "tests":[{"name":"average driver","profile":{"periodDays":365,"telematicsScore":50},"expectedPremium":365.00}]}
                """.formatted(planId, productLine));
    }

    /** Creates, approves (second insurer) and activates a plan; returns the activation answer. */
    JsonObject activePlan(JsonObject doc) {
        String id = doc.getString("planId");
        int v = doc.getInteger("version");
        String insurer = token(Role.INSURER);
        expect(post("/api/v1/pricing/plans", insurer, doc.encode()), 201);
        expect(post("/api/v1/pricing/plans/" + id + "/approve", secondInsurerToken, new JsonObject().put("version", v).encode()), 200);
        return expect(post("/api/v1/pricing/plans/" + id + "/activate", insurer, new JsonObject().put("version", v).encode()), 200);
    }

    private static JsonObject expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) throw new AssertionError("expected " + status + ", got " + r.statusCode() + ": " + r.body());
        return new JsonObject(r.body());
    }

    private HubHttpClient client() {
        return new HubHttpClient("http://127.0.0.1:" + port, Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        return client().get(pathAndQuery, token);
    }

    HttpResponse<String> post(String pathAndQuery, String token, String body) {
        return post(pathAndQuery, token, "application/json", body);
    }

    HttpResponse<String> post(String pathAndQuery, String token, String contentType, String body) {
        return client().post(pathAndQuery, token, contentType, body);
    }

    HttpResponse<String> post(String pathAndQuery, String token, String contentType, byte[] body) {
        return client().post(pathAndQuery, token, contentType, body);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await();
        scorer.close();
        store.close();
        sor.close();
        if (pg != null) pg.close();
    }
}
