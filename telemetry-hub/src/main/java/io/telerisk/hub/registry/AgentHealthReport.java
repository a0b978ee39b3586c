package io.telerisk.hub.registry;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The latest health report of a device's edge agent ({@code agent_health} event, docs/telemetry.md).
 *
 * @param device     whose agent
 * @param reportedAt when the agent measured it (device clock)
 * @param receivedAt when a hub stored it
 * @param counters   the report's figures by their wire name ({@code queueDepth}, {@code droppedRaw},
 *                   {@code reconnects}, …); a figure the agent did not send is absent
 * @param connected  whether the agent was connected when it measured (null when not said)
 * @param lastError  the agent's last connection or publish error, or empty
 */
public record AgentHealthReport(DeviceKey device, Instant reportedAt, Instant receivedAt, Map<String, Long> counters,
                                Boolean connected, String lastError) {
    public AgentHealthReport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        counters = Map.copyOf(counters);
        lastError = lastError == null ? "" : lastError;
    }
}
