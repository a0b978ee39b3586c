package io.telerisk.hub.ingest;

import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.hub.registry.DeviceState;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;

/**
 * Authorises the envelope against the topic it arrived on: the identity inside must be the topic's device, the
 * channel must match the content, and (for messages relayed by an external broker, where the hub did not
 * authenticate the publisher) the device must be registered and active: a device an operator disabled or
 * decommissioned is refused here too, at once on every hub (registry changes reach each hub's cache by NOTIFY),
 * even while the broker's ACL still lets it publish.
 */
final class EnvelopeIdentityHandler implements IngestHandler {
    private final DeviceRegistry registry;

    EnvelopeIdentityHandler(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Decoded.Rejected handle(Pending p) {
        var e = p.envelope;
        var topicKey = p.topic.deviceKey();
        if (!e.key().equals(topicKey))
            return new Decoded.Rejected(RejectReason.NOT_AUTHORISED,
                    "envelope of " + e.key() + " published on the topic of " + topicKey);
        if (p.topic.channel() == Channel.TELEMETRY && !e.events().isEmpty())
            return new Decoded.Rejected(RejectReason.MALFORMED, "events on the telemetry channel (publish them on events)");
        if (p.topic.channel() == Channel.EVENTS && !e.samples().isEmpty())
            return new Decoded.Rejected(RejectReason.MALFORMED, "samples on the events channel (publish them on telemetry)");
        if (p.message.connectedAs() == null) {
            var device = registry.find(topicKey);
            if (device.isEmpty())
                return new Decoded.Rejected(RejectReason.UNKNOWN_DEVICE, "device " + topicKey + " is not registered");
            if (device.get().state() != DeviceState.ACTIVE)
                return new Decoded.Rejected(RejectReason.NOT_AUTHORISED, "device " + topicKey + " is " + device.get().state().wireName()
                        + ": the hub refuses its messages (the broker's ACL still lets it publish: bin/platform broker-files)");
            p.registeredAt = device.get().registeredAt();
        }
        return null;
    }
}
