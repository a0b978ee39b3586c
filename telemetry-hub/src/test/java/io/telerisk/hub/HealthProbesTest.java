package io.telerisk.hub;

import io.telerisk.hub.config.HubConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Liveness and readiness are separate probes, and readiness goes down as soon as the hub is asked to stop. */
class HealthProbesTest {
    @TempDir
    Path dir;

    @Test
    void livenessAnswersAloneAndReadinessProbesTheDependenciesButNotTheSpool() {
        try (Hub hub = Hub.start(HubConfig.embedded(dir.resolve("data")))) {
            HubHttpClient http = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(10));
            HttpResponse<String> live = http.get("/health/live", null);
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("up", new JsonObject(live.body()).getString("status"));

            HttpResponse<String> ready = http.get("/health/ready", null);
            assertEquals(200, ready.statusCode(), ready.body());
            JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
            assertEquals(List.of("broker", "draining", "sor", "store"), checks.fieldNames().stream().sorted().toList());
            checks.forEach(e -> assertEquals("up", ((JsonObject) e.getValue()).getString("status"), e.getKey()));
            // the overall report also shows the ingest (spooling is degraded, not unready)
            assertTrue(new JsonObject(http.get("/health", null).body()).getJsonObject("checks").containsKey("ingest"));
        }
    }

    @Test
    void drainingTakesTheHubOutOfRotationWhileItStillAnswers() {
        try (Hub hub = Hub.start(HubConfig.embedded(dir.resolve("data")))) {
            HubHttpClient http = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(10));
            hub.drain();
            HttpResponse<String> ready = http.get("/health/ready", null);
            assertEquals(503, ready.statusCode(), ready.body());
            JsonObject body = new JsonObject(ready.body());
            assertEquals("down", body.getString("status"));
            assertEquals("down", body.getJsonObject("checks").getJsonObject("draining").getString("status"));
            assertEquals("up", body.getJsonObject("checks").getJsonObject("sor").getString("status"));
            assertEquals(200, http.get("/health/live", null).statusCode());
        }
    }

    @Test
    void sigtermTurnsReadinessDownBeforeTheApiStops() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dtelerisk.data-dir=" + dir.resolve("child"), "-Dtelerisk.api.port=" + port,
                "-Dtelerisk.mqtt.host=127.0.0.1", "-Dtelerisk.mqtt.port=0", "-Dtelerisk.api.drain-delay=4s",
                HubMain.class.getName()));
        Process hub = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            HubHttpClient http = new HubHttpClient("http://127.0.0.1:" + port, Duration.ofSeconds(5));
            waitFor(() -> status(http, "/health/ready") == 200, Duration.ofSeconds(120), hub, "child hub ready");

            hub.destroy(); // SIGTERM
            int first;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // a guard against a hub ignoring SIGTERM, not a speed check
            do {
                first = status(http, "/health/ready");
            } while (first == 200 && System.nanoTime() < giveUp);
            assertEquals(503, first, "the first answer after SIGTERM that is not 200 must be 503 draining, before the API goes away");
            // still serving while draining: the load balancer sees 503 on readiness, requests in flight complete
            assertEquals(200, status(http, "/health/live"));
            HttpResponse<String> ready = http.get("/health/ready", null);
            assertEquals("down", new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("draining").getString("status"));

            assertTrue(hub.waitFor(60, TimeUnit.SECONDS), "hub did not stop after SIGTERM");
            assertEquals(-1, status(http, "/health/live"), "API still answering after the hub stopped");
        } finally {
            hub.destroyForcibly();
        }
    }

    /** HTTP status, or -1 when nothing answers. */
    private static int status(HubHttpClient http, String path) {
        try {
            return http.get(path, null).statusCode();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException) return -1;
            throw e;
        }
    }

    private void waitFor(java.util.function.BooleanSupplier ok, Duration max, Process p, String what) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (ok.getAsBoolean()) return;
            if (!p.isAlive()) break;
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what + "; child log:\n" + java.nio.file.Files.readString(dir.resolve("child.log")));
    }
}
