package io.telerisk.hub.registry;

import io.telerisk.model.DeviceType;

import java.time.Instant;
import java.util.Locale;

/**
 * The refused logins of one device (or of the unknown usernames of a tenant), as every hub recorded them.
 *
 * @param tenant            the tenant, or {@code ""} for usernames naming no tenant with devices
 * @param deviceId          the device, or {@code null} for the aggregate of usernames naming no registered device
 * @param type              the device's type, or {@code null} for the aggregate
 * @param refused           CONNECTs refused
 * @param firstAt           the first one
 * @param lastAt            the latest one
 * @param lastReason        why the latest one was refused
 * @param lastRemoteAddress where the latest one came from, or {@code null}
 * @param lastUsername      the username the latest one gave (what was tried, for the aggregate rows), or {@code null}
 */
public record LoginRefusal(String tenant, String deviceId, DeviceType type, long refused, Instant firstAt, Instant lastAt,
                           Reason lastReason, String lastRemoteAddress, String lastUsername) {

    /** Why a CONNECT was refused. */
    public enum Reason {
        /** No username or no password. */
        NO_CREDENTIALS,
        /** The username is not {@code tenant/deviceId}. */
        MALFORMED_USERNAME,
        /** The username names no registered device. */
        UNKNOWN_DEVICE,
        /** An active device, a wrong token (mistyped, rotated, or none issued yet). */
        WRONG_TOKEN,
        /** A disabled device (its credential stops working until an operator enables it again). */
        DISABLED,
        /** A decommissioned device. */
        DECOMMISSIONED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
