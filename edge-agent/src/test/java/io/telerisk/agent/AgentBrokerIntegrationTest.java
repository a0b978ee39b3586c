package io.telerisk.agent;

import io.telerisk.agent.mqtt.DeviceCredentials;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceStatus;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/** The agent against a real Mosquitto (io.telerisk.testkit): fails, never skips, when mosquitto is missing. */
class AgentBrokerIntegrationTest {
    private static final String TENANT = "acme";
    private static final String DEVICE = "car-1";
    private static final String PREFIX = "v1/acme/vehicle/car-1/";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path queueDir;

    private AgentConfig.Builder config(MosquittoBroker broker) {
        return AgentConfig.builder(TENANT, DEVICE, DeviceType.VEHICLE)
                .broker(broker.uri())
                .queueDirectory(queueDir)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .replayRate(500, 50)
                .randomSeed(42);
    }

    private static List<Sample> batch(int n, int k) {
        List<Sample> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-03-15T10:00:00Z").plusSeconds(n * 5L);
        for (int i = 0; i < k; i++) {
            out.add(new VehicleSample(t0.plusSeconds(i), GnssFix.of(48.1 + n * 1e-4, 11.5), 10.0, 90.0, null, null, null));
        }
        return out;
    }

    /** Sequences seen on the telemetry and events topics (they share one per-device sequence). */
    private static Set<Long> allSequences(TestSubscriber sub) {
        Set<Long> s = new TreeSet<>(sequences(sub, "telemetry", Codecs.json()));
        s.addAll(sequences(sub, "events", Codecs.json()));
        return s;
    }

    private static Set<Long> sequences(TestSubscriber sub, String channel, EnvelopeCodec codec) {
        return sub.received().stream().filter(r -> r.topic().equals(PREFIX + channel)).map(r -> {
            Decoded d = codec.decode(r.payload());
            assertInstanceOf(Decoded.Ok.class, d, () -> "hub would reject: " + d);
            return ((Decoded.Ok) d).envelope().sequence();
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMessageArrivesAcrossBrokerRestartAndAgentRestartWithContinuousSequences() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "hub-test", PREFIX + "#")) {
            Agent agent = Agent.start(config(broker).build());
            assertTrue(TestSubscriber.await(WAIT, agent::isConnected), "agent connected");
            for (int n = 0; n < 100; n++) {
                agent.submitSamples(batch(n, 5));
                if (n == 40) broker.stop();       // the broker goes away mid-stream ...
                if (n == 70) broker.startAgain(); // ... and comes back; the queue kept everything meanwhile
                Thread.sleep(10);
            }
            long firstAgentLast = agent.queueStats().nextSequence() - 1;
            assertTrue(firstAgentLast >= 100, "100 telemetry envelopes plus the trip events the analytics raised");
            agent.close(); // whatever is not yet acked stays on disk

            Agent second = Agent.start(config(broker).build());
            assertEquals(firstAgentLast + 1, second.queueStats().nextSequence(), "the sequence continues across restarts");
            for (int n = 100; n < 150; n++) second.submitSamples(batch(n, 5));
            long last = second.queueStats().nextSequence() - 1;
            assertTrue(TestSubscriber.await(WAIT, () -> allSequences(sub).size() >= last),
                    () -> "got " + allSequences(sub).size() + " of " + last + "; " + second.linkStats());
            assertEquals(range(1, last), allSequences(sub), "every sequence, none missing, none beyond");
            assertEquals(150, sequences(sub, "telemetry", Codecs.json()).size());
            assertTrue(TestSubscriber.await(WAIT, () -> second.queueStats().pendingMessages() == 0), "queue drains after PUBACKs");
            assertTrue(sub.received().stream().filter(r -> r.topic().endsWith("/telemetry"))
                    .allMatch(r -> "application/json".equals(r.contentType())), "MQTT 5 content type on every publish");
            second.close();
        }
    }

