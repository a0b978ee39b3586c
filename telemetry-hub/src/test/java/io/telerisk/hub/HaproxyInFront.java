package io.telerisk.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * haproxy spreading MQTT connections over the built-in endpoints of several hubs (TCP, {@code leastconn}), as in
 * topology 4 (conf/haproxy/haproxy.cfg, whose whole example {@code HaproxyExampleTest} in dist runs): only the MQTT
 * part, on a free local port. Fails with what to install when haproxy is missing.
 */
public final class HaproxyInFront implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private HaproxyInFront(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts haproxy in front of these hubs' MQTT ports and waits until it listens. */
    public static HaproxyInFront mqtt(List<Hub> hubs) throws Exception {
        return mqttPorts(hubs.stream().map(Hub::mqttPort).toList());
    }

    /**
     * Starts haproxy in front of built-in endpoints on these local ports, whether a hub listens there yet or not
     * (hub processes that start, die and join later): its health check takes a port in and out of rotation.
     */
    public static HaproxyInFront mqttPorts(List<Integer> ports) throws Exception {
        String binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        Path dir = Files.createTempDirectory("haproxy-mqtt");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 1000
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 10m
                    timeout server 10m
                frontend mqtt
                    bind 127.0.0.1:%d
                    default_backend hubs_mqtt
                backend hubs_mqtt
                    balance leastconn
                """.formatted(port));
        for (int i = 0; i < ports.size(); i++) {
            cfg.append("    server hub").append(i + 1).append(" 127.0.0.1:").append(ports.get(i)).append(" check inter 1s\n");
        }
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        Path log = dir.resolve("haproxy.log");
        Process p;
        try {
            p = new ProcessBuilder(binary, "-db", "-f", file.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("haproxy is needed for this test (apt-get install haproxy): " + e.getMessage(), e);
        }
        HaproxyInFront h = new HaproxyInFront(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            if (!p.isAlive()) throw new IllegalStateException("haproxy exited: " + Files.readString(log));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return h;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    h.close();
                    throw new IllegalStateException("haproxy does not listen on " + port + ": " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    /** The MQTT port devices connect to. */
    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
