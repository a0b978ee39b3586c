package io.telerisk.hub.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees the TCP connections the built-in MQTT endpoint accepts, so that one closed by the connect timeout (it never
 * sent CONNECT) is counted: Vert.x MQTT closes such a connection inside its own pipeline and tells nobody. This is a
 * Vert.x metrics SPI hook: a socket opened on a watched port is remembered until its CONNECT arrives
 * ({@link Watch#connected}); one that closes still waiting, after at least the connect timeout, was a half-open
 * connection. The Vert.x instance must be built with it ({@link #vertx()}); on another instance nothing is counted.
 * Memory is bounded by the sockets open at once.
 *
 * <p>Why a metrics hook and not a CONNECT timer in {@link BuiltInMqttEndpoint}: Vert.x MQTT 5.0 exposes a connection
 * only at CONNECT ({@code MqttServer.endpointHandler}); the accepted socket before it lives inside
 * {@code MqttServerImpl} (its {@code NetServer} is private), so the endpoint has nothing to start a timer on. This hook
 * is the only public way to see a socket between accept and CONNECT; the hub's Vert.x enables metrics for it alone.
 */
public final class ConnectTimeouts implements VertxMetricsFactory, VertxMetrics {
    private final Map<Integer, Watch> byPort = new ConcurrentHashMap<>();

    /** A Vert.x instance whose MQTT endpoints count connect timeouts (the hub's). */
    public static Vertx vertx() {
        return Vertx.builder().with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
                .withMetrics(new ConnectTimeouts()).build();
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        return this;
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
        int port = localAddress.port();
        return new TCPMetrics<Socket>() {
            @Override
            public Socket connected(SocketAddress remote, String remoteName) {
                Watch w = byPort.get(port);
                return w == null ? null : w.opened(remote);
            }

            @Override
            public void disconnected(Socket socket, SocketAddress remote) {
                if (socket != null) socket.watch.closed(socket);
            }
        };
    }

    /**
     * Watches the endpoint on {@code port}: {@code onTimeout} runs for each connection that closed without CONNECT
     * after at least {@code timeout}. A no-op when {@code vertx} was not built by {@link #vertx()}.
     */
    static Watch watch(Vertx vertx, int port, Duration timeout, Runnable onTimeout) {
        Watch w = new Watch(port, timeout.toNanos() - Duration.ofMillis(200).toNanos(), onTimeout);
        if (vertx instanceof VertxInternal vi && vi.metrics() instanceof ConnectTimeouts hook) {
            w.owner = hook;
            hook.byPort.put(port, w);
        }
        return w;
    }

    private record Socket(Watch watch, String remote, long openedNanos) {
    }

    /** One endpoint's sockets that have not sent CONNECT yet. */
    static final class Watch {
        private final int port;
        private final long minNanos;
        private final Runnable onTimeout;
        private final Map<String, Long> waiting = new ConcurrentHashMap<>();
        private volatile ConnectTimeouts owner;

        private Watch(int port, long minNanos, Runnable onTimeout) {
            this.port = port;
            this.minNanos = minNanos;
            this.onTimeout = onTimeout;
        }

        private Socket opened(SocketAddress remote) {
            Socket s = new Socket(this, key(remote), System.nanoTime());
            waiting.put(s.remote(), s.openedNanos());
            return s;
        }

        /** The connection from {@code remote} sent its CONNECT: it is no longer half-open. */
        void connected(SocketAddress remote) {
            if (remote != null) waiting.remove(key(remote));
        }

        private void closed(Socket s) {
            if (waiting.remove(s.remote(), s.openedNanos()) && System.nanoTime() - s.openedNanos() >= minNanos) onTimeout.run();
        }

        /** Stops watching (the endpoint closed). */
        void close() {
            ConnectTimeouts o = owner;
            if (o != null) o.byPort.remove(port, this);
            waiting.clear();
        }

        private static String key(SocketAddress a) {
            return (a.hostAddress() != null ? a.hostAddress() : a.host()) + ":" + a.port();
        }
    }
}
