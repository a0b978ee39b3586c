package io.telerisk.agent.mqtt;

import javax.net.SocketFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * How the agent talks to the broker.
 *
 * @param brokerUri        {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId         MQTT client id; stable per device so the persistent session is found again
 * @param credentials      token, client certificate or none
 * @param socketFactory    TLS socket factory for {@code ssl://}, or {@code null}
 * @param sessionExpiry    how long the broker keeps the session (subscriptions, queued commands) while offline
 * @param keepAliveSeconds MQTT keep-alive
 * @param backoffBase      first reconnect ceiling
 * @param backoffCap       largest reconnect ceiling
 * @param maxInflight      publishes awaiting PUBACK at most (keep it at or below the broker's receive maximum)
 */
public record LinkSettings(String brokerUri, String clientId, DeviceCredentials credentials, SocketFactory socketFactory,
                           Duration sessionExpiry, int keepAliveSeconds, Duration backoffBase, Duration backoffCap,
                           int maxInflight) {
    public LinkSettings {
        Objects.requireNonNull(brokerUri, "brokerUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        if (maxInflight < 1) throw new IllegalArgumentException("maxInflight must be at least 1");
    }
}
