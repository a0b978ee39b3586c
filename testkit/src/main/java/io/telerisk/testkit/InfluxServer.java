package io.telerisk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private InfluxDB 1.x server (Debian's {@code influxdb} package) for tests: its own HTTP and RPC ports and data
 * directory, so a test may stop it mid-stream and start it again without touching anyone else's database.
 */
public final class InfluxServer implements AutoCloseable {
    private static InfluxServer shared;

    private final Path dir;
    private final int httpPort;
    private final ServerProcess process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private InfluxServer() {
        String binary = ServerProcess.requireBinary("influxd", "influxdb");
        this.dir = ServerProcess.tempDir("influxdb-test-");
        this.httpPort = ServerProcess.freePort();
        int rpcPort = ServerProcess.freePort();
        String conf = """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [coordinator]
                  write-timeout = "30s"
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  max-body-size = 0
                [monitor]
                  store-enabled = false
                [continuous_queries]
                  enabled = false
                """.formatted(rpcPort, dir, dir, dir, httpPort);
        try {
            Files.writeString(dir.resolve("influxdb.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.process = new ServerProcess("influxd", List.of(binary, "-config", dir.resolve("influxdb.conf").toString()), dir, httpPort);
        process.start(Duration.ofSeconds(30));
    }

    /** Starts a new private server. */
    public static InfluxServer start() {
        return new InfluxServer();
    }

    /** One server per JVM, never stopped by tests; for tests that only write and read. */
    public static synchronized InfluxServer shared() {
        if (shared == null) shared = new InfluxServer();
        return shared;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The server's process id (for CPU accounting in benchmarks), or -1 when it is not running. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return httpPort;
    }

    /** Creates a database (idempotent). */
    public void createDatabase(String db) {
        post("CREATE DATABASE \"" + db.replace("\"", "\\\"") + "\"", null);
    }

    /** Runs an InfluxQL query against a database and returns the raw JSON response. */
    public String query(String db, String influxQl) {
        String uri = url() + "/query?db=" + enc(db) + "&q=" + enc(influxQl);
        return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
    }

    private String post(String influxQl, String db) {
        String uri = url() + "/query?q=" + enc(influxQl) + (db == null ? "" : "&db=" + enc(db));
        return send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("InfluxDB at " + url() + " not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Stops the server gracefully; data stays on disk. */
    public void stop() {
        process.stop();
    }

    /** Starts the server (again) on the same ports with the same data. */
    public void startAgain() {
        process.start(Duration.ofSeconds(30));
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() {
        if (this == shared) return;
        process.stop();
        ServerProcess.deleteTree(dir);
    }
}
