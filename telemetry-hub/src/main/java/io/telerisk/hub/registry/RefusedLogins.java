package io.telerisk.hub.registry;

import java.time.Instant;

/**
 * Where an MQTT endpoint reports the device logins (CONNECTs) it refused, so that operators see them per device.
 * {@link #refused} is called on the connect path and must be cheap (memory only); {@link #flush} writes what was
 * reported to shared storage and blocks (call it from a worker).
 */
public interface RefusedLogins {
    /** Records nothing: for a registry without shared storage. */
    RefusedLogins NOWHERE = new RefusedLogins() {
        @Override
        public void refused(String username, boolean passwordGiven, String remoteAddress, Instant at) {
        }

        @Override
        public void flush() {
        }
    };

    /**
     * One refused CONNECT.
     *
     * @param username      the username the client gave ({@code tenant/deviceId} for a device), or null
     * @param passwordGiven whether it gave a password at all
     * @param remoteAddress the client's address as the endpoint saw it, or null
     */
    void refused(String username, boolean passwordGiven, String remoteAddress, Instant at);

    /** Writes the refusals reported so far to shared storage (blocking). */
    void flush();
}
