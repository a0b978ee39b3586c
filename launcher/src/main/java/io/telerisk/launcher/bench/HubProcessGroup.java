package io.telerisk.launcher.bench;

import io.telerisk.testkit.PostgresDatabase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N hub processes ({@code HubMain}, each its own JVM as in production) on one {@code $share} group of a broker, one
 * PostgreSQL system of record and one InfluxDB database: what {@code bench ingest --hubs N} measures. Each hub's
 * counters are read from its {@code /metrics}; its log goes to a file in the bench's temporary directory.
 */
final class HubProcessGroup implements AutoCloseable {
    private static final Pattern API = Pattern.compile("REST API\\s+(http://\\S+)/api/v1");
    /** A hub on 2 busy cores can take minutes to reach its banner (the fault tests saw over 120 s at load 36-45). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    /** One hub process: its name ({@code hub-1} …), the process, its log and its REST API base URL. */
    record HubProcess(String name, Process process, Path log, String apiUrl) {
    }

    private final List<HubProcess> hubs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HubProcessGroup(List<HubProcess> hubs) {
        this.hubs = hubs;
    }

    /**
     * Starts {@code n} hubs at once (client ids {@code <clientIdPrefix>-1} …, shared group {@code group}) and waits
     * for each one's banner and for its crash model to load, so neither is charged to the measured ingest.
     */
    static HubProcessGroup start(int n, Path dir, String brokerUri, String group, String clientIdPrefix, PostgresDatabase pg,
                                 String influxUrl, String influxDb) throws Exception {
        List<HubProcess> started = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                String name = ProcessCpu.HUB_PREFIX + i;
                Path conf = dir.resolve(name + ".properties");
                List<String> settings = new ArrayList<>(List.of(
                        "telerisk.data-dir=" + dir.resolve(name),
                        "telerisk.sor.url=" + pg.jdbcUrl(),
                        "telerisk.sor.user=" + pg.user(),
                        "telerisk.sor.password=" + (pg.password() == null ? "" : pg.password()),
                        "telerisk.api.host=127.0.0.1",
                        "telerisk.api.port=0",
                        "telerisk.mqtt.enabled=false",
                        "telerisk.broker.uri=" + brokerUri,
                        "telerisk.broker.shared-group=" + group,
                        "telerisk.broker.client-id=" + clientIdPrefix + "-" + i,
                        "telerisk.storage.backend=influxdb",
                        "telerisk.storage.influx.url=" + influxUrl,
                        "telerisk.storage.influx.database=" + influxDb));
                settings.addAll(IngestBench.deviceRateSettings());
                Files.writeString(conf, String.join("\n", settings) + "\n");
                Path log = dir.resolve(name + ".log");
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                // the options bin/platform gives a hub; -Xmx1g as the bench JVM's default, so one hub in a process
                // has the heap the in-process hub has
                Process p = new ProcessBuilder(java, "-XX:+ExitOnOutOfMemoryError", "-Xmx1g",
                        "-Djava.util.logging.manager=io.telerisk.hub.logging.HubLogManager",
                        "-cp", System.getProperty("java.class.path"), "io.telerisk.hub.HubMain", "--config", conf.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                started.add(new HubProcess(name, p, log, null));
            }
            long t0 = System.nanoTime();
            // all started at once; then each one's banner (its API address) and its crash model
            for (int i = 0; i < n; i++) {
                HubProcess h = started.get(i);
                started.set(i, new HubProcess(h.name(), h.process(), h.log(), awaitBanner(h.process(), h.log())));
            }
            HubProcessGroup hubs = new HubProcessGroup(started);
            for (HubProcess h : started) hubs.awaitCrashModel(h);
            System.out.printf(Locale.ROOT, "  %d hub processes started (pids %s), crash models loaded, in %.1f s%n", n,
                    started.stream().map(h -> String.valueOf(h.process().pid())).toList(), (System.nanoTime() - t0) / 1e9);
            return hubs;
        } catch (Exception | Error e) {
            new HubProcessGroup(started).close();
            throw e;
        }
    }

    List<HubProcess> hubs() {
        return hubs;
    }

    /** Adds every hub process to {@code cpu}, named {@code hub-1} …. */
    ProcessCpu addTo(ProcessCpu cpu) {
        for (HubProcess h : hubs) cpu.add(h.name(), h.process().pid());
        return cpu;
    }

    /** A counter summed over every hub's {@code /metrics} (and over its labels); -1 while a hub does not answer. */
    long sum(String metric) {
        long total = 0;
        for (HubProcess h : hubs) {
            long v = metric(h, metric);
            if (v < 0) return -1;
            total += v;
        }
        return total;
    }

    /** A counter of one hub's {@code /metrics} (summed over its labels); -1 when the hub does not answer. */
    long metric(HubProcess h, String name) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(h.apiUrl() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith(name + "_total") || line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Math.round(sum);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String awaitBanner(Process p, Path log) throws Exception {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = API.matcher(out);
            if (m.find()) return m.group(1);
            if (!p.isAlive()) throw new IllegalStateException("hub process exited before its banner; log " + log + ":\n" + tail(out));
            Thread.sleep(200);
        }
        throw new IllegalStateException("hub process did not print its banner within " + START_TIMEOUT.toMinutes() + " min; log " + log);
    }

    /** Waits (at most 2 minutes) until the hub's {@code GET /health} no longer reports the crash model loading. */
    private void awaitCrashModel(HubProcess h) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String body = "";
        while (System.nanoTime() < end) {
            try {
                body = http.send(HttpRequest.newBuilder(URI.create(h.apiUrl() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (!body.contains("loading in the background")) return;
            } catch (IOException notYet) {
                body = notYet.toString();
            }
            Thread.sleep(200);
        }
        System.out.printf(Locale.ROOT, "  %s: crash model still loading after 2 min (%s)%n", h.name(), body);
    }

    private static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 3000));
    }

    /** Stops every hub with SIGTERM (as an operator would), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        for (HubProcess h : hubs) h.process().destroy();
        for (HubProcess h : hubs) {
            if (!h.process().waitFor(30, TimeUnit.SECONDS)) {
                h.process().destroyForcibly();
                h.process().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
