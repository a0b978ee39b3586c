package io.telerisk.sim.bench;

import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.DeviceAction;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.publish.FleetPublisher;
import io.telerisk.sim.publish.PublisherHandle;
import io.telerisk.sim.publish.PublisherOptions;
import io.telerisk.sim.publish.PublisherStats;
import io.telerisk.sim.publish.Rate;
import io.telerisk.sim.truth.TruthSink;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput bench (not a test): generation alone, then publishing a fleet as fast as possible to a broker with
 * the MQTT 3.1.1 client (JSON) and the MQTT 5 link (JSON and protobuf). Reports medians over runs.
 *
 * <pre>java -cp … io.telerisk.sim.bench.SimBench HOST:PORT [devices=1000] [runs=3]</pre>
 */
public final class SimBench {
    private static final java.util.logging.Logger QUIET = io.telerisk.sim.SimMain.quietMqttClientLog();

    private SimBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SimBench HOST:PORT [devices] [runs]");
            System.exit(2);
        }
        String host = args[0].substring(0, args[0].lastIndexOf(':'));
        int port = Integer.parseInt(args[0].substring(args[0].lastIndexOf(':') + 1));
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int v = devices * 6 / 10;
        int w = devices * 2 / 10;
        Fleet fleet = Fleet.builder().seed(1).vehicles(v).wearables(w).farms(devices - v - w).tenant("bench")
                .start(Instant.parse("2026-06-02T06:30:00Z")).duration(Duration.ofMinutes(60)).build();

        List<Double> gen = new ArrayList<>();
        long points = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            points = 0;
            for (DeviceStream s : fleet.streams(Codecs.json(), FaultConfig.NONE, TruthSink.NONE)) {
                for (DeviceAction a = s.next(); a != null; a = s.next()) {
                    if (a instanceof DeviceAction.Publish p) points += p.points();
                }
            }
            gen.add(points / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("generate+encode JSON: %,d points, median %.0f points/s%n", points, median(gen));

        Vertx vertx = Vertx.vertx();
        try {
            double base = run("MQTT 3.1.1 JSON", vertx, fleet, host, port, Codecs.json(), false, runs);
            double v5json = run("MQTT 5 JSON", vertx, fleet, host, port, Codecs.json(), true, runs);
            double v5pb = run("MQTT 5 protobuf", vertx, fleet, host, port, Codecs.protobuf(), true, runs);
            System.out.printf("ratios (points/s vs MQTT 3.1.1 JSON): MQTT 5 JSON %.2f, MQTT 5 protobuf %.2f%n",
                    v5json / base, v5pb / base);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static double run(String name, Vertx vertx, Fleet fleet, String host, int port, EnvelopeCodec codec,
                              boolean mqtt5, int runs) throws Exception {
        List<Double> msgs = new ArrayList<>();
        List<Double> pts = new ArrayList<>();
        List<Double> mb = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            PublisherHandle h = FleetPublisher.start(vertx, fleet, host, port, null, Rate.unlimited(), FaultConfig.NONE,
                    SimClock.asFastAsPossible(fleet.start()), PublisherOptions.defaults().withCodec(codec).withMqtt5(mqtt5));
            h.completion().toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
            double s = (System.nanoTime() - t0) / 1e9;
            h.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            PublisherStats st = h.stats();
            msgs.add(st.published() / s);
            pts.add(st.validPointsAcked() / s);
            mb.add(st.bytes() / s / 1e6);
        }
        System.out.printf("%-16s %d devices: median %.0f msg/s, %.0f points/s, %.1f MB/s (connect included)%n",
                name, fleet.devices().size(), median(msgs), median(pts), median(mb));
        return median(pts);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
