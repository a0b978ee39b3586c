package io.telerisk.hub.agri;

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

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The hub's real REST API with crop credit wired in, over H2 (PostgreSQL mode) or a fresh PostgreSQL database, as
 * the hub wires it. Tenants {@code acme} and {@code rival} (demo provisioning: devices car-1, watch-1, field-1, one
 * user per role); acme also has a second farmer for ownership checks.
 */
final class AgriFixture implements AutoCloseable {
    enum Db { H2, POSTGRES }

    final Vertx vertx = Vertx.vertx();
    final PostgresDatabase pg;
    final SystemOfRecord sor;
    final JdbcTelemetryStore store;
    final AgriApi agri;
    final DemoProvisioner.DemoSetup acme;
    final DemoProvisioner.DemoSetup rival;
    final String otherFarmerToken;
    /** A second credit officer of acme (four-eyes needs two). */
    final String secondLenderToken;
    final int port;

    private AgriFixture(Db db) throws Exception {
        if (db == Db.POSTGRES) {
            pg = PostgresDatabase.create();
            sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
        } else {
            pg = null;
            sor = SystemOfRecord.open("jdbc:h2:mem:agri-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 4);
        }
        Clock clock = Clock.systemUTC();
        store = new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 1000, RetentionPolicies.defaults(), clock, null);
        JdbcSummaryRepository summaries = new JdbcSummaryRepository(sor.dataSource(), clock);
        agri = new AgriApi(sor.dataSource(), summaries, new JdbcNdviSeriesStore(sor.dataSource()), clock);
        HubMetrics metrics = new HubMetrics();
        JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
        UserStore users = new UserStore(sor.dataSource(), new PasswordHasher(10_000), clock);
        TokenService tokens = new TokenService(vertx, "test-secret-test-secret-test-secret-0123456789", Duration.ofMinutes(10));
        ApiServices services = new ApiServices(new ApiConfig("127.0.0.1", 0, Duration.ofMinutes(10), 5000, 2000, 64 * 1024),
                clock, registry, new DeviceStatusTracker(sor.dataSource()), users, tokens, metrics.timed(store), summaries,
                new IngestStats(), null, new ClaimAccessGrants(sor.dataSource(), clock), new LocationAccessLog(sor.dataSource()),
                new LocationPolicy(), metrics, List.of(), null, agri);
        DemoProvisioner demo = new DemoProvisioner(users, registry, tokens);
        acme = demo.provision("acme");
        rival = demo.provision("rival");
        otherFarmerToken = tokens.issue(new Principal("farmer-2", "acme", Set.of(Role.FARMER))).token();
        secondLenderToken = tokens.issue(new Principal("lender-2", "acme", Set.of(Role.LENDER))).token();
        ApiVerticle api = new ApiVerticle(services);
        vertx.deployVerticle(api).await();
        port = api.actualPort();
    }

    static AgriFixture start(Db db) {
        try {
            return new AgriFixture(db);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(Role role) {
        return acme.tokens().get(role);
    }

    String username(Role role) {
        return acme.users().get(role);
    }

    private HubHttpClient client() {
        return new HubHttpClient("http://127.0.0.1:" + port, Duration.ofSeconds(60));
    }

    HttpResponse<String> get(String path, String token) {
        return client().get(path, token);
    }

    HttpResponse<String> post(String path, String token, JsonObject body) {
        return client().post(path, token, "application/json", body.encode());
    }

    @Override
    public void close() throws Exception {
        vertx.close().await();
        store.close();
        sor.close();
        if (pg != null) pg.close();
    }
}
