package io.telerisk.hub.ingest;

import io.telerisk.hub.registry.DeviceSession;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceStatus;

/**
 * Told about every well-formed message on a device's {@code status} topic (online on connect, offline as the last
 * will or on a clean shutdown), in arrival order, on the ingest writer thread: return quickly. Status messages
 * are not stored in the telemetry store; a malformed one is dead-lettered as MALFORMED.
 */
@FunctionalInterface
public interface DeviceStatusListener {
    /**
     * @param session the built-in endpoint's connection the status is about (its connect, disconnect, last will, or a
     *                status message it carried), or null when it came through an external broker
     */
    void status(DeviceKey device, DeviceStatus status, DeviceSession session);
}
