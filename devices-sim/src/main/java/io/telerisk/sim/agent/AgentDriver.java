package io.telerisk.sim.agent;

import io.telerisk.agent.Agent;
import io.telerisk.agent.AgentConfig;
import io.telerisk.agent.analytics.AnalyticsConfig;
import io.telerisk.agent.analytics.RoadClassSpeedLimits;
import io.telerisk.agent.mqtt.DeviceCredentials;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.fleet.SimDevice;
import io.telerisk.sim.truth.TruthSink;
import io.telerisk.sim.vehicle.RoadClass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Feeds simulated devices into real {@link Agent edge agents} in this process: each agent gets its device's samples
 * (not the simulator's edge events: the agent detects trips, harsh events, speeding and crashes itself), with the
 * road class the simulated vehicle is on, and publishes through its own durable queue and Paho MQTT 5 client.
 * Meant for a few devices (each agent has its own client threads and queue directory); use
 * {@link io.telerisk.sim.publish.FleetPublisher} for thousands.
 */
public final class AgentDriver implements AutoCloseable {
    /** The simulator's speed limits, so the agent judges speeding against the same roads. */
    public static final Map<String, Double> SIM_LIMITS_MPS = Map.of(
            "urban", RoadClass.URBAN.limitMps(), "rural", RoadClass.RURAL.limitMps(), "highway", RoadClass.HIGHWAY.limitMps());

    private static final class Driven {
        final DeviceSimulator sim;
        final Agent agent;
        volatile RoadClass road;
        Batch pending;
        boolean done;

        Driven(DeviceSimulator sim, Agent agent) {
            this.sim = sim;
            this.agent = agent;
        }
    }

    private final List<Driven> driven;
    private final SimClock clock;
    private final Thread feeder;
    private final AtomicLong samplesSubmitted = new AtomicLong();
    private volatile boolean closed;
    private volatile Throwable failure;

    private AgentDriver(List<Driven> driven, SimClock clock) {
        this.driven = driven;
        this.clock = clock;
        this.feeder = new Thread(this::feed, "sim-agent-feeder");
        this.feeder.setDaemon(true);
    }

    /**
     * Starts one agent per device and a feeder thread that hands each simulated batch to its agent once the clock
     * has passed it.
     *
     * @param tokens    device → token (password for username {@code tenant/deviceId}); null or a null token: none
     * @param queueRoot each agent's durable queue lives in {@code queueRoot/deviceId}
     */
    public static AgentDriver start(Fleet fleet, List<SimDevice> devices, String brokerUri, Function<DeviceKey, String> tokens,
                                    EnvelopeCodec codec, Path queueRoot, SimClock clock, TruthSink truth) throws IOException {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(brokerUri, "brokerUri");
        List<Driven> list = new ArrayList<>();
        try {
            for (SimDevice d : devices) {
                DeviceKey k = d.key();
                String token = tokens == null ? null : tokens.apply(k);
                AgentConfig.Builder b = AgentConfig.builder(k.tenant(), k.deviceId(), k.type()).broker(brokerUri)
                        .codec(codec).queueDirectory(queueRoot.resolve(k.deviceId()))
                        .credentials(token == null ? new DeviceCredentials.None()
                                : new DeviceCredentials.Token(k.tenant() + "/" + k.deviceId(), token.toCharArray()));
                if (k.type() == DeviceType.VEHICLE) {
                    b.analytics(AnalyticsConfig.defaults().withSpeedLimits(new RoadClassSpeedLimits(SIM_LIMITS_MPS)));
                }
                Agent agent = Agent.start(b.build());
                Driven[] holder = new Driven[1];
                DeviceSimulator sim = fleet.simulator(d, truth, (t, road, v, rep) -> holder[0].road = road);
                holder[0] = new Driven(sim, agent);
                list.add(holder[0]);
            }
        } catch (IOException | RuntimeException e) {
            for (Driven dr : list) closeQuietly(dr.agent);
            throw e;
        }
        AgentDriver driver = new AgentDriver(list, clock.start());
        driver.feeder.start();
        return driver;
    }

    private void feed() {
        try {
            while (!closed) {
                boolean progressed = false;
                boolean allDone = true;
                java.time.Instant now = clock.now();
                for (Driven d : driven) {
                    if (d.done) continue;
                    if (d.pending == null) {
                        d.pending = d.sim.next();
                        if (d.pending == null) {
                            d.done = true;
                            continue;
                        }
                    }
                    allDone = false;
                    if (d.pending.readyAt().isAfter(now)) continue;
                    if (d.road != null && !d.pending.samples().isEmpty()) {
                        d.agent.setRoadClass(d.road.name().toLowerCase(Locale.ROOT), d.pending.samples().get(0).time());
                    } else if (d.road != null) {
                        d.agent.setRoadClass(d.road.name().toLowerCase(Locale.ROOT));
                    }
                    if (!d.pending.samples().isEmpty()) {
                        d.agent.submitSamples(d.pending.samples());
                        samplesSubmitted.addAndGet(d.pending.samples().size());
                    }
                    d.pending = null;
                    progressed = true;
                }
                if (allDone) return;
                if (!progressed) TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Samples handed to the agents so far. */
    public long samplesSubmitted() {
        return samplesSubmitted.get();
    }

    /** The agents, for their queue and link statistics. */
    public List<Agent> agents() {
        return driven.stream().map(d -> d.agent).toList();
    }

    /** Waits until every simulated batch has been handed over (not necessarily published yet). */
    public boolean awaitFed(long timeout, TimeUnit unit) throws InterruptedException {
        feeder.join(unit.toMillis(timeout));
        if (failure != null) throw new IllegalStateException("feeding the agents failed", failure);
        return !feeder.isAlive();
    }

    /** Stops feeding and closes every agent (unsent messages stay in their queues). */
    @Override
    public void close() {
        closed = true;
        feeder.interrupt();
        for (Driven d : driven) closeQuietly(d.agent);
    }

    private static void closeQuietly(Agent a) {
        try {
            a.close();
        } catch (IOException | RuntimeException ignored) {
            // closing: the queue keeps what was not sent
        }
    }
}