    @Test
    void aQuietAgentIsBackWithinTheReconnectCeilingOfTheBrokersReturnAfterALongOutage() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // ceiling 1 s: an outage of several ceilings' worth of attempts, with no data flowing
            Agent agent = Agent.start(config(broker).backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build());
            try {
                assertTrue(TestSubscriber.await(WAIT, agent::isConnected), "agent connected");
                broker.stop();
                assertTrue(TestSubscriber.await(WAIT, () -> !agent.isConnected()), "agent noticed the outage");
                Thread.sleep(6_000); // attempts 1..n: the ceiling (1 s) is reached after ~4 of them
                long failures = agent.linkStats().connectFailures();
                assertTrue(failures >= 4, "the agent kept trying during the outage: " + failures);
                broker.startAgain();
                long back = System.nanoTime();
                assertTrue(TestSubscriber.await(WAIT, agent::isConnected), "agent reconnected");
                long ms = (System.nanoTime() - back) / 1_000_000;
                // at most one ceiling's wait plus a connect; the old 5-minute ceiling (or data-driven attempts pushing
                // the wait up) would leave it offline far longer
                assertTrue(ms < 1_000 + 3_000, "back " + ms + " ms after the broker returned, ceiling 1 s");
            } finally {
                agent.close();
            }
        }
    }

    @Test
    void messagesTheBrokerHadNoSubscriberForStayQueuedUntilOneSubscribes() throws Exception {
        // Mosquitto answers PUBACK 0x10 when nobody subscribes (as after a restart that forgot the hubs' $share
        // subscriptions): such a message was not delivered, so the agent keeps it and retries.
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Agent agent = Agent.start(config(broker).analytics(null).crash(null).build());
            assertTrue(TestSubscriber.await(WAIT, agent::isConnected), "agent connected");
            for (int n = 0; n < 5; n++) agent.submitSamples(batch(n, 2));
            assertTrue(TestSubscriber.await(WAIT, () -> agent.linkStats().noSubscriberAcks() > 0), () -> "" + agent.linkStats());
            assertEquals(0, agent.linkStats().pubacks(), "no message counts as delivered without a subscriber");
            assertTrue(agent.queueStats().pendingMessages() > 0, "undelivered messages stay in the queue");
            try (TestSubscriber sub = new TestSubscriber(broker.uri(), "hub-late", PREFIX + "#")) {
                long last = agent.queueStats().nextSequence() - 1;
                assertTrue(TestSubscriber.await(WAIT, () -> allSequences(sub).size() >= last), () -> "got " + allSequences(sub));
                assertEquals(range(1, last), allSequences(sub));
            }
            agent.close();
        }
    }

    @Test
    void killedAgentLosesNothingAndItsSuccessorContinuesTheSequence() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "hub-test", PREFIX + "#")) {
            broker.stop(); // offline from the start: everything piles up in the queue
            Agent agent = Agent.start(config(broker).build());
            for (int n = 0; n < 60; n++) agent.submitSamples(batch(n, 3));
            agent.kill();
            broker.startAgain();
            Agent second = Agent.start(config(broker).build());
            for (int n = 60; n < 80; n++) second.submitSamples(batch(n, 3));
            long last = second.queueStats().nextSequence() - 1;
            assertTrue(TestSubscriber.await(WAIT, () -> allSequences(sub).size() >= last), () -> "got " + allSequences(sub));
            assertEquals(range(1, last), allSequences(sub));
            assertEquals(80, sequences(sub, "telemetry", Codecs.json()).size());
            second.close();
        }
    }

    @Test
    void backlogAfterAnOutageIsReplayedEventsNewestFirstWhileLiveDataOvertakesIt() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "hub-replay", PREFIX + "#")) {
            broker.stop();
            Agent agent = Agent.start(config(broker).analytics(null).crash(null).replayRate(40, 5).build());
            List<Long> backlogEvents = new ArrayList<>();
            for (int n = 0; n < 120; n++) {
                agent.submitSamples(batch(n, 2));
                if (n % 30 == 0) {
                    backlogEvents.add(agent.submitEvent(DeviceEvent.of("harsh_braking", Instant.parse("2026-03-15T10:00:00Z").plusSeconds(n),
                            Map.of("peakDecelMps2", 4.0))).getAsLong());
                }
            }
            long backlogLast = agent.queueStats().nextSequence() - 1;
            broker.startAgain();
            assertTrue(TestSubscriber.await(WAIT, agent::isConnected));
            List<Long> live = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                live.add(agent.submitSamples(batch(1000 + i, 2)).getAsLong());
                Thread.sleep(200);
            }
            long last = agent.queueStats().nextSequence() - 1;
            assertTrue(TestSubscriber.await(WAIT, () -> allSequences(sub).size() == last), () -> "got " + allSequences(sub).size());
            List<Long> arrival = sub.received().stream().filter(r -> !r.topic().endsWith("/status")).map(r -> ((Decoded.Ok) Codecs.json().decode(r.payload())).envelope().sequence()).toList();
            // within the backlog: events first, newest first
            List<Long> backlogArrival = arrival.stream().filter(q -> q <= backlogLast).toList();
            List<Long> newestFirst = new ArrayList<>(backlogEvents);
            java.util.Collections.reverse(newestFirst);
            assertEquals(newestFirst, backlogArrival.subList(0, backlogEvents.size()), "arrival " + arrival);
            // live data did not wait for the 124-message backlog paced at 40 msg/s
            int lastBacklogAt = arrival.indexOf(backlogLast);
            for (long l : live) {
                assertTrue(arrival.indexOf(l) < lastBacklogAt, "live " + l + " arrived after the whole backlog: " + arrival);
            }
            agent.close();
        }
    }

    @Test
    void statusIsOnlineRetainedAndTheLastWillSaysOfflineOnAbruptDisconnect() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "status-watch", PREFIX + "status")) {
            Agent agent = Agent.start(config(broker).backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build());
            assertTrue(TestSubscriber.await(WAIT, () -> statuses(sub).contains("online")), "online announced");
            assertEquals("application/json", sub.received().get(0).contentType());
            agent.kill(); // no DISCONNECT packet: only the will can tell
            assertTrue(TestSubscriber.await(WAIT, () -> statuses(sub).equals(List.of("online", "offline"))), () -> "statuses " + statuses(sub));
            // retained: a late subscriber learns the state at once
            try (TestSubscriber late = new TestSubscriber(broker.uri(), "late", PREFIX + "status")) {
                assertTrue(TestSubscriber.await(WAIT, () -> !late.received().isEmpty()));
                assertEquals("offline", statuses(late).get(0));
                assertTrue(late.received().get(0).retained());
            }
            // a clean shutdown says offline itself
            Agent again = Agent.start(config(broker).build());
            assertTrue(TestSubscriber.await(WAIT, () -> statuses(sub).size() == 3), () -> "statuses " + statuses(sub));
            again.close();
            assertTrue(TestSubscriber.await(WAIT, () -> statuses(sub).equals(List.of("online", "offline", "online", "offline"))),
                    () -> "statuses " + statuses(sub));
        }
    }

    /** Status payloads as the hub reads them (docs/telemetry.md: DeviceStatus JSON). */
    private static List<String> statuses(TestSubscriber sub) {
        return sub.received().stream().map(r -> DeviceStatus.parse(r.payload(), Instant.now()).state().wireName()).toList();
    }

    @Test
    void commandsOnTheCmdTopicReachTheListenerOnceIncludingThoseSentWhileOffline() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber hub = new TestSubscriber(broker.uri(), "hub-cmd", PREFIX + "events")) {
            List<Command> got = new CopyOnWriteArrayList<>();
            Agent agent = Agent.start(config(broker).analytics(null).crash(null).build());
            agent.onCommand(c -> {
                got.add(c);
                agent.acknowledgeCommand(c, "done");
            });
            assertTrue(TestSubscriber.await(WAIT, agent::isConnected));
            Command ping = new Command("c-1", "set_sample_rate", Map.of("gnssHz", "1"));
            hub.publish(PREFIX + "cmd", ping.toJson());
            hub.publish(PREFIX + "cmd", ping.toJson()); // a redelivery: acted on once
            hub.publish(PREFIX + "cmd", "{\"name\":\"no id\"}".getBytes(StandardCharsets.UTF_8));
            hub.publish(PREFIX + "cmd", Command.of("c-2", "flush").toJson());
            assertTrue(TestSubscriber.await(WAIT, () -> got.size() == 2), () -> "got " + got);
            assertEquals(List.of(ping, Command.of("c-2", "flush")), got);
            Agent.CommandStats st = agent.commandStats();
            assertEquals(4, st.received());
            assertEquals(1, st.rejected());
            assertEquals(1, st.duplicates());
            assertTrue(st.lastRejection().contains("id"), st.lastRejection());
            // the acknowledgements travel as events with labels.commandId
            assertTrue(TestSubscriber.await(WAIT, () -> hub.received().size() == 2));
            Envelope ack = ((Decoded.Ok) Codecs.json().decode(hub.received().get(0).payload())).envelope();
            assertEquals(Agent.COMMAND_ACK, ack.events().get(0).type());
            assertEquals("c-1", ack.events().get(0).labels().get("commandId"));
            agent.kill();

            // the persistent session (cleanStart=false, session expiry) keeps the QoS 1 command for the device
            hub.publish(PREFIX + "cmd", Command.of("c-3", "while_away").toJson());
            List<Command> got2 = new CopyOnWriteArrayList<>();
            Agent again = Agent.start(config(broker).analytics(null).crash(null).build());
            again.onCommand(got2::add);
            assertTrue(TestSubscriber.await(WAIT, () -> got2.contains(Command.of("c-3", "while_away"))), () -> "got " + got2);
            again.close();
        }
    }

    @Test
    void protobufAgentSetsItsContentTypeAndEventsTravelOnTheEventsTopic() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "hub-pb", PREFIX + "#")) {
            Agent agent = Agent.start(config(broker).codec(Codecs.protobuf()).analytics(null).crash(null).build());
            agent.submitSamples(batch(0, 10));
            agent.submitEvent(DeviceEvent.of("harsh_braking", Instant.parse("2026-03-15T10:00:03Z"), Map.of("peakDecelMps2", 4.2)));
            assertTrue(TestSubscriber.await(WAIT, () -> sequences(sub, "events", Codecs.protobuf()).size() == 1
                    && sequences(sub, "telemetry", Codecs.protobuf()).size() == 1));
            TestSubscriber.Received ev = sub.received().stream().filter(r -> r.topic().endsWith("/events")).findFirst().orElseThrow();
            assertEquals("application/x-protobuf", ev.contentType());
            Envelope e = ((Decoded.Ok) Codecs.protobuf().decode(ev.payload())).envelope();
            assertEquals(2, e.sequence(), "telemetry and events share one sequence");
            assertEquals(4.2, e.events().get(0).measures().get("peakDecelMps2"));
            agent.close();
        }
    }

    @Test
    void tokenCredentialsAreAcceptedAndAWrongTokenNeverConnects() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startWithUsers(Map.of("acme/car-1", "s3cret-token"));
             TestSubscriber sub = subscriberWithLogin(broker)) {
            Agent wrong = Agent.start(config(broker).credentials(DeviceCredentials.token(TENANT, DEVICE, "guess")).build());
            assertTrue(TestSubscriber.await(WAIT, () -> wrong.linkStats().connectFailures() >= 3), () -> "" + wrong.linkStats());
            assertFalse(wrong.isConnected());
            wrong.submitSamples(batch(0, 2)); // 2 samples at 10 m/s: too short for a trip, so no event
            wrong.close();
            // the message queued by the refused agent is delivered by the next one with the right token
            Agent right = Agent.start(config(broker).credentials(DeviceCredentials.token(TENANT, DEVICE, "s3cret-token")).build());
            right.submitSamples(batch(1, 2));
            assertTrue(TestSubscriber.await(WAIT, () -> sequences(sub, "telemetry", Codecs.json()).equals(range(1, 2))),
                    () -> "" + sequences(sub, "telemetry", Codecs.json()) + " " + right.linkStats());
            right.close();
        }
    }

    private static TestSubscriber subscriberWithLogin(MosquittoBroker broker) throws Exception {
        // The broker only admits known users: the hub-side observer logs in as the device's tenant account too.
        return TestSubscriber.withLogin(broker.uri(), "hub-auth", PREFIX + "#", "acme/car-1", "s3cret-token");
    }
}
