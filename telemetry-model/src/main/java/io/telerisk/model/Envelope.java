package io.telerisk.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The unit a device publishes: who sent it, its place in the device's sequence, and a batch of samples
 * (telemetry channel) or events (events channel). Telemetry and events share one per-device sequence, so
 * the hub deduplicates both by (tenant, device, sequence).
 *
 * @param schemaVersion payload schema version; {@link #CURRENT_SCHEMA_VERSION} today
 * @param tenant        the insurer, lender or programme the device belongs to
 * @param deviceId      device identifier, unique within the tenant
 * @param deviceType    kind of device
 * @param sequence      per-device monotonic sequence number, starting at 1
 * @param sentAt        when the device sent (or first queued) this envelope, UTC
 * @param samples       timestamped samples, all of {@code deviceType}
 * @param events        edge-detected events
 */
public record Envelope(int schemaVersion, String tenant, String deviceId, DeviceType deviceType, long sequence,
                       Instant sentAt, List<Sample> samples, List<DeviceEvent> events) {
    /** The schema version this code writes. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Envelope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(sentAt, "sentAt");
        samples = samples == null ? List.of() : List.copyOf(samples);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A telemetry envelope in the current schema version. */
    public static Envelope telemetry(String tenant, String deviceId, DeviceType type, long sequence, Instant sentAt,
                                     List<? extends Sample> samples) {
        return new Envelope(CURRENT_SCHEMA_VERSION, tenant, deviceId, type, sequence, sentAt, List.copyOf(samples), List.of());
    }

    /** An events envelope in the current schema version. */
    public static Envelope events(String tenant, String deviceId, DeviceType type, long sequence, Instant sentAt,
                                  List<DeviceEvent> events) {
        return new Envelope(CURRENT_SCHEMA_VERSION, tenant, deviceId, type, sequence, sentAt, List.of(), events);
    }

    /** The device's identity. */
    public DeviceKey key() {
        return new DeviceKey(tenant, deviceType, deviceId);
    }
}
