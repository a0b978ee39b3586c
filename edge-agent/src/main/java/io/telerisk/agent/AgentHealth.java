package io.telerisk.agent;

import io.telerisk.agent.mqtt.LinkStats;
import io.telerisk.agent.queue.QueueStats;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's health as the hub sees it: the {@value EventTypes#AGENT_HEALTH} event built from the queue's and the
 * link's counters, and the log line the agent writes with it.
 */
public final class AgentHealth {
    private static final int MAX_ERROR_CHARS = 200;

    private AgentHealth() {
    }

    /** The health event at {@code time}. */
    public static DeviceEvent event(QueueStats q, LinkStats l, long eventsRefused, Instant time) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("queueDepth", (double) q.pendingMessages());
        m.put("queueEvents", (double) q.pendingEvents());
        m.put("queueDiskBytes", (double) q.diskBytes());
        m.put("droppedRaw", (double) q.droppedRawMessages());
        m.put("droppedSummaries", (double) q.droppedSummaries());
        m.put("droppedEvents", (double) q.droppedEvents());
        m.put("corruptRecords", (double) q.corruptRecords());
        m.put("eventsRefused", (double) eventsRefused);
        m.put("reconnects", (double) Math.max(0, l.connects() - 1));
        m.put("connectFailures", (double) l.connectFailures());
        m.put("publishFailures", (double) l.publishFailures());
        String error = l.lastError() == null ? "" : l.lastError();
        if (error.length() > MAX_ERROR_CHARS) error = error.substring(0, MAX_ERROR_CHARS);
        return new DeviceEvent(EventTypes.AGENT_HEALTH, time, m, Map.of("connected", String.valueOf(l.connected()), "lastError", error), List.of());
    }

    /** One log line with the same figures. */
    public static String logLine(DeviceEvent health) {
        Map<String, Double> m = health.measures();
        return String.format(Locale.ROOT, "agent health: queue depth %d (%d events, %d bytes), dropped raw %d, summaries %d, events %d,"
                        + " reconnects %d, connect failures %d, publish failures %d, connected %s",
                m.get("queueDepth").longValue(), m.get("queueEvents").longValue(), m.get("queueDiskBytes").longValue(),
                m.get("droppedRaw").longValue(), m.get("droppedSummaries").longValue(), m.get("droppedEvents").longValue(),
                m.get("reconnects").longValue(), m.get("connectFailures").longValue(), m.get("publishFailures").longValue(),
                health.labels().get("connected"));
    }
}
