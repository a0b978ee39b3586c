package io.telerisk.launcher.bench;

import io.telerisk.testkit.MosquittoBroker;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The raw delivery reference of a throughput scenario: the same publishers and broker, two bare QoS 1 subscribers
 * that store nothing (Paho, and the hub's own MQTT client); the faster one is the reference (the stricter ratio).
 */
final class RawReferenceRuns {
    /** A subscriber that stores nothing: the raw delivery reference. */
    interface RawReference extends AutoCloseable {
        long received();
    }

    @FunctionalInterface
    interface RawStarter {
        RawReference start(String brokerUri, LatencyHistogram latency) throws Exception;
    }

    /** The faster subscriber's median rate and latency, messages acknowledged but never delivered, and both rates. */
    record Result(double msgPerS, LatencyHistogram latency, long lost, String note) {
    }

    /** Median delivered rate, messages the broker acknowledged but never delivered, and delivery latency. */
    private record RawRun(double msgPerS, long lost, LatencyHistogram latency) {
    }

    private final IngestBench.Options o;
    private final LoadDriver driver;

    RawReferenceRuns(IngestBench.Options o, LoadDriver driver) {
        this.o = o;
        this.driver = driver;
    }

    /** Both bare subscribers in turn on {@code broker}, each driven by the scenario's load. */
    Result measure(String name, MosquittoBroker broker, int pointsPerMessage, LoadDriver.Load load, String tenant, Instant firstSample)
            throws Exception {
        RawRun paho = rawRun(name, "bare Paho subscriber", broker, pointsPerMessage, load, tenant, firstSample, RawSubscriber::start);
        RawRun client = rawRun(name, "the hub's MQTT client with nothing behind it", broker, pointsPerMessage, load, tenant, firstSample,
                RawHubClientSubscriber::start);
        double pahoMsgs = paho.msgPerS(), clientMsgs = client.msgPerS();
        String note = String.format(Locale.ROOT, "raw reference = the faster bare subscriber: Paho %.0f msg/s, hub client %.0f msg/s", pahoMsgs, clientMsgs);
        return new Result(Math.max(pahoMsgs, clientMsgs), pahoMsgs >= clientMsgs ? paho.latency() : client.latency(),
                paho.lost() + client.lost(), note);
    }

    private RawRun rawRun(String name, String label, MosquittoBroker broker, int pointsPerMessage, LoadDriver.Load load, String tenant,
                          Instant firstSample, RawStarter starter) throws Exception {
        System.out.printf(Locale.ROOT, "%n[%s] raw: %d devices -> mosquitto -> %s, %d s%n", name, load.devices(), label, o.seconds());
        LatencyHistogram latency = new LatencyHistogram();
        try (RawReference raw = starter.start(broker.uri(), latency)) {
            LoadDriver.Run r = driver.drive(broker.port(), pointsPerMessage, load, tenant, firstSample, raw::received,
                    new ProcessCpu().add("mosquitto", broker.pid()).add("bench JVM (subscriber)", ProcessHandle.current().pid()));
            long lost = LoadDriver.awaitCount(raw::received, r.acked(), Duration.ofSeconds(30)) ? 0 : r.acked() - raw.received();
            System.out.printf(Locale.ROOT, "[%s] raw (%s): median %.0f msg/s, acked %d, received %d%n", name, label, r.medianPerS(), r.acked(), raw.received());
            return new RawRun(r.medianPerS(), lost, latency);
        }
    }
}
