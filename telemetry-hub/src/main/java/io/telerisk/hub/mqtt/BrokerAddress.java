package io.telerisk.hub.mqtt;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the external broker is: {@code tcp://host:port} or {@code mqtt://} (plain, default port 1883), {@code
 * ssl://host:port} or {@code mqtts://} (TLS, default 8883).
 *
 * @param host host name or address
 * @param port TCP port
 * @param tls  whether to speak TLS (trust: the JVM's default trust store; the host name is verified)
 */
public record BrokerAddress(String host, int port, boolean tls) {
    public BrokerAddress {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("broker host missing");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("broker port " + port + " not in 1..65535");
    }

    /** Parses a broker URI, with a message naming what is wrong. */
    public static BrokerAddress parse(String uri) {
        URI u;
        try {
            u = new URI(uri.trim());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("broker URI '" + uri + "' is not a URI (expected tcp://host:1883 or ssl://host:8883)");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts", "tls" -> true;
            default -> throw new IllegalArgumentException("broker URI '" + uri + "': scheme must be tcp, mqtt, ssl or mqtts");
        };
        if (u.getHost() == null) throw new IllegalArgumentException("broker URI '" + uri + "' has no host");
        return new BrokerAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : tls ? 8883 : 1883, tls);
    }

    @Override
    public String toString() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }
}
