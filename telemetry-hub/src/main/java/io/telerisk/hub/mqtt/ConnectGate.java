package io.telerisk.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.ingest.MqttRefusal;
import io.telerisk.hub.registry.DeviceRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may connect to the built-in endpoint: credentials checked by the {@link DeviceRegistry} on a worker, refused
 * logins reported to its {@link io.telerisk.hub.registry.RefusedLogins}, and at most
 * {@link MqttLimits#maxPendingConnects()} CONNECTs being checked at once (a connect flood gets "Server busy" instead
 * of a queue of registry look-ups, counted as {@link MqttRefusal#SERVER_BUSY}).
 */
final class ConnectGate {
    private static final Logger LOG = Logger.getLogger(ConnectGate.class.getName());

    /** Where an authenticated CONNECT goes. */
    interface Accepted {
        void accept(MqttEndpoint endpoint, Context ctx, DeviceRegistry.RegisteredDevice device, boolean v5);
    }

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final IngestStats stats;
    private final MqttLimits limits;
    private final Accepted accepted;
    /** CONNECTs whose credentials are being checked now. */
    private final AtomicInteger pendingConnects = new AtomicInteger();

    ConnectGate(Vertx vertx, DeviceRegistry registry, IngestStats stats, MqttLimits limits, Accepted accepted) {
        this.vertx = vertx;
        this.registry = registry;
        this.stats = stats;
        this.limits = limits;
        this.accepted = accepted;
    }

    void onConnect(MqttEndpoint endpoint) {
        Context ctx = vertx.getOrCreateContext();
        boolean v5 = endpoint.protocolVersion() >= 5;
        var auth = endpoint.auth();
        if (auth == null || auth.getUsername() == null || auth.getPassword() == null) {
            refuse(endpoint, v5, auth == null ? null : auth.getUsername(), false, "no credentials");
            return;
        }
        String username = auth.getUsername();
        String password = auth.getPassword();
        if (pendingConnects.incrementAndGet() > limits.maxPendingConnects()) {
            pendingConnects.decrementAndGet();
            LOG.fine(() -> "refusing MQTT client " + endpoint.clientIdentifier() + ": too many CONNECTs being authenticated");
            stats.refused(MqttRefusal.SERVER_BUSY);
            stats.connectionRejected();
            endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        vertx.executeBlocking(() -> registry.authenticate(username, password)).onComplete(ar -> {
            pendingConnects.decrementAndGet();
            if (ar.failed()) {
                LOG.log(Level.WARNING, "device registry failed while authenticating " + username, ar.cause());
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5 : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
                stats.connectionRejected();
                return;
            }
            Optional<DeviceRegistry.RegisteredDevice> device = ar.result();
            if (device.isEmpty()) {
                refuse(endpoint, v5, username, true, "wrong credentials for '" + username + "'");
                return;
            }
            accepted.accept(endpoint, ctx, device.get(), v5);
        });
    }

    private void refuse(MqttEndpoint endpoint, boolean v5, String username, boolean passwordGiven, String why) {
        LOG.fine(() -> "refusing MQTT client " + endpoint.clientIdentifier() + " from " + endpoint.remoteAddress() + ": " + why);
        stats.connectionRejected();
        var remote = endpoint.remoteAddress();
        registry.refusedLogins().refused(username, passwordGiven, remote == null ? null : remote.hostAddress(), java.time.Instant.now());
        endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
    }
}
