package io.telerisk.hub.ingest;

import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;

/**
 * Topic ACL: the topic must be a platform topic on a device-to-hub channel, and a device authenticated on the
 * built-in endpoint may publish only under its own tenant, type and id.
 */
final class TopicAclHandler implements IngestHandler {
    @Override
    public Decoded.Rejected handle(Pending p) {
        Topic topic;
        try {
            topic = Topic.parse(p.message.topic());
        } catch (IllegalArgumentException e) {
            return new Decoded.Rejected(RejectReason.NOT_AUTHORISED, "not a device topic: " + e.getMessage());
        }
        if (topic.channel() == Channel.CMD)
            return new Decoded.Rejected(RejectReason.NOT_AUTHORISED, "devices may not publish on the cmd channel: " + topic);
        var connectedAs = p.message.connectedAs();
        if (connectedAs != null && !connectedAs.equals(topic.deviceKey()))
            return new Decoded.Rejected(RejectReason.NOT_AUTHORISED,
                    "device " + connectedAs + " may not publish on " + topic + " (only under v1/" + connectedAs + "/...)");
        p.topic = topic;
        return null;
    }
}
