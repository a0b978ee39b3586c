package io.telerisk.sim.fleet;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;

import java.time.Instant;
import java.util.Objects;

/** What a simulated device does next: publish a message, or go offline for a while. */
public sealed interface DeviceAction permits DeviceAction.Publish, DeviceAction.GoOffline {
    /** Simulated time from which the action may happen. */
    Instant readyAt();

    /** The nature of a published message. */
    enum Kind {
        /** A valid envelope, sent for the first time. */
        VALID,
        /** The same bytes again (fault): the hub must store it once. */
        DUPLICATE,
        /** A bad payload (fault): the hub must reject it with {@link Publish#expectedRejection()}. */
        MALFORMED
    }

    /**
     * One MQTT message.
     *
     * @param device            sender
     * @param channel           telemetry or events
     * @param topic             the full topic string
     * @param sequence          envelope sequence number (also for malformed payloads, which consume one)
     * @param payload           encoded bytes
     * @param readyAt           simulated time from which it may be sent
     * @param kind              valid, duplicate or malformed
     * @param points            samples in a valid telemetry envelope (0 otherwise)
     * @param events            events in a valid events envelope (0 otherwise)
     * @param expectedRejection for malformed messages, the reason a correct hub gives; null otherwise
     */
    record Publish(DeviceKey device, Channel channel, String topic, long sequence, byte[] payload, Instant readyAt,
                   Kind kind, int points, int events, RejectReason expectedRejection) implements DeviceAction {
        public Publish {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(readyAt, "readyAt");
        }

        /** The same message, sent no earlier than {@code t}. */
        public Publish readyNoEarlierThan(Instant t) {
            return t.isAfter(readyAt) ? new Publish(device, channel, topic, sequence, payload, t, kind, points, events, expectedRejection) : this;
        }

        /** This message as a duplicate. */
        public Publish asDuplicate() {
            return new Publish(device, channel, topic, sequence, payload, readyAt, Kind.DUPLICATE, points, events, expectedRejection);
        }
    }

    /**
     * Disconnect and stay offline until simulated time {@code until}; then reconnect and send the backlog.
     */
    record GoOffline(DeviceKey device, Instant readyAt, Instant until) implements DeviceAction {
    }
}
