package io.telerisk.agent;

import io.telerisk.agent.analytics.VehicleAnalytics;
import io.telerisk.agent.crash.CrashDetector;
import io.telerisk.agent.mqtt.CmdMessage;
import io.telerisk.agent.mqtt.LinkSettings;
import io.telerisk.agent.mqtt.LinkStats;
import io.telerisk.agent.mqtt.MqttLink;
import io.telerisk.agent.queue.DurableQueue;
import io.telerisk.agent.queue.Priority;
import io.telerisk.agent.queue.QueueStats;
import io.telerisk.agent.queue.ReplayScheduler;
import io.telerisk.agent.queue.TokenBucket;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The device-side edge agent: accepts samples and events, runs the vehicle edge analytics and crash detection,
 * stores everything in the {@link DurableQueue} with its sequence number, and publishes over MQTT v5 through
 * {@link MqttLink} (QoS 1, persistent session, backoff with jitter, status and last will, cmd subscription).
 * <pre>{@code
 * try (Agent agent = Agent.start(AgentConfig.builder("acme", "car-17", DeviceType.VEHICLE)
 *         .broker("ssl://mqtt.example:8883").credentials(DeviceCredentials.token("acme", "car-17", token))
 *         .queueDirectory(Path.of("/var/lib/telerisk/queue")).build())) {
 *     agent.onCommand(cmd -> ...);
 *     agent.submitSamples(batch);
 * }
 * }</pre>
 * Thread-safe.
 */
public final class Agent implements AutoCloseable {
    private final AgentConfig config;
    private final Clock clock;
    private final DurableQueue queue;
    private final ReplayScheduler scheduler;
    private final MqttLink link;
    private final VehicleAnalytics analytics;
    private final CrashDetector crash;
    private final List<Consumer<Command>> commandListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DeviceEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private long eventsRefused;
    private final java.util.LinkedHashSet<String> commandIds = new java.util.LinkedHashSet<>();
    private long commandsRejected, commandsDuplicate;
    private String lastCommandRejection = "";
    private final List<Command> unclaimedCommands = new ArrayList<>();

