package io.telerisk.hub.ingest;

import java.util.Locale;

/**
 * Why the built-in MQTT endpoint refused a packet or ended a connection (beyond the dead letters, which record
 * refused messages). Counted in {@code telerisk_mqtt_refused{reason}}; the MQTT 5 reason code the device receives is
 * named with each.
 */
public enum MqttRefusal {
    /** A packet larger than the announced Maximum Packet Size: DISCONNECT 0x95 "Packet too large". */
    PACKET_TOO_LARGE,
    /** A PUBLISH with the retain flag although CONNACK said retain is not available: DISCONNECT 0x9A. */
    RETAIN_NOT_SUPPORTED,
    /** A PUBLISH above the device's message or byte rate: PUBACK 0x97 "Quota exceeded" (QoS 0: dropped). */
    QUOTA_EXCEEDED,
    /** Too many refusals in a row: DISCONNECT 0x96 "Message rate too high". */
    RATE_DISCONNECT,
    /** A SUBSCRIBE outside the device's own cmd topic: SUBACK 0x87 "Not authorized". */
    SUBSCRIBE_NOT_AUTHORISED,
    /** A CONNECT while too many others are being authenticated: CONNACK 0x89 "Server busy". */
    SERVER_BUSY,
    /** A device silent for 1.5 times its keep-alive: DISCONNECT 0x8D "Keep alive timeout". */
    KEEP_ALIVE_TIMEOUT,
    /** A packet the decoder could not read: the connection is closed (DISCONNECT 0x81 "Malformed packet" for MQTT 5). */
    MALFORMED_PACKET,
    /** A connection that sent no CONNECT within the connect timeout: closed (half-open connections). */
    CONNECT_TIMEOUT,
    /**
     * A connection replaced by a newer connection of the same device, on this hub or another: DISCONNECT 0x8E
     * "Session taken over" (counted on the hub that ended the old one). Honest devices cause it too, by reconnecting
     * before the hub noticed the old connection was gone; many of them say a device is shared or its credential copied.
     */
    SESSION_TAKEN_OVER;

    /** The label value in metrics: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
