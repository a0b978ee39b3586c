package io.telerisk.hub;

import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.ConfigException;
import io.telerisk.hub.config.ConfigKeys;
import io.telerisk.hub.config.ConfigSource;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.config.HubConfigLoader;
import io.telerisk.hub.config.LogFormat;
import io.telerisk.hub.logging.HubLogging;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.topic.Topic;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Command line of the hub:
 * <pre>
 * java io.telerisk.hub.HubMain [--config FILE] [--bootstrap-operator TENANT/USER] [--demo TENANT] [--help]
 * </pre>
 * Starts everything ({@link Hub}), prints where it listens, and shuts down cleanly on SIGTERM/Ctrl-C (ingest
 * drained to store or spool, summaries flushed, databases closed). Exit codes: 0 normal stop, 2 bad arguments or
 * configuration, 1 failure to start.
 */
public final class HubMain {
    private HubMain() {
    }

    /** Parsed command line. */
    record Args(Path configFile, String bootstrapOperator, String demoTenant, boolean help) {
    }

    static Args parse(String[] argv) {
        Path config = null;
        String bootstrap = null;
        String demo = null;
        boolean help = false;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--config" -> config = Path.of(value(argv, ++i, a));
                case "--bootstrap-operator" -> bootstrap = value(argv, ++i, a);
                case "--demo" -> demo = value(argv, ++i, a);
                default -> throw new IllegalArgumentException("unknown argument '" + a + "' (see --help)");
            }
        }
        if (config != null && !Files.isReadable(config)) throw new IllegalArgumentException("configuration file " + config + " is not readable");
        if (bootstrap != null) {
            String[] p = bootstrap.split("/", -1);
            if (p.length != 2 || !Topic.isValidSegment(p[0]) || !Topic.isValidSegment(p[1])) {
                throw new IllegalArgumentException("--bootstrap-operator expects TENANT/USER, e.g. acme/admin");
            }
        }
        if (demo != null && !Topic.isValidSegment(demo)) throw new IllegalArgumentException("--demo expects a tenant id");
        return new Args(config, bootstrap, demo, help);
    }

    private static String value(String[] argv, int i, String flag) {
        if (i >= argv.length) throw new IllegalArgumentException(flag + " needs a value");
        return argv[i];
    }

    public static void main(String[] argv) {
        PrintStream out = System.out;
        Args args;
        HubConfig config;
        ConfigSource source;
        try {
            args = parse(argv);
            if (args.help()) {
                usage(out);
                return;
            }
            source = ConfigSource.fromProcess(args.configFile());
            config = HubConfigLoader.load(source);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("telerisk hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        HubLogging.configure(config.logFormat());
        // with JSON logs every line the hub writes is a log record, so collectors never meet a stray text line
        System.Logger log = System.getLogger(HubMain.class.getName());
        Consumer<String> say = config.logFormat() == LogFormat.JSON ? line -> log.log(System.Logger.Level.INFO, line.strip()) : out::println;
        for (String k : source.unusedKeys()) log.log(System.Logger.Level.WARNING, "unknown configuration key " + k + " (ignored)");

        Hub hub;
        try {
            hub = Hub.start(config);
        } catch (RuntimeException e) {
            System.err.println("telerisk hub failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say.accept("telerisk hub: shutting down");
            hub.close();
            say.accept("telerisk hub: stopped");
            stopped.countDown();
        }, "hub-shutdown"));

        say.accept("telerisk hub started");
        say.accept("  REST API    " + hub.apiUrl() + "/api/v1   (OpenAPI " + hub.apiUrl() + "/api/v1/openapi.json)");
        say.accept("  health      " + hub.apiUrl() + "/health/live, /health/ready   metrics " + hub.apiUrl() + "/metrics");
        if (config.ingest().builtInEnabled()) {
            say.accept("  MQTT        " + (config.ingest().mqttTlsCertPath() != null ? "mqtts" : "mqtt") + "://"
                    + config.ingest().mqttHost() + ":" + hub.mqttPort());
        }
        if (config.ingest().externalEnabled()) {
            say.accept("  broker      " + config.ingest().externalBrokerUri() + " ($share/" + config.ingest().sharedGroup() + ")");
        }
        say.accept("  storage     " + config.storage());
        say.accept("  data dir    " + config.dataDir().toAbsolutePath());
        if (args.bootstrapOperator() != null) bootstrap(hub, args.bootstrapOperator(), say);
        if (args.demoTenant() != null) demo(hub, args.demoTenant(), say);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void bootstrap(Hub hub, String tenantAndUser, Consumer<String> out) {
        String[] p = tenantAndUser.split("/");
        if (hub.services().users().find(p[1]).isPresent()) {
            out.accept("  operator    " + p[1] + " exists already (password unchanged)");
            return;
        }
        byte[] b = new byte[15];
        new SecureRandom().nextBytes(b);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        // the first user of a platform: it creates each tenant's first operator (POST /api/v1/users?tenant=...)
        hub.services().users().create(p[0], p[1], password, Set.of(Role.PLATFORM_OPERATOR));
        out.accept("  operator    " + p[1] + " (platform operator) in tenant " + p[0] + " created; password (shown once): " + password);
    }

    private static void demo(Hub hub, String tenant, Consumer<String> out) {
        DemoProvisioner.DemoSetup d = hub.provisionDemo(tenant);
        out.accept("  demo tenant " + tenant);
        for (Role r : Role.values()) out.accept("    " + r.wireName() + " token: " + d.tokens().get(r));
        for (DeviceCredential c : d.devices()) {
            out.accept("    device " + c.device().type().wireName() + " " + c.username() + " password " + c.token());
        }
    }

    static void usage(PrintStream out) {
        out.println("usage: java io.telerisk.hub.HubMain [--config FILE] [--bootstrap-operator TENANT/USER] [--demo TENANT] [--help]");
        out.println();
        out.println("  --config FILE                 properties file (keys below); system properties and environment override it");
        out.println("  --bootstrap-operator T/USER   create a platform operator if missing and print its password once");
        out.println("  --demo TENANT                 provision demo users, devices and tokens and print them");
        out.println();
        out.println("configuration keys (-Dkey=value, environment variable, or file; see docs/configuration.md):");
        for (ConfigKeys.Key k : ConfigKeys.ALL) {
            out.printf("  %-42s %-36s default %s%n", k.name(), k.envName(), k.defaultValue());
        }
    }
}
