package io.telerisk.sim.publish;

/**
 * A snapshot of the publisher's counters.
 *
 * @param devices          devices in the fleet
 * @param connected        devices connected right now
 * @param finished         devices whose stream is over and fully acknowledged
 * @param connectAttempts  MQTT connects attempted
 * @param connectFailures  connects refused or failed
 * @param published        PUBLISH packets written (valid, duplicate, malformed, resends)
 * @param acked            PUBACKs received
 * @param failed           publishes that failed to write or whose PUBACK timed out (they are resent), or refused
 * @param refused          publishes the broker refused with an MQTT 5 reason code (not resent)
 * @param resent           messages resent after a failure or a lost connection
 * @param validAcked       distinct valid envelopes acknowledged
 * @param validPointsAcked samples in distinct valid telemetry envelopes acknowledged
 * @param duplicatesSent   injected duplicates sent
 * @param malformedSent    injected malformed messages sent
 * @param offlineGaps      injected offline gaps begun
 * @param bytes            payload bytes written
 * @param inFlight         messages awaiting a PUBACK right now
 */
public record PublisherStats(int devices, int connected, int finished, long connectAttempts, long connectFailures,
                             long published, long acked, long failed, long refused, long resent, long validAcked,
                             long validPointsAcked, long duplicatesSent, long malformedSent, long offlineGaps,
                             long bytes, long inFlight) {
    @Override
    public String toString() {
        return String.format("devices=%d connected=%d finished=%d published=%d acked=%d failed=%d refused=%d resent=%d "
                        + "validAcked=%d points=%d dup=%d malformed=%d offlineGaps=%d bytes=%d inFlight=%d connectFailures=%d",
                devices, connected, finished, published, acked, failed, refused, resent, validAcked, validPointsAcked,
                duplicatesSent, malformedSent, offlineGaps, bytes, inFlight, connectFailures);
    }
}