    private static final System.Logger LOG = System.getLogger(Agent.class.getName());
    /** One timer thread for the health reports of every agent in the process (devices-sim runs thousands). */
    private static final java.util.concurrent.ScheduledExecutorService HEALTH_TIMER = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-health");
        t.setDaemon(true);
        return t;
    });
    private volatile java.util.concurrent.ScheduledFuture<?> healthReports;

    /** Event type of a command acknowledgement. */
    public static final String COMMAND_ACK = "command_ack";

    private Agent(AgentConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.queue = DurableQueue.open(config.queue, clock);
        this.scheduler = new ReplayScheduler(queue, new TokenBucket(config.replayRatePerSecond, config.replayBurst, System::nanoTime), config.maxInflight);
        DeviceKey key = new DeviceKey(config.tenant, config.deviceType, config.deviceId);
        Map<Channel, String> topics = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) topics.put(c, Topic.of(key, c).render());
        LinkSettings ls = new LinkSettings(config.brokerUri, config.clientId(), config.credentials, config.socketFactory,
                config.sessionExpiry, config.keepAliveSeconds, config.backoffBase, config.backoffCap, config.maxInflight);
        this.link = new MqttLink(ls, queue, scheduler, topics, this::dispatchCommand, new Random(config.randomSeed), clock);
        this.analytics = config.analytics == null ? null : new VehicleAnalytics(config.analytics, this::detected);
        this.crash = config.crash == null ? null : new CrashDetector(config.crash, config.deviceId, this::detected);
    }

    /** Opens the queue (recovering it), and starts connecting. */
    public static Agent start(AgentConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(AgentConfig)} with a given device clock. */
    public static Agent start(AgentConfig config, Clock clock) throws IOException {
        Agent a = new Agent(Objects.requireNonNull(config, "config"), clock);
        a.link.start();
        if (!config.healthInterval.isZero()) {
            long ms = config.healthInterval.toMillis();
            a.healthReports = HEALTH_TIMER.scheduleAtFixedRate(() -> {
                try {
                    a.reportHealth();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "agent health report failed: " + e.getMessage());
                }
            }, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return a;
    }

    /**
     * Queues a batch of samples as telemetry (split into envelopes of at most {@code maxSamplesPerEnvelope}),
     * and feeds vehicle samples to the edge analytics and crash detection.
     *
     * @return the sequence of the last envelope, or empty when the disk bound refused it (counted in
     * {@link QueueStats#droppedRawMessages()}) or the batch was empty
     * @throws IllegalArgumentException when a sample is not of this device's type
     */
    public synchronized OptionalLong submitSamples(List<? extends Sample> samples) {
        for (Sample s : samples) {
            if (s.deviceType() != config.deviceType) {
                throw new IllegalArgumentException("sample of type " + s.deviceType().wireName() + " for a " + config.deviceType.wireName() + " device");
            }
        }
        OptionalLong last = OptionalLong.empty();
        for (int from = 0; from < samples.size(); from += config.maxSamplesPerEnvelope) {
            List<? extends Sample> chunk = samples.subList(from, Math.min(samples.size(), from + config.maxSamplesPerEnvelope));
            Instant sentAt = clock.instant();
            OptionalLong seq = enqueue(Priority.RAW, Channel.TELEMETRY,
                    s -> config.codec.encode(Envelope.telemetry(config.tenant, config.deviceId, config.deviceType, s, sentAt, chunk)));
            if (seq.isPresent()) last = seq;
        }
        for (Sample s : samples) {
            if (s instanceof VehicleSample v) {
                if (analytics != null) analytics.accept(v);
                if (crash != null) crash.accept(v);
            }
        }
        return last;
    }

    /**
     * Queues an event (crash events in the highest priority class, others as events).
     *
     * @return its sequence, or empty if refused
     */
    public synchronized OptionalLong submitEvent(DeviceEvent event) {
        Priority p = EventTypes.CRASH_CANDIDATE.equals(event.type()) || EventTypes.CRASH_DISMISSED.equals(event.type())
                ? Priority.CRASH : Priority.EVENT;
        Instant sentAt = clock.instant();
        OptionalLong seq = enqueue(p, Channel.EVENTS,
                s -> config.codec.encode(Envelope.events(config.tenant, config.deviceId, config.deviceType, s, sentAt, List.of(event))));
        if (seq.isEmpty()) eventsRefused++;
        return seq;
    }

    /**
     * Logs the agent's health (queue depth, drops, reconnects) and queues it for the hub as an
     * {@value EventTypes#AGENT_HEALTH} event in the summary class (kept under normal disk pressure, dropped before
     * events at the hard bound). Called every {@code healthInterval}; callable any time.
     *
     * @return its sequence, or empty if the queue refused it
     */
    public synchronized OptionalLong reportHealth() {
        DeviceEvent health = AgentHealth.event(queue.stats(), link.stats(), eventsRefused, clock.instant());
        LOG.log(System.Logger.Level.INFO, AgentHealth.logLine(health));
        Instant sentAt = clock.instant();
        return enqueue(Priority.SUMMARY, Channel.EVENTS,
                s -> config.codec.encode(Envelope.events(config.tenant, config.deviceId, config.deviceType, s, sentAt, List.of(health))));
    }

    private OptionalLong enqueue(Priority p, Channel ch, java.util.function.LongFunction<byte[]> payload) {
        try {
            var seq = queue.append(p, ch, config.codec.contentType(), payload);
            if (seq.isEmpty()) return OptionalLong.empty();
            scheduler.onAppended(seq.get(), p);
            link.wake();
            return OptionalLong.of(seq.get());
        } catch (IOException e) {
            throw new UncheckedIOException("queue write failed in " + config.queue.directory(), e);
        }
    }

    /** The road class last reported to the hub (a road_class event is sent on each change). */
    private String reportedRoadClass;

    private void detected(DeviceEvent e) {
        submitEvent(e);
        for (Consumer<DeviceEvent> l : eventListeners) l.accept(e);
    }

    private void dispatchCommand(CmdMessage m) {
        Command c;
        try {
            c = Command.fromJson(m.payload());
        } catch (IllegalArgumentException e) {
            synchronized (commandIds) {
                commandsRejected++;
                lastCommandRejection = e.getMessage();
            }
            return;
        }
        synchronized (commandIds) {
            // QoS 1 may redeliver (and a persistent session does after a reconnect): act on each id once
            if (!commandIds.add(c.id())) {
                commandsDuplicate++;
                return;
            }
            if (commandIds.size() > 1024) commandIds.remove(commandIds.iterator().next());
            if (commandListeners.isEmpty()) {
                // a persistent session delivers queued commands right after connect, maybe before onCommand()
                if (unclaimedCommands.size() < 1024) unclaimedCommands.add(c);
                return;
            }
        }
        for (Consumer<Command> l : commandListeners) l.accept(c);
    }

    /**
     * Acknowledges a command: an event {@value #COMMAND_ACK} with {@code labels.commandId} = the command's id, as
     * docs/telemetry.md asks of devices.
     *
     * @param outcome e.g. {@code done}, {@code refused}, {@code unknown_command}
     */
    public OptionalLong acknowledgeCommand(Command command, String outcome) {
        return submitEvent(new DeviceEvent(COMMAND_ACK, clock.instant(), Map.of(),
                Map.of("commandId", command.id(), "command", command.name(), "outcome", outcome), List.of()));
    }

    /** Commands received and acted on / refused as malformed / ignored as redeliveries; last rejection reason. */
    public CommandStats commandStats() {
        synchronized (commandIds) {
            return new CommandStats(link.stats().commandsReceived(), commandsRejected, commandsDuplicate, lastCommandRejection);
        }
    }

    /**
     * Command counters.
     *
     * @param received      messages on the cmd topic
     * @param rejected      not a valid command (bad JSON, missing id or name)
     * @param duplicates    redeliveries of an id already handled
     * @param lastRejection why the last one was rejected, or empty
     */
    public record CommandStats(long received, long rejected, long duplicates, String lastRejection) {
    }

    /**
     * Registers a listener for commands arriving on the device's cmd topic (called on the MQTT thread). Commands
     * that arrived before the first listener (right after connect) are handed to it now.
     */
    public void onCommand(Consumer<Command> listener) {
        Objects.requireNonNull(listener);
        List<Command> held;
        synchronized (commandIds) {
            commandListeners.add(listener);
            held = new ArrayList<>(unclaimedCommands);
            unclaimedCommands.clear();
        }
        held.forEach(listener); // commands that arrived before the first listener was registered
    }

    /** Registers a listener for events the edge analytics and crash detection raise (e.g. to show a dismiss prompt). */
    public void onDetectedEvent(Consumer<DeviceEvent> listener) {
        eventListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * The driver dismissed a crash candidate: sends {@code crash_dismissed} if still within the cancel window.
     *
     * @return whether the dismissal was sent
     */
    public synchronized boolean dismissCrash(String candidateId) {
        return crash != null && crash.dismiss(candidateId, clock.instant());
    }

    /** Crash candidates the driver can still dismiss. */
    public List<String> dismissibleCrashes() {
        return crash == null ? List.of() : new ArrayList<>(crash.dismissible(clock.instant()));
    }

    /**
     * The road class the vehicle is on from now on (e.g. {@code urban}), for speeding against
     * {@link io.telerisk.agent.analytics.RoadClassSpeedLimits}; call it before submitting the samples driven there.
     * A change of class is also reported to the hub as a {@code road_class} event (its urban, rural and motorway km).
     *
     * @throws IllegalStateException when the analytics do not take limits by road class
     */
    public synchronized void setRoadClass(String roadClass) {
        setRoadClass(roadClass, clock.instant());
    }

    /** As {@link #setRoadClass(String)}, with the time the vehicle entered that class (the time of its samples). */
    public synchronized void setRoadClass(String roadClass, Instant since) {
        if (config.analytics == null || !(config.analytics.speedLimits() instanceof io.telerisk.agent.analytics.RoadClassSpeedLimits r)) {
            throw new IllegalStateException("speed limits are not by road class: configure AnalyticsConfig.withSpeedLimits(new RoadClassSpeedLimits(...))");
        }
        r.setRoadClass(roadClass);
        if (roadClass != null && !roadClass.equals(reportedRoadClass)) {
            submitEvent(new DeviceEvent(EventTypes.ROAD_CLASS, since, Map.of(), Map.of(io.telerisk.model.RoadClass.LABEL, roadClass), List.of()));
        }
        reportedRoadClass = roadClass;
    }

    /** Queue counters. */
    public QueueStats queueStats() {
        return queue.stats();
    }

    /** Connection counters. */
    public LinkStats linkStats() {
        return link.stats();
    }

    /** Events the queue refused (never happens below the hard disk bound). */
    public synchronized long eventsRefused() {
        return eventsRefused;
    }

    /** Whether connected to the broker now. */
    public boolean isConnected() {
        return link.isConnected();
    }

    /** The configuration. */
    public AgentConfig config() {
        return config;
    }

    /** Simulates a lost link (no DISCONNECT packet): the broker publishes the last will; the agent reconnects. */
    public void dropConnectionAbruptly() {
        link.dropConnectionAbruptly();
    }

    /**
     * Stops as a crash would: no goodbye to the broker (the will says offline), queue files left as they are.
     * Everything enqueued stays on disk for the next agent on the same directory.
     */
    public void kill() {
        stopHealthReports();
        link.kill();
        try {
            queue.close();
        } catch (IOException ignored) {
            // as a crash: nothing to do
        }
    }

    private void stopHealthReports() {
        var f = healthReports;
        if (f != null) f.cancel(false);
    }

    /** Publishes offline, disconnects cleanly and closes the queue; unsent messages stay queued on disk. */
    @Override
    public void close() throws IOException {
        stopHealthReports();
        link.close();
        queue.close();
    }
}
