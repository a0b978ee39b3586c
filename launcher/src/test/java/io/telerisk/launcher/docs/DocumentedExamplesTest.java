package io.telerisk.launcher.docs;

import io.telerisk.hub.api.DemoProvisioner.DemoLogin;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.launcher.demo.DemoWorldFixture;
import io.telerisk.launcher.docs.DocExamples.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example of the README's quick start, docs/journeys.md, docs/api.md and docs/telemetry.md, and every shell
 * example of the guides ({@link #GUIDES}: agri-credit, claims, pricing, operations, configuration, simulator), played
 * against the running demo world: shell blocks with bash (curl, jq, mosquitto_pub/_rr, python3, as a reader types them, with
 * the demo's ports and printed passwords and tokens filled in), the telemetry contract's messages over MQTT. A
 * failure names the doc and line. Examples that cannot run on the demo carry {@code <!-- example: skip REASON -->};
 * the skips are printed with their reasons (the conventions: docs/README.md).
 */
class DocumentedExamplesTest {
    private static final Path ROOT = Path.of("..");
    /** The guides beside the contracts: what of them talks to a running hub is played too. */
    static final List<String> GUIDES = List.of("docs/agri-credit.md", "docs/claims.md", "docs/pricing.md", "docs/operations.md",
            "docs/configuration.md", "docs/simulator.md");
    private static final Pattern HUB_COMMAND = Pattern.compile("\\bcurl\\s|\\bmosquitto_(pub|sub|rr)\\b|127\\.0\\.0\\.1:|localhost:\\d");
    private static final Pattern PASSWORD = Pattern.compile("<printed password of ([A-Za-z0-9._-]+)>");
    private static final Pattern DEVICE_TOKEN = Pattern.compile("<printed token of ([A-Za-z0-9._-]+)>");

    @TempDir
    Path dir;

    @Test
    void everyDocumentedExampleWorksOnTheDemoWorld() throws IOException {
        for (String tool : List.of("bash", "curl", "jq", "mosquitto_pub", "mosquitto_rr", "python3", "base64")) {
            assertTrue(onPath(tool), tool + " is not installed: bin/ensure-services installs what the doc examples need");
        }
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("demo"))) {
            List<DeviceCredential> handsOn = demo.world().provisionHandsOnDevices();
            Map<String, String> env = new HashMap<>();
            for (Role role : Role.values()) env.put(role.name(), demo.login(role, 1).token());
            UnaryOperator<String> placeholders = placeholders(demo, handsOn);

            // the telemetry contract's messages first: the shell examples change the operators' passwords
            EnvelopeExamples messages = new EnvelopeExamples(demo, handsOn.get(0));
            for (Block b : DocExamples.read(ROOT, "docs/telemetry.md")) {
                if (b.language().equals("json")) messages.play(b);
            }
            awaitJudgedCrashes(demo);
            awaitParametricCoversEvaluated(demo);
            Tally all = new Tally();
            all.add(messages.tally());
            List<String> took = new ArrayList<>();
            for (String doc : List.of("README.md", "docs/journeys.md", "docs/api.md")) {
                long t0 = System.nanoTime();
                Path work = Files.createDirectories(dir.resolve("work-" + doc.replace('/', '-')));
                ShellExamples shell = new ShellExamples(work, env, placeholders);
                for (Block b : DocExamples.read(ROOT, doc)) {
                    if (b.isShell()) shell.play(b);
                    else all.failures.add(b.where() + ": a " + b.language() + " block in a doc of shell examples; mark it or make it sh");
                }
                all.add(shell.tally());
                took.add(doc + " " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
            }
            // the guides: their shell blocks are played the same way; their other blocks are formulas, file layouts,
            // configuration and JSON fragments, but a command aimed at a hub or broker must be a played shell block
            for (String doc : GUIDES) {
                Path work = Files.createDirectories(dir.resolve("work-" + doc.replace('/', '-')));
                ShellExamples shell = new ShellExamples(work, env, placeholders);
                for (Block b : DocExamples.read(ROOT, doc)) {
                    if (b.isShell()) shell.play(b);
                    else if (talksToAHub(b) && all.play(b)) {
                        all.failures.add(b.where() + ": a command talking to a hub in a " + (b.language().isEmpty() ? "plain" : b.language())
                                + " block: make it sh (it is then played on the demo) or mark it skip with why it cannot run there");
                    }
                }
                all.add(shell.tally());
            }
            System.out.println("doc examples: " + all.played + " played (" + String.join(", ", took) + "), " + all.skipped.size()
                    + " skipped:\n  " + String.join("\n  ", all.skipped));
            assertTrue(all.played >= 30, "the docs' examples were found: " + all.played);
            assertEquals(List.of(), all.failures, all.failures.size() + " doc examples fail on the demo:\n" + String.join("\n", all.failures));
        }
    }

    /**
     * journeys.md reads the crash-intake outcomes of the replaying fleet: a reader runs it after the demo has been up
     * a while, when the hub has judged the first crashes (its crash workers start once the shipped model has loaded
     * in the background), so wait for that much of the world to exist, as a reader would.
     */
    private static void awaitJudgedCrashes(DemoWorldFixture demo) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(180).toNanos();
        DemoWorldFixture.Reply r = null;
        while (System.nanoTime() < deadline) {
            r = demo.get(Role.ADJUSTER, 1, "/api/v1/claims/crash-events?limit=1");
            if (r.status() == 200 && r.json().getLong("total", 0L) > 0) return;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the demo fleet's crashes were not judged within 180 s: " + (r == null ? "no answer" : r.status() + " " + r.body()));
    }

    /**
     * journeys.md reads the drought claim paid to a loan, which the demo opens once its replay has caught up with the
     * present (as the demo announces): a reader runs it after that, so wait for it as a reader would.
     */
    private static void awaitParametricCoversEvaluated(DemoWorldFixture demo) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(240).toNanos();
        while (demo.world().parametricEvaluated() == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        if (demo.world().parametricEvaluated() == null) {
            throw new AssertionError("the demo did not evaluate its parametric covers within 240 s of starting (replay not caught up: "
                    + demo.world().simulatedNow() + ")");
        }
    }

    /** Whether a block that is not a shell block holds a command aimed at a hub, its API or its MQTT endpoint. */
    static boolean talksToAHub(Block b) {
        return b.lines().stream().anyMatch(l -> HUB_COMMAND.matcher(l).find());
    }

    /** What a reader fills in from the demo's banner: its ports, the printed passwords and device tokens. */
    private static UnaryOperator<String> placeholders(DemoWorldFixture demo, List<DeviceCredential> handsOn) {
        Map<String, String> passwords = new HashMap<>();
        for (DemoLogin l : demo.world().logins()) passwords.put(l.username(), l.password());
        Map<String, String> tokens = new HashMap<>();
        for (DeviceCredential c : handsOn) tokens.put(c.device().deviceId(), c.token());
        String mqtt = String.valueOf(demo.mqttPort());
        return line -> {
            String l = line.replace("http://127.0.0.1:8080", demo.api()).replace("-p 1883", "-p " + mqtt)
                    .replace("MQTT=1883", "MQTT=" + mqtt).replace("MQTT_PORT=1883", "MQTT_PORT=" + mqtt);
            l = replace(PASSWORD, l, passwords, "no demo login");
            return replace(DEVICE_TOKEN, l, tokens, "no hands-on device");
        };
    }

    private static String replace(Pattern p, String line, Map<String, String> values, String what) {
        Matcher m = p.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) throw new IllegalArgumentException(what + " " + m.group(1) + " in: " + line);
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
