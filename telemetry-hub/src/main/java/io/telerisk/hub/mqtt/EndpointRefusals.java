package io.telerisk.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.ingest.MqttRefusal;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the built-in endpoint refuses from a connected device and how it says so (issue #12): each refusal is counted
 * in {@code telerisk_mqtt_refused{reason}} and told to an MQTT 5 device with its reason code and a reason string.
 */
final class EndpointRefusals {
    private static final Logger LOG = Logger.getLogger(EndpointRefusals.class.getName());

    private final IngestConfig cfg;
    private final MqttLimits limits;
    private final IngestStats stats;

    EndpointRefusals(IngestConfig cfg, IngestStats stats) {
        this.cfg = cfg;
        this.limits = cfg.limits();
        this.stats = stats;
    }

    /**
     * Whether this PUBLISH is refused before the pipeline sees it: retained (retain is announced unavailable: the
     * connection ends with 0x9A) or over the device's rate (PUBACK 0x97; too many in a row end it with 0x96).
     */
    boolean refused(DeviceConnection conn, MqttPublishMessage m) {
        if (m.isRetain()) {
            stats.refused(MqttRefusal.RETAIN_NOT_SUPPORTED);
            end(conn, MqttDisconnectReasonCode.RETAIN_NOT_SUPPORTED, "Retain not supported: publish with retain=false");
            return true;
        }
        DeviceRateLimit.Verdict verdict = conn.rate.admit(m.payload().length(), System.nanoTime());
        if (verdict == DeviceRateLimit.Verdict.PASS) return false;
        stats.refused(MqttRefusal.QUOTA_EXCEEDED);
        if (verdict == DeviceRateLimit.Verdict.DISCONNECT) {
            stats.refused(MqttRefusal.RATE_DISCONNECT);
            end(conn, MqttDisconnectReasonCode.MESSAGE_RATE_TOO_HIGH, "Message rate too high: " + conn.rate.describe());
        } else {
            refuseOverQuota(conn, m);
        }
        return true;
    }

    /** A SUBSCRIBE outside the device's own cmd topic (answered 0x87 by the endpoint). */
    void subscribeRefused() {
        stats.refused(MqttRefusal.SUBSCRIBE_NOT_AUTHORISED);
    }

    /**
     * A PUBLISH over the device's rate: MQTT 5 devices learn it from the reason code and may retry later; MQTT 3.1.1
     * has no negative acknowledgement, so the message stays unacknowledged and is sent again after a reconnect.
     */
    private static void refuseOverQuota(DeviceConnection conn, MqttPublishMessage m) {
        if (!conn.mqtt5 || m.qosLevel() == MqttQoS.AT_MOST_ONCE) return;
        MqttProperties p = reason("Quota exceeded: " + conn.rate.describe());
        if (m.qosLevel() == MqttQoS.EXACTLY_ONCE) conn.endpoint.publishReceived(m.messageId(), MqttPubRecReasonCode.QUOTA_EXCEEDED, p);
        else conn.endpoint.publishAcknowledge(m.messageId(), MqttPubAckReasonCode.QUOTA_EXCEEDED, p);
    }

    private static MqttProperties reason(String text) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, text));
        return p;
    }

    /**
     * A newer connection of the device replaced this one, here or on another hub: MQTT 5 "Session taken over" (0x8E),
     * what a broker does for a client id connecting again; MQTT 3.1.1 is closed.
     */
    void takenOver(DeviceConnection conn, String byWhat) {
        stats.refused(MqttRefusal.SESSION_TAKEN_OVER);
        conn.context.runOnContext(v -> end(conn, MqttDisconnectReasonCode.SESSION_TAKEN_OVER, "Session taken over: " + byWhat));
    }

    /** Decoder failures: a packet too large (the announced Maximum Packet Size) or unreadable ends the connection. */
    void decoderFailure(DeviceConnection conn, Throwable t) {
        if (t instanceof io.netty.handler.codec.TooLongFrameException) {
            stats.refused(MqttRefusal.PACKET_TOO_LARGE);
            end(conn, MqttDisconnectReasonCode.PACKET_TOO_LARGE, "Packet too large: at most " + BuiltInMqttEndpoint.maxPacketBytes(cfg)
                    + " bytes per packet, " + cfg.maxMessageBytes() + " bytes per payload");
        } else if (t instanceof io.netty.handler.codec.DecoderException) {
            stats.refused(MqttRefusal.MALFORMED_PACKET);
            end(conn, MqttDisconnectReasonCode.MALFORMED_PACKET, "Malformed packet");
        } else {
            LOG.log(Level.FINE, "connection of " + conn.device, t);
        }
    }

    /** Ends a device's connection, telling an MQTT 5 device why (DISCONNECT with reason code and string). */
    private static void end(DeviceConnection conn, MqttDisconnectReasonCode code, String why) {
        LOG.info(() -> "ending the connection of " + conn.device + ": " + why);
        if (!conn.endpoint.isConnected()) return;
        // Vert.x closes the connection after an MQTT 5 DISCONNECT; MQTT 3.1.1 has no server DISCONNECT: just close
        if (conn.mqtt5) conn.endpoint.disconnect(code, reason(why));
        else conn.endpoint.close();
    }

    /** Ends the connections of devices silent for 1.5 times the keep-alive the hub imposed on them. */
    void endSilent(Iterable<DeviceConnection> connections) {
        long now = System.nanoTime();
        for (DeviceConnection c : connections) {
            if (!c.silentTooLong(now)) continue;
            c.context.runOnContext(v -> {
                if (!c.endpoint.isConnected() || !c.silentTooLong(System.nanoTime())) return;
                stats.refused(MqttRefusal.KEEP_ALIVE_TIMEOUT);
                end(c, MqttDisconnectReasonCode.KEEP_ALIVE_TIMEOUT, "Keep alive timeout: silent for more than 1.5 x "
                        + limits.maxKeepAlive().toSeconds() + " s");
            });
        }
    }

}
