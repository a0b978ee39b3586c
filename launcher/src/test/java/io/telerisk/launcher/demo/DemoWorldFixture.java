package io.telerisk.launcher.demo;

import io.telerisk.hub.api.DemoProvisioner.DemoLogin;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.sim.publish.Rate;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo world for tests: a small fleet ({@value #VEHICLES} vehicles, {@value #WEARABLES} wearables,
 * {@value #FARMS} farm sensors) replaying {@value #DAYS} days in about a minute, seeded exactly as
 * {@code bin/platform demo} seeds it, on an embedded hub with free ports in {@code dataDir}. Persona journey tests
 * start one, play against {@link #api()} and MQTT on {@link #mqttPort()}, and close it:
 * <pre>{@code
 * try (DemoWorldFixture demo = DemoWorldFixture.start(tempDir)) {
 *     JsonObject plans = demo.get(Role.INSURER, 1, "/api/v1/pricing/plans").json();
 * }
 * }</pre>
 */
public final class DemoWorldFixture implements AutoCloseable {
    public static final int VEHICLES = 6, WEARABLES = 4, FARMS = 10, DAYS = 2;
    /** The settings tests run with: two days replayed at 2,880x (a minute), the demo's seed. */
    public static final DemoWorld.Settings SETTINGS = DemoWorld.Settings.defaults().withFleet(VEHICLES, WEARABLES, FARMS)
            .withReplay(DAYS, DAYS * 86_400 / 60.0, Rate.parse("2000"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final DemoWorld world;

    private DemoWorldFixture(DemoWorld world) {
        this.world = world;
    }

    /** Seeds (or resumes) the test world in {@code dataDir} and starts its replay. */
    public static DemoWorldFixture start(Path dataDir) {
        return start(dataDir, SETTINGS);
    }

    public static DemoWorldFixture start(Path dataDir, DemoWorld.Settings settings) {
        return new DemoWorldFixture(DemoWorld.start(HubConfig.embedded(dataDir), settings));
    }

    public DemoWorld world() {
        return world;
    }

    /** Base URL of the hub, e.g. {@code http://127.0.0.1:41234}. */
    public String api() {
        return world.hub().apiUrl();
    }

    public int mqttPort() {
        return world.hub().mqttPort();
    }

    /**
     * Waits until the replay has caught up with the present (the fleet goes on live from there, it never completes)
     * and every message sent so far is acknowledged.
     *
     * @throws IllegalStateException when it has not within {@code timeout}
     */
    public Instant awaitReplayCaughtUp(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Instant live = world.liveSince();
            if (live != null && world.publisher().stats().inFlight() == 0) return live;
            Thread.sleep(200);
        }
        throw new IllegalStateException("the replay did not catch up with the present within " + timeout + ": simulated time "
                + world.simulatedNow() + ", " + world.publisher().stats());
    }

    public String tenant() {
        return world.settings().tenant();
    }

    /** The n-th (from 1) demo login of a role, with its password and a fresh token. */
    public DemoLogin login(Role role, int n) {
        return world.logins().stream().filter(l -> l.role() == role).skip(n - 1L).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo login " + n + " of role " + role));
    }

    /** A reply: status and body. */
    public record Reply(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public io.vertx.core.json.JsonArray array() {
            return new io.vertx.core.json.JsonArray(body);
        }
    }

    /** GET {@code path} as the n-th login of {@code role}. */
    public Reply get(Role role, int n, String path) {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).header("Authorization", "Bearer " + login(role, n).token()).GET());
    }

    /** GET without a token (the console's pages, health). */
    public Reply getAnonymous(String path) {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).GET());
    }

    /** POST a JSON body to {@code path} as the n-th login of {@code role}. */
    public Reply post(Role role, int n, String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).header("Authorization", "Bearer " + login(role, n).token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** POST without a token (e.g. logging in). */
    public Reply postAnonymous(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo hub unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        world.close();
    }
}
