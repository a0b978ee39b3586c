package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

/**
 * Where the acknowledgements of one connection go. The writer calls it once per completed batch with all of that
 * connection's messages in the batch, in arrival order, so a source hops to its own thread once per batch, not
 * once per message.
 */
public interface AckTarget {
    /**
     * Acknowledges {@code count} messages.
     *
     * @param messageIds MQTT packet identifiers
     * @param rejections per message: null when accepted (stored, spooled or a duplicate), else why it was
     *                   dead-lettered (MQTT 5 sources may send a matching PUBACK reason code)
     */
    void acknowledge(int[] messageIds, RejectReason[] rejections, int count);
}
