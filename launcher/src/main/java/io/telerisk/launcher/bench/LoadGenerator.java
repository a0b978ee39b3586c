package io.telerisk.launcher.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.EnvelopeCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated devices of the ingest bench, in their own JVM so that the hub's heap and CPU profile are the hub's:
 * {@code publish} keeps a window of QoS 1 messages in flight per device for a fixed time; {@code fleet} has a few
 * connections publish single-point messages for many devices in turn (a gateway or a fleet-shaped load, as in the
 * Node-RED rig: the work per device, not per connection, is what grows); {@code idle} connects
 * many authenticated devices that each send one point now and then; {@code paced} has authenticated devices send
 * single-point messages at a fixed total rate (background load of the claims bench). Prints {@code RESULT ...} / {@code CONNECTED n}
 * lines the bench reads, and exits when its stdin closes (the bench closes it once it has read this JVM's CPU time).
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "publish" -> publish(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7], Instant.ofEpochMilli(Long.parseLong(args[8])),
                    args.length > 9 ? Integer.parseInt(args[9]) : 0, args.length > 10 ? args[10] : "json",
                    args.length > 11 ? Path.of(args[11]) : null);
            case "fleet" -> fleet(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7], Instant.ofEpochMilli(Long.parseLong(args[8])));
            case "idle" -> idle(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args[6], Instant.ofEpochMilli(Long.parseLong(args[7])));
            case "paced" -> paced(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args[6], Instant.ofEpochMilli(Long.parseLong(args[7])));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        // Exit only once the bench closes our stdin: it reads this JVM's CPU time after RESULT, and a JVM that had
        // already exited dropped the publishers from the CPU-per-point line (seen on a starved machine, session 8)
        while (System.in.read() >= 0) {
            // the bench writes nothing; EOF is the signal
        }
        System.exit(0);
    }

    /** One device's stream: sample times 1 ms apart from {@code firstSample}, so every point is its own. */
    static final class Device {
        final String id;
        final String topic;
        final Instant firstSample;
        final int samplesPerMessage;
        long nextSequence = 1;

        Device(String tenant, String id, Instant firstSample, int samplesPerMessage) {
            this.id = id;
            this.topic = "v1/" + tenant + "/vehicle/" + id + "/telemetry";
            this.firstSample = firstSample;
            this.samplesPerMessage = samplesPerMessage;
        }

        /** The next message of this device's stream, encoded. */
        byte[] next(EnvelopeCodec codec, String tenant) {
            long seq = nextSequence++;
            List<Sample> samples = new ArrayList<>(samplesPerMessage);
            long base = (seq - 1) * samplesPerMessage;
            for (int i = 0; i < samplesPerMessage; i++) {
                long n = base + i;
                samples.add(new VehicleSample(firstSample.plusMillis(n), GnssFix.of(48.2 + (n % 1000) * 1e-5, 16.37),
                        12.5 + (n % 7), 90.0, null, null, true));
            }
            return codec.encode(Envelope.telemetry(tenant, id, DeviceType.VEHICLE, seq, Instant.now(), samples));
        }
    }

    /**
     * {@code devices} anonymous devices publish QoS 1 messages for {@code seconds}, each keeping {@code window}
     * unacknowledged. With {@code ratePerS} > 0 they also keep to a schedule sharing that many messages per second
     * (a message not yet due waits; the window still bounds what is outstanding), so a sustained rate can be
     * offered instead of as much as the broker accepts. {@code codec} {@code json}: the Vert.x MQTT 3.1.1 client, no
     * content type (the hub's default, JSON); {@code protobuf}: MQTT 5 with content type {@code application/x-protobuf}
     * on every PUBLISH, as a protobuf device sends ({@link Mqtt5BenchDevice}). With {@code credentials} (one line per
     * device: id, username, token) device i is line i, authenticated as a real device is on the hub's built-in endpoint.
     */
    private static void publish(String host, int port, int devices, int seconds, int samplesPerMessage, int window,
                                String tenant, Instant firstSample, int ratePerS, String codecName, Path credentials) throws Exception {
        List<String[]> logins = new ArrayList<>();
        if (credentials != null) for (String l : Files.readAllLines(credentials)) logins.add(l.split(" "));
        if (credentials != null && logins.size() < devices)
            throw new IllegalArgumentException(credentials + " has " + logins.size() + " devices, " + devices + " wanted");
        Vertx vertx = Vertx.vertx();
        boolean protobuf = switch (codecName) {
            case "json" -> false;
            case "protobuf" -> true;
            default -> throw new IllegalArgumentException("unknown codec " + codecName + " (json or protobuf)");
        };
        EnvelopeCodec codec = protobuf ? Codecs.protobuf() : Codecs.json();
        NetClient net = protobuf ? vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true)) : null;
        AtomicLong published = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch connected = new CountDownLatch(devices);
        List<MqttClient> clients = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String[] login = credentials == null ? null : logins.get(d);
            Device dev = new Device(tenant, login == null ? deviceId(d) : login[0], firstSample, samplesPerMessage);
            Context ctx = vertx.getOrCreateContext();
            if (protobuf) {
                Mqtt5BenchDevice.start(vertx, ctx, net, codec, dev, login, host, port, tenant, window, stopAt, devices, ratePerS,
                        published, acked, failed, connected);
                continue;
            }
            MqttClientOptions o = new MqttClientOptions().setClientId(login == null ? "bench-" + dev.id : dev.id).setCleanSession(true)
                    .setMaxInflightQueue(window + 2).setAutoKeepAlive(true).setKeepAliveInterval(30).setMaxMessageSize(-1);
            if (login != null) o.setUsername(login[1]).setPassword(login[2]);
            MqttClient c = MqttClient.create(vertx, o);
            clients.add(c);
            Runnable[] sendOne = new Runnable[1];
            long intervalNanos = ratePerS > 0 ? (long) (1e9 * devices / ratePerS) : 0;
            long[] nextDue = {0};
            sendOne[0] = () -> {
                long now = System.nanoTime();
                if (now >= stopAt) return;
                if (intervalNanos > 0) {
                    if (nextDue[0] == 0) nextDue[0] = now;
                    if (now < nextDue[0]) {
                        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDue[0] - now)), t -> sendOne[0].run());
                        return;
                    }
                    nextDue[0] += intervalNanos;
                }
                published.incrementAndGet();
                c.publish(dev.topic, Buffer.buffer(dev.next(codec, tenant)), MqttQoS.AT_LEAST_ONCE, false, false)
                        .onFailure(t -> failed.incrementAndGet());
            };
            c.publishCompletionHandler(id -> {
                acked.incrementAndGet();
                sendOne[0].run();
            });
            c.publishCompletionExpirationHandler(id -> failed.incrementAndGet());
            ctx.runOnContext(v -> c.connect(port, host).onComplete(r -> {
                connected.countDown();
                if (r.failed()) {
                    System.err.println("connect failed for " + dev.id + ": " + r.cause());
                    return;
                }
                for (int i = 0; i < window; i++) sendOne[0].run();
            }));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) System.err.println("not every device connected within 60 s");
        System.out.println("CONNECTED " + devices);
        while (System.nanoTime() < stopAt) Thread.sleep(100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acked.get() + failed.get() < published.get() && System.nanoTime() < deadline) Thread.sleep(20);
        System.out.println("RESULT published=" + published.get() + " acked=" + acked.get() + " failed=" + failed.get()
                + " points=" + acked.get() * samplesPerMessage);
        System.out.flush();
        for (MqttClient c : clients) c.disconnect();
        vertx.close().await();
    }


    /**
     * {@code devices} devices publish single-point QoS 1 messages in turn for {@code seconds}, over {@code connections}
     * connections (device i on connection i mod connections) that share a window of {@code window} unacknowledged
     * messages; every device's sequence and sample time rise, so each point is its own.
     */
    private static void fleet(String host, int port, int devices, int seconds, int window, int connections, String tenant,
                              Instant firstSample) throws Exception {
        Vertx vertx = Vertx.vertx();
        EnvelopeCodec codec = Codecs.json();
        AtomicLong published = new AtomicLong(), acked = new AtomicLong(), failed = new AtomicLong();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int conns = Math.min(connections, devices);
        CountDownLatch connected = new CountDownLatch(conns);
        List<MqttClient> clients = new ArrayList<>();
        for (int k = 0; k < conns; k++) {
            List<Device> mine = new ArrayList<>();
            for (int d = k; d < devices; d += conns) mine.add(new Device(tenant, deviceId(d), firstSample, 1));
            int perConnection = Math.max(1, window / conns);
            MqttClientOptions o = new MqttClientOptions().setClientId("bench-fleet-" + k).setCleanSession(true)
                    .setMaxInflightQueue(perConnection + 2).setAutoKeepAlive(true).setKeepAliveInterval(30).setMaxMessageSize(-1);
            MqttClient c = MqttClient.create(vertx, o);
            clients.add(c);
            int[] next = {0};
            Runnable sendOne = () -> {
                if (System.nanoTime() >= stopAt) return;
                Device dev = mine.get(next[0]);
                next[0] = (next[0] + 1) % mine.size();
                published.incrementAndGet();
                c.publish(dev.topic, Buffer.buffer(dev.next(codec, tenant)), MqttQoS.AT_LEAST_ONCE, false, false)
                        .onFailure(t -> failed.incrementAndGet());
            };
            c.publishCompletionHandler(id -> {
                acked.incrementAndGet();
                sendOne.run();
            });
            c.publishCompletionExpirationHandler(id -> failed.incrementAndGet());
            vertx.getOrCreateContext().runOnContext(v -> c.connect(port, host).onComplete(r -> {
                connected.countDown();
                if (r.failed()) {
                    System.err.println("connect failed for fleet connection " + o.getClientId() + ": " + r.cause());
                    return;
                }
                for (int i = 0; i < perConnection; i++) sendOne.run();
            }));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) System.err.println("not every fleet connection connected within 60 s");
        System.out.println("CONNECTED " + devices);
        while (System.nanoTime() < stopAt) Thread.sleep(100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acked.get() + failed.get() < published.get() && System.nanoTime() < deadline) Thread.sleep(20);
        System.out.println("RESULT published=" + published.get() + " acked=" + acked.get() + " failed=" + failed.get()
                + " points=" + acked.get());
        System.out.flush();
        for (MqttClient c : clients) c.disconnect();
        vertx.close().await();
    }

    private static void idle(String host, int port, Path credentials, int intervalSeconds, int seconds, String tenant,
                             Instant firstSample) throws Exception {
        Vertx vertx = Vertx.vertx();
        EnvelopeCodec codec = Codecs.json();
        List<String> lines;
        try {
            lines = Files.readAllLines(credentials);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + credentials, e);
        }
        AtomicLong up = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        Semaphore connecting = new Semaphore(200); // do not SYN-flood the endpoint
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            String id = f[0];
            Device dev = new Device(tenant, id, firstSample, 1);
            MqttClientOptions o = new MqttClientOptions().setClientId(id).setCleanSession(true).setUsername(f[1])
                    .setPassword(f[2]).setAutoKeepAlive(true).setKeepAliveInterval(60).setMaxInflightQueue(4);
            MqttClient c = MqttClient.create(vertx, o);
            c.publishCompletionHandler(pid -> acked.incrementAndGet());
            connecting.acquire();
            long offsetMs = (long) i * intervalSeconds * 1000L / lines.size(); // spread the sends over the interval
            Context ctx = vertx.getOrCreateContext();
            ctx.runOnContext(v -> c.connect(port, host).onComplete(r -> {
                connecting.release();
                if (r.failed()) {
                    failed.incrementAndGet();
                    return;
                }
                up.incrementAndGet();
                vertx.setTimer(1 + offsetMs, t0 -> {
                    c.publish(dev.topic, Buffer.buffer(dev.next(codec, tenant)), MqttQoS.AT_LEAST_ONCE, false, false);
                    vertx.setPeriodic(intervalSeconds * 1000L, t -> {
                        if (c.isConnected()) c.publish(dev.topic, Buffer.buffer(dev.next(codec, tenant)), MqttQoS.AT_LEAST_ONCE, false, false);
                    });
                });
            }));
        }
        connecting.acquire(200);
        System.out.println("CONNECTED " + up.get() + " failed=" + failed.get());
        System.out.flush();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        System.out.println("RESULT connected=" + up.get() + " failed=" + failed.get() + " acked=" + acked.get());
        System.out.flush();
        vertx.close().await();
    }

    /**
     * Authenticated devices (one line each in {@code credentials}: id, username, token) share {@code ratePerS} QoS 1
     * single-point messages per second for {@code seconds}. Every 10 ms each device catches up with its schedule, with
     * at most {@link #PACED_INFLIGHT} unacknowledged; a device that falls further behind skips (counted as
     * {@code behind}), so the rate the hub reaches is measured, not assumed.
     */
    private static void paced(String host, int port, Path credentials, int ratePerS, int seconds, String tenant,
                              Instant firstSample) throws Exception {
        Vertx vertx = Vertx.vertx();
        EnvelopeCodec codec = Codecs.json();
        List<String> lines = Files.readAllLines(credentials);
        double perDevicePerMs = ratePerS / 1000.0 / lines.size();
        AtomicLong published = new AtomicLong(), acked = new AtomicLong(), failed = new AtomicLong(), behind = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(lines.size());
        long[] startMs = {0};
        CountDownLatch go = new CountDownLatch(1);
        List<MqttClient> clients = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            Device dev = new Device(tenant, f[0], firstSample, 1);
            MqttClientOptions o = new MqttClientOptions().setClientId(f[0]).setCleanSession(true).setUsername(f[1]).setPassword(f[2])
                    .setAutoKeepAlive(true).setKeepAliveInterval(30).setMaxInflightQueue(PACED_INFLIGHT + 2);
            MqttClient c = MqttClient.create(vertx, o);
            clients.add(c);
            AtomicLong inflight = new AtomicLong();
            c.publishCompletionHandler(id -> {
                acked.incrementAndGet();
                inflight.decrementAndGet();
            });
            c.publishCompletionExpirationHandler(id -> {
                failed.incrementAndGet();
                inflight.decrementAndGet();
            });
            long[] sent = {0};
            Context ctx = vertx.getOrCreateContext();
            ctx.runOnContext(v -> c.connect(port, host).onComplete(r -> {
                connected.countDown();
                if (r.failed()) {
                    System.err.println("connect failed for " + dev.id + ": " + r.cause());
                    return;
                }
                vertx.setPeriodic(10, t -> {
                    if (go.getCount() > 0) return;
                    long elapsedMs = System.currentTimeMillis() - startMs[0];
                    if (elapsedMs >= seconds * 1000L) {
                        vertx.cancelTimer(t);
                        return;
                    }
                    long due = (long) (elapsedMs * perDevicePerMs);
                    while (sent[0] < due) {
                        sent[0]++;
                        if (inflight.get() >= PACED_INFLIGHT) {
                            behind.incrementAndGet();
                            continue;
                        }
                        inflight.incrementAndGet();
                        published.incrementAndGet();
                        c.publish(dev.topic, Buffer.buffer(dev.next(codec, tenant)), MqttQoS.AT_LEAST_ONCE, false, false)
                                .onFailure(e -> {
                                    failed.incrementAndGet();
                                    inflight.decrementAndGet();
                                });
                    }
                });
            }));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) System.err.println("not every device connected within 60 s");
        startMs[0] = System.currentTimeMillis();
        go.countDown();
        System.out.println("CONNECTED " + lines.size());
        System.out.flush();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acked.get() + failed.get() < published.get() && System.nanoTime() < deadline) Thread.sleep(20);
        System.out.println("RESULT published=" + published.get() + " acked=" + acked.get() + " failed=" + failed.get()
                + " behind=" + behind.get());
        System.out.flush();
        for (MqttClient c : clients) c.disconnect();
        vertx.close().await();
    }

    /** Unacknowledged messages one paced device may have. */
    private static final int PACED_INFLIGHT = 100;

    static String deviceId(int i) {
        return "bench-" + i;
    }
}
