package io.telerisk.hub.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * What one device may do on the built-in MQTT endpoint before it is refused (issue #12: the endpoint keeps working
 * under abuse, and says why it refuses). The four rates also apply on the {@code $share} path, divided among the live
 * hubs of the shared group, where a message over them is dead-lettered ({@code ShareRateHandler}); the other limits
 * are the external broker's business there.
 *
 * @param messagesPerSecond        sustained PUBLISH rate per device (kept across its reconnects and, behind haproxy,
 *                                 handed from hub to hub with its connection); above it a PUBLISH is refused with
 *                                 MQTT 5 "Quota exceeded" (0x97) and counted
 * @param messageBurst             PUBLISHes a device may send at once after being quiet (the bucket's size)
 * @param bytesPerSecond           sustained payload bytes per second per device
 * @param byteBurst                payload bytes a device may send at once after being quiet
 * @param refusalsBeforeDisconnect refusals in a row (rate, retain) after which the connection is ended with a
 *                                 DISCONNECT saying why (sustained abuse)
 * @param connectTimeout           a TCP connection that has not completed its CONNECT (credentials checked) in this
 *                                 time is closed: half-open connections do not pile up
 * @param maxPendingConnects       CONNECTs being authenticated at once per hub; more are refused with
 *                                 "Server busy" (0x89) instead of queueing registry look-ups (connect floods)
 * @param maxKeepAlive             longest keep-alive a device may use; a device asking for none (0) or more is told
 *                                 this one (MQTT 5 Server Keep Alive) and disconnected after 1.5 times it in silence
 */
public record MqttLimits(int messagesPerSecond, int messageBurst, long bytesPerSecond, long byteBurst,
                         int refusalsBeforeDisconnect, Duration connectTimeout, int maxPendingConnects,
                         Duration maxKeepAlive) {

    /** Generous enough for a device replaying a day it could not send, tight enough that one device cannot flood a hub. */
    public static final MqttLimits DEFAULT = new MqttLimits(500, 5_000, 8L * 1024 * 1024, 64L * 1024 * 1024, 100,
            Duration.ofSeconds(10), 1_000, Duration.ofMinutes(5));

    public MqttLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxKeepAlive, "maxKeepAlive");
        if (messagesPerSecond < 1 || messageBurst < 1) throw new IllegalArgumentException("message rate and burst must be >= 1");
        if (bytesPerSecond < 1024 || byteBurst < 1024) throw new IllegalArgumentException("byte rate and burst must be >= 1024");
        if (refusalsBeforeDisconnect < 1) throw new IllegalArgumentException("refusalsBeforeDisconnect must be >= 1");
        if (connectTimeout.toSeconds() < 1) throw new IllegalArgumentException("connectTimeout must be at least 1 s");
        if (maxPendingConnects < 1) throw new IllegalArgumentException("maxPendingConnects must be >= 1");
        if (maxKeepAlive.toSeconds() < 1 || maxKeepAlive.toSeconds() > 65535)
            throw new IllegalArgumentException("maxKeepAlive must be between 1 s and 65535 s");
    }

    /** These limits with another device rate (sustained and burst, messages and payload bytes); the rest unchanged. */
    public MqttLimits withDeviceRate(int messagesPerSecond, int messageBurst, long bytesPerSecond, long byteBurst) {
        return new MqttLimits(messagesPerSecond, messageBurst, bytesPerSecond, byteBurst, refusalsBeforeDisconnect,
                connectTimeout, maxPendingConnects, maxKeepAlive);
    }
}
