package io.telerisk.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.MosquittoBroker;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Prometheus alert rules pass {@code promtool} (syntax and their unit tests), and every metric the rules and the
 * Grafana dashboard query is one a hub really exposes at {@code /metrics}: a hub of the production shape (external
 * Mosquitto, PostgreSQL, built-in endpoint too) is started and scraped.
 */
class MonitoringFilesTest {
    private static final Path RULES = Kit.CONF.resolve("prometheus").resolve("telerisk-rules.yml");
    private static final Path RULE_TESTS = Kit.CONF.resolve("prometheus").resolve("telerisk-rules.test.yml");
    private static final Path DASHBOARD = Kit.CONF.resolve("grafana").resolve("telerisk-hub.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:telerisk|jvm|process|system)_[A-Za-z0-9_]+)\\b");
    private static final String PROMTOOL = "install Debian's prometheus package (bin/ensure-services does)";

    @TempDir
    static Path dir;
    private static MosquittoBroker broker;
    private static PostgresDatabase db;
    private static Hub hub;
    private static Set<String> exposed;

    @BeforeAll
    static void scrapeAHub() throws Exception {
        broker = MosquittoBroker.start();
        db = PostgresDatabase.create();
        HubConfig c = HubConfig.embedded(dir.resolve("hub"));
        HubConfig.Sor sor = new HubConfig.Sor(db.jdbcUrl(), db.user(), db.password());
        c = c.withSor(sor).withStorage(StorageConfig.jdbc(sor.jdbcUrl(), sor.user(), sor.password()))
                .withIngest(c.ingest().withExternalBroker(broker.uri(), "telerisk-hub", "kit-metrics-1", null, null));
        hub = Hub.start(c);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // one request probes the store (store timer) and is itself timed (HTTP timer)
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        String scrape = http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        exposed = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            exposed.add(line.split("[{ ]", 2)[0]);
        }
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
        if (broker != null) broker.close();
        if (db != null) db.close();
    }

    @Test
    void alertRulesPassPromtoolCheck() throws Exception {
        Kit.Run r = Kit.run(PROMTOOL, List.of("promtool", "check", "rules", RULES.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    void eachAlertFiresOnItsCaseAndStaysQuietOnHealthyHubs() throws Exception {
        Kit.Run r = Kit.run(PROMTOOL, List.of("promtool", "test", "rules", RULE_TESTS.toString()));
        assertEquals(0, r.exit(), r.output());
        // every alert of the rules file has a unit test
        String tests = Files.readString(RULE_TESTS);
        for (String alert : alertNames()) assertTrue(tests.contains("alertname: " + alert), "no promtool test for " + alert);
    }

    @Test
    void theRulesCoverWhatOperatorsMustHearAbout() throws Exception {
        List<String> alerts = alertNames();
        for (String a : List.of("TeleriskIngestStalled", "TeleriskRejectsRising", "TeleriskSpoolGrowing", "TeleriskStoreSlow",
                "TeleriskEventLoopBlocked", "TeleriskBrokerDroppedMessages")) {
            assertTrue(alerts.contains(a), "missing alert " + a);
        }
    }

    @Test
    void everyMetricTheRulesQueryIsExposedByTheHub() throws Exception {
        StringBuilder exprs = new StringBuilder();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()).get("groups")) {
            for (JsonNode rule : group.get("rules")) exprs.append(rule.get("expr").asText()).append('\n');
        }
        Set<String> queried = metricsIn(exprs.toString());
        assertTrue(queried.contains("telerisk_broker_dropped_messages_total"), queried.toString());
        assertExposed(queried, "telerisk-rules.yml");
        // 'up' is the one series Prometheus makes itself (per scrape target); the rules use it for a hub that is down
        assertTrue(exprs.toString().contains("up{job=\"telerisk-hub\"}"));
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposedByTheHub() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertEquals("telerisk-hub", dash.get("uid").asText());
        StringBuilder exprs = new StringBuilder();
        int panelsWithQueries = 0;
        for (JsonNode p : dash.get("panels")) {
            if ("row".equals(p.get("type").asText())) continue;
            assertTrue(p.has("targets") && !p.get("targets").isEmpty(), "panel without a query: " + p.get("title"));
            panelsWithQueries++;
            for (JsonNode t : p.get("targets")) exprs.append(t.get("expr").asText()).append('\n');
        }
        exprs.append(dash.at("/templating/list/1/definition").asText());
        assertTrue(panelsWithQueries >= 10, "dashboard has " + panelsWithQueries + " panels");
        Set<String> queried = metricsIn(exprs.toString());
        for (String m : List.of("telerisk_broker_dropped_messages_total", "telerisk_ingest_messages_stored_total",
                "telerisk_ingest_spool_bytes", "telerisk_store_seconds_count", "telerisk_event_loop_lag_seconds_max")) {
            assertTrue(queried.contains(m), "dashboard does not show " + m);
        }
        assertExposed(queried, "telerisk-hub.json");
    }

    private static void assertExposed(Set<String> queried, String file) {
        List<String> missing = new ArrayList<>(queried);
        missing.removeAll(exposed);
        assertTrue(missing.isEmpty(), file + " queries metrics the hub does not expose: " + missing + "\nexposed: " + exposed);
    }

    private static Set<String> metricsIn(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static List<String> alertNames() throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(Files.readString(RULES));
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
