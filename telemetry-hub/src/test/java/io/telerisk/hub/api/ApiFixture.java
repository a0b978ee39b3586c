package io.telerisk.hub.api;

import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.auth.PasswordHasher;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.config.ApiConfig;
import io.telerisk.hub.ingest.JdbcDeadLetterStore;
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

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real REST API over real databases for tests: H2 (PostgreSQL mode, in memory) or a fresh PostgreSQL database
 * from the testkit, the JDBC telemetry store, the registry and everything else wired as the hub does, served on a
 * free port. Two demo tenants, {@code acme} and {@code rival}, each with one user per role and three devices.
 */
final class ApiFixture implements AutoCloseable {
    enum Db { H2, POSTGRES }

    final Vertx vertx = Vertx.vertx();
    final PostgresDatabase pg;
    final SystemOfRecord sor;
    final JdbcTelemetryStore store;
    final ApiServices services;
    final DemoProvisioner.DemoSetup acme;
    final DemoProvisioner.DemoSetup rival;
    final Path dataDir;
    final JdbcSummaryRepository summaries;
    final JdbcDeadLetterStore deadLetters;
    final int port;

    private ApiFixture(Db db, java.util.function.UnaryOperator<ApiConfig> configure) throws Exception {
        if (db == Db.POSTGRES) {
            pg = PostgresDatabase.create();
            sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
        } else {
            pg = null;
            sor = SystemOfRecord.open("jdbc:h2:mem:api-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 4);
        }
        dataDir = Files.createTempDirectory("hub-api-test");
        Clock clock = Clock.systemUTC();
        store = new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 1000, RetentionPolicies.defaults(), clock, null);
        deadLetters = new JdbcDeadLetterStore(sor.dataSource(), JdbcDeadLetterStore.DEFAULT_RETENTION, JdbcDeadLetterStore.DEFAULT_MAX_ROWS);
        summaries = new JdbcSummaryRepository(sor.dataSource(), clock);
        HubMetrics metrics = new HubMetrics();
        IngestStats stats = new IngestStats();
        metrics.bindIngest(stats);
        JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
        ApiConfig config = configure.apply(new ApiConfig("127.0.0.1", 0, Duration.ofMinutes(10), 5000, 2000, 16 * 1024));
        ApiConfig.Login login = config.login();
        UserStore users = new UserStore(sor.dataSource(), new PasswordHasher(10_000), clock, io.telerisk.hub.auth.LoginThrottle.of(
                sor.dataSource(), clock, login.sourceFreeFailures(), login.sourceMaxDelay(), login.usernameFreeFailures(), login.usernameMaxDelay()));
        TokenService tokens = new TokenService(vertx, "test-secret-test-secret-test-secret-0123456789", Duration.ofMinutes(10));
        services = new ApiServices(config,
                clock, registry, new DeviceStatusTracker(sor.dataSource()), users, tokens, metrics.timed(store), summaries,
                stats, deadLetters, new ClaimAccessGrants(sor.dataSource(), clock), new LocationAccessLog(sor.dataSource()),
                new LocationPolicy(), metrics,
                List.of(new HealthCheck("sor", () -> {
                    try (Connection c = sor.dataSource().getConnection()) {
                        if (!c.isValid(2)) throw new IllegalStateException("connection not valid");
                        return c.getMetaData().getDatabaseProductName();
                    }
                }), new HealthCheck("store", () -> {
                    store.raw(new io.telerisk.model.DeviceKey("_health", io.telerisk.model.DeviceType.VEHICLE, "_probe"),
                            java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(1), 1);
                    return store.describe();
                })));
        DemoProvisioner demo = new DemoProvisioner(users, registry, tokens);
        acme = demo.provision("acme");
        rival = demo.provision("rival");
        ApiVerticle api = new ApiVerticle(services);
        vertx.deployVerticle(api).await();
        port = api.actualPort();
    }

    static ApiFixture start(Db db) {
        return start(db, c -> c);
    }

    /** With the API configuration changed by {@code configure} (e.g. trusted proxies). */
    static ApiFixture start(Db db, java.util.function.UnaryOperator<ApiConfig> configure) {
        try {
            return new ApiFixture(db, configure);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(Role role) {
        return acme.tokens().get(role);
    }

    private HubHttpClient client() {
        return new HubHttpClient("http://127.0.0.1:" + port, Duration.ofSeconds(20));
    }

    URI uri(String pathAndQuery) {
        return client().uri(pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        return client().get(pathAndQuery, token);
    }

    HttpResponse<String> post(String pathAndQuery, String token, String json) {
        return client().post(pathAndQuery, token, "application/json", json);
    }

    HttpResponse<String> send(HttpRequest r) {
        return client().send(r);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await();
        store.close();
        deadLetters.close();
        sor.close();
        if (pg != null) pg.close();
    }
}
