package io.telerisk.launcher.demo;

import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.api.DemoProvisioner.DemoLogin;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.registry.DeviceConflictException;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.launcher.demo.world.DemoRegion;
import io.telerisk.launcher.demo.world.SeedContext;
import io.telerisk.launcher.demo.world.WorldSeeder;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.publish.FleetPublisher;
import io.telerisk.sim.publish.PublisherHandle;
import io.telerisk.sim.publish.PublisherOptions;
import io.telerisk.sim.publish.Rate;
import io.telerisk.sim.vehicle.VehicleConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running demo world: a hub on a data directory, the world seeded on it (or found there from an earlier run), and
 * the simulated fleet replaying its days over MQTT. {@code bin/platform demo} and the launcher's tests start it the
 * same way. Once a device's replay reaches the present it goes on publishing live, in real time, until the demo stops
 * (its clock never runs ahead of the present; parked vehicles report where they stand every
 * {@link Settings#parkedReport()} from then on, so the fleet map shows every vehicle). A data directory that holds the same world (same seed, tenant, fleet and days) is resumed: nothing is
 * seeded again, users keep their passwords, and the fleet replays from where the last run stopped up to now. Any
 * other non-empty directory is moved aside and the world starts afresh; {@link #start()} says which and why.
 */
public final class DemoWorld implements AutoCloseable {
    /** Devices printed for users to publish to by hand (docs/journeys.md uses them). */
    public static final List<String> HANDS_ON = List.of("my-car-1", "my-watch-1");
    /**
     * How long the fleet's data goes on past the present. The fleet ends somewhere: a stream that ended at the
     * present (as before) finished every device, and so disconnected all of them, the moment the replay caught up.
     */
    static final Duration LIVE_HORIZON = Duration.ofDays(366);

    /**
     * What world to run.
     *
     * @param tenant        the demo tenant
     * @param seed          seed of the fleet and of everything seeded
     * @param vehicles      simulated vehicles
     * @param wearables     simulated wearables
     * @param farms         simulated farm sensors (one field each)
     * @param days          days replayed, ending at the start
     * @param speed         simulated seconds per wall second
     * @param rate          fleet message rate cap
     * @param loginsPerRole demo users per role (two: four-eyes needs a second person)
     * @param crashRate     multiplier of the simulated crash rate (the demo raises it so crashes open claims while you watch)
     * @param parkedReport  how often a parked vehicle reports where it stands once the fleet is live (inside the fleet
     *                      map's 10-minute window)
     */
    public record Settings(String tenant, long seed, int vehicles, int wearables, int farms, int days, double speed, Rate rate,
                           int loginsPerRole, double crashRate, Duration parkedReport) {
        public Settings {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(rate, "rate");
            if (days < 1) throw new IllegalArgumentException("days must be >= 1: " + days);
            if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0: " + speed);
            if (loginsPerRole < 2) throw new IllegalArgumentException("four-eyes needs at least 2 logins per role: " + loginsPerRole);
            if (farms > 0 && loginsPerRole < 1) throw new IllegalArgumentException("farms need farmers");
            Objects.requireNonNull(parkedReport, "parkedReport");
            if (parkedReport.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("parkedReport must be >= 1s: " + parkedReport);
        }

        /** The demo's defaults. */
        public static Settings defaults() {
            return new Settings("demo", 42, 200, 100, 50, 7, 1200, Rate.parse("3000"), 2, 3, Duration.ofMinutes(5));
        }

        /** The world's identity: a data directory with another identity is not resumed. */
        String identity() {
            return "tenant=" + tenant + ",seed=" + seed + ",vehicles=" + vehicles + ",wearables=" + wearables + ",farms=" + farms
                    + ",days=" + days;
        }

        public Settings withFleet(int vehicles, int wearables, int farms) {
            return new Settings(tenant, seed, vehicles, wearables, farms, days, speed, rate, loginsPerRole, crashRate, parkedReport);
        }

        public Settings withReplay(int days, double speed, Rate rate) {
            return new Settings(tenant, seed, vehicles, wearables, farms, days, speed, rate, loginsPerRole, crashRate, parkedReport);
        }

        /** Parked vehicles of the live fleet report every {@code every} (tests use seconds). */
        public Settings withParkedReport(Duration every) {
            return new Settings(tenant, seed, vehicles, wearables, farms, days, speed, rate, loginsPerRole, crashRate, every);
        }

        public Settings withSeed(long seed) {
            return new Settings(tenant, seed, vehicles, wearables, farms, days, speed, rate, loginsPerRole, crashRate, parkedReport);
        }
    }

    /** How this run began: a fresh world or a resumed one, and why (printed). */
    public record Start(boolean resumed, String why) {
    }

    private final Hub hub;
    private final Settings settings;
    private final Start start;
    private final DemoRegion region;
    private final List<DemoLogin> logins;
    private final List<DeviceCredential> credentials;
    private final WorldSeeder.Seeded seeded;
    private final Fleet replay;
    private final PublisherHandle publisher;
    private final SimClock clock;
    private volatile DemoState state;

    private volatile Instant parametricEvaluated;

    private DemoWorld(Hub hub, Settings settings, Start start, DemoRegion region, List<DemoLogin> logins,
                      List<DeviceCredential> credentials, WorldSeeder.Seeded seeded, Fleet replay, PublisherHandle publisher,
                      SimClock clock, DemoState state) {
        this.hub = hub;
        this.settings = settings;
        this.start = start;
        this.region = region;
        this.logins = logins;
        this.credentials = credentials;
        this.seeded = seeded;
        this.replay = replay;
        this.publisher = publisher;
        this.clock = clock;
        this.state = state;
        evaluateParametricCoversOnceLive();
    }

    /**
     * The hub evaluates parametric covers a minute after it starts and then once a day, for yesterday; a replay
     * delivers the replayed days only later. Once the replay has caught up and every message is acknowledged, the
     * demo has the day's farm summaries computed and the covers evaluated again for yesterday, so drought and excess
     * rain in the replayed days open their claims (and pay a linked loan) during this run.
     */
    private void evaluateParametricCoversOnceLive() {
        if (hub.services().claims() == null) return;
        hub.vertx().setPeriodic(2_000, timer -> {
            if (clock.liveSince() == null || publisher.stats().inFlight() > 0) return;
            hub.vertx().cancelTimer(timer);
            hub.vertx().executeBlocking(() -> {
                hub.summarizer().flush();
                LocalDate yesterday = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).minusDays(1);
                int found = hub.services().claims().parametric().evaluateAgain(yesterday).size();
                parametricEvaluated = Instant.now();
                return found;
            }, false).onFailure(t -> System.getLogger(DemoWorld.class.getName()).log(System.Logger.Level.WARNING,
                    "demo: parametric covers not evaluated after the replay: " + t.getMessage(), t));
        });
    }

    /** When the parametric covers were evaluated after the replay caught up, or null until then. */
    public Instant parametricEvaluated() {
        return parametricEvaluated;
    }

    /**
     * Starts the hub on {@code config}'s data directory, resumes or seeds the world, and starts the replay.
     *
     * @throws IllegalStateException naming what failed (the hub is stopped again)
     */
    public static DemoWorld start(HubConfig config, Settings s) {
        Path dataDir = config.dataDir();
        DemoState previous = DemoState.read(dataDir).orElse(null);
        Start start;
        if (previous != null && previous.world().equals(s.identity())) {
            start = new Start(true, "resuming the demo world in " + dataDir.toAbsolutePath() + " (seeded for " + previous.simStart()
                    .atZone(ZoneOffset.UTC).toLocalDate() + ", replayed up to " + previous.replayedUntil().truncatedTo(ChronoUnit.SECONDS) + ")");
        } else if (previous != null) {
            start = new Start(false, "starting afresh: " + dataDir.toAbsolutePath() + " holds another world (" + previous.world()
                    + "); moved it to " + moveAside(dataDir).getFileName());
            previous = null;
        } else if (nonEmpty(dataDir)) {
            start = new Start(false, "starting afresh: " + dataDir.toAbsolutePath() + " holds no demo world of this version; moved it to "
                    + moveAside(dataDir).getFileName());
        } else {
            start = new Start(false, "starting afresh in " + dataDir.toAbsolutePath());
        }

        Hub hub = Hub.start(config);
        try {
            return previous == null ? fresh(hub, s, start) : resumed(hub, s, start, previous);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    private static DemoWorld fresh(Hub hub, Settings s, Start start) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant simStart = now.minus(Duration.ofDays(s.days()));
        DemoRegion region = DemoRegion.forDate(LocalDate.ofInstant(now, ZoneOffset.UTC));
        Fleet fleet = fleet(s, region, simStart, now);
        // devices were installed before the replayed period: samples before registration would be rejected
        Instant installedAt = simStart.minus(Duration.ofDays(1));
        for (DeviceKey k : fleet.deviceKeys()) {
            try {
                hub.registry().register(k, k.deviceId(), installedAt);
            } catch (DeviceConflictException exists) {
                // the system of record outlives the data directory (e.g. PostgreSQL): keep the device
            }
        }
        DemoProvisioner provisioner = hub.demoProvisioner();
        List<DemoLogin> logins = provisioner.provisionLogins(s.tenant(), s.loginsPerRole(), u -> DemoPasswords.of(s.seed(), u));
        Path scenes = hub.config().dataDir().resolve("scenes");
        SeedContext ctx = new SeedContext(s.tenant(), s.seed(), fleet, logins, simStart, now, scenes, hub.services().pricing(),
                hub.services().agri(), hub.services().claims());
        WorldSeeder.Seeded seeded = WorldSeeder.seed(ctx, region, s.days());
        DemoState state = new DemoState(s.identity(), simStart, simStart, describe(seeded, region));
        state.write(hub.config().dataDir());
        return replay(hub, s, start, region, logins, seeded, fleet, state);
    }

    private static DemoWorld resumed(Hub hub, Settings s, Start start, DemoState previous) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        DemoRegion region = DemoRegion.forDate(LocalDate.ofInstant(previous.simStart().plus(Duration.ofDays(s.days())), ZoneOffset.UTC));
        List<DemoLogin> logins = hub.demoProvisioner().provisionLogins(s.tenant(), s.loginsPerRole(), u -> DemoPasswords.of(s.seed(), u));
        // replay what was not replayed yet, at most the last `days` days (a long pause leaves a gap, not hours of catch-up)
        Instant from = previous.replayedUntil().isBefore(now.minus(Duration.ofDays(s.days()))) ? now.minus(Duration.ofDays(s.days()))
                : previous.replayedUntil();
        Duration span = Duration.between(from, now);
        Fleet fleet = fleet(s, region, span.compareTo(Duration.ofMinutes(1)) < 0 ? now.minus(Duration.ofMinutes(1)) : from, now);
        return replay(hub, s, start, region, logins, null, fleet, previous.replayedUntil(from));
    }

    private static DemoWorld replay(Hub hub, Settings s, Start start, DemoRegion region, List<DemoLogin> logins,
                                    WorldSeeder.Seeded seeded, Fleet fleet, DemoState state) {
        List<DeviceCredential> creds = hub.demoProvisioner().provisionDevices(fleet.deviceKeys());
        Map<DeviceKey, String> tokens = new HashMap<>();
        for (DeviceCredential c : creds) tokens.put(c.device(), c.token());
        SimClock clock = SimClock.replayThenLive(fleet.start(), s.speed());
        PublisherHandle publisher = FleetPublisher.start(hub.vertx(), fleet, "127.0.0.1", hub.mqttPort(), tokens::get, s.rate(),
                FaultConfig.NONE, clock, PublisherOptions.defaults());
        return new DemoWorld(hub, s, start, region, logins, creds, seeded, fleet, publisher, clock, state);
    }

    /** The fleet replaying from {@code start} to {@code present}, then going on live for {@link #LIVE_HORIZON}. */
    private static Fleet fleet(Settings s, DemoRegion region, Instant start, Instant present) {
        return Fleet.builder().seed(s.seed()).tenant(s.tenant()).vehicles(s.vehicles()).wearables(s.wearables()).farms(s.farms())
                .region(region.latDeg(), region.lonDeg(), region.radiusKm()).zone(region.zone())
                .vehicleConfig(VehicleConfig.defaults().withCrashRateMultiplier(s.crashRate())
                        .withParkedReports(s.parkedReport(), present))
                .start(start).duration(Duration.between(start, present).plus(LIVE_HORIZON)).build();
    }

    private static String describe(WorldSeeder.Seeded w, DemoRegion region) {
        return "plans " + String.join(", ", w.activePlans()) + " active, " + w.draft() + " awaiting a second insurer; policy book "
                + w.motorPolicies() + " motor + " + w.wellnessPolicies() + " wellness; covers: " + w.coveredVehicles()
                + " vehicles (collision), " + w.coveredFarms() + " farms (drought, excess rain); " + w.fields() + " fields in "
                + region.name() + " with " + w.scenes() + " Sentinel-2 scenes; loans " + w.loansByOutcome() + " (" + w.disbursed()
                + " disbursed, crop cover linked, " + w.fallenDue().size() + " fallen due and in arrears); "
                + w.claims().size() + " claims reported before the replay";
    }

    /** Records how far the replay got, so the next run resumes from there. */
    public void checkpoint() {
        Instant reached = clock.now();
        if (reached.isAfter(replay.end())) reached = replay.end();
        if (reached.isAfter(state.replayedUntil())) {
            state = state.replayedUntil(reached);
            state.write(hub.config().dataDir());
        }
    }

    /** Stops the replay (its devices disconnect), records how far it got, and stops the hub. Idempotent. */
    @Override
    public void close() {
        try {
            publisher.stop().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            checkpoint();
        } finally {
            hub.close();
        }
    }

    public Hub hub() {
        return hub;
    }

    public Settings settings() {
        return settings;
    }

    /** Whether this run resumed an earlier world, and why. */
    public Start start() {
        return start;
    }

    public DemoRegion region() {
        return region;
    }

    /** The demo users ({@code loginsPerRole} per role), with passwords and fresh tokens. */
    public List<DemoLogin> logins() {
        return logins;
    }

    /** Fresh MQTT credentials of every simulated device (the replay uses them). */
    public List<DeviceCredential> credentials() {
        return credentials;
    }

    /** What this run seeded; null when it resumed a world seeded earlier (see {@link #summary()}). */
    public WorldSeeder.Seeded seeded() {
        return seeded;
    }

    /**
     * Credentials, issued now, of the devices a user publishes to by hand ({@link #HANDS_ON}: a vehicle and a
     * wearable, registered on first use): the fleet's own devices are busy replaying. Issuing again revokes the last.
     */
    public List<DeviceCredential> provisionHandsOnDevices() {
        return hub.demoProvisioner().provisionDevices(HANDS_ON.stream().map(id -> new DeviceKey(settings.tenant(),
                id.startsWith("my-car") ? DeviceType.VEHICLE : DeviceType.WEARABLE, id)).toList());
    }

    /** The seeded world in one paragraph (also for a resumed world). */
    public String summary() {
        return state.summary();
    }

    /**
     * The fleet this run replays (from where the last run stopped, when resumed), then runs live: its end lies
     * {@link #LIVE_HORIZON} past the present.
     */
    public Fleet replay() {
        return replay;
    }

    /** The simulated time the fleet has reached: the present once the replay has caught up. */
    public Instant simulatedNow() {
        return clock.now();
    }

    /** When the replay caught up with the present and the fleet went live, or null while it is still replaying. */
    public Instant liveSince() {
        return clock.liveSince();
    }

    public PublisherHandle publisher() {
        return publisher;
    }

    private static boolean nonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** Renames a data directory to {@code <name>.previous-<UTC time>}: data is never deleted. */
    private static Path moveAside(Path dir) {
        Path target = dir.resolveSibling(dir.getFileName() + ".previous-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        try {
            return Files.move(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + dir + " aside to start a fresh demo world", e);
        }
    }
}
