package io.telerisk.model;

/** Well-known {@link DeviceEvent#type()} values. Devices may send others; they are stored as is. */
public final class EventTypes {
    public static final String TRIP_START = "trip_start";
    public static final String TRIP_END = "trip_end";
    public static final String HARSH_BRAKING = "harsh_braking";
    public static final String HARSH_ACCELERATION = "harsh_acceleration";
    public static final String HARSH_CORNERING = "harsh_cornering";
    public static final String SPEEDING = "speeding";
    public static final String CRASH_CANDIDATE = "crash_candidate";
    public static final String CRASH_DISMISSED = "crash_dismissed";
    public static final String LOAN_REQUEST = "loan_request";
    /**
     * The edge agent's periodic health report: measures {@code queueDepth}, {@code queueEvents},
     * {@code queueDiskBytes}, {@code droppedRaw}, {@code droppedSummaries}, {@code droppedEvents},
     * {@code corruptRecords}, {@code eventsRefused} (since the queue was opened), {@code reconnects},
     * {@code connectFailures}, {@code publishFailures} (since the agent started); labels {@code connected} and
     * {@code lastError}. The hub keeps the latest per device and shows it on the device.
     */
    public static final String AGENT_HEALTH = "agent_health";
    /**
     * The class of road a vehicle drives on from the event's time on (label {@code roadClass}: one of
     * {@link RoadClass}'s wire names), sent by the edge agent at the start of a trip and whenever the class changes.
     */
    public static final String ROAD_CLASS = "road_class";

    private EventTypes() {
    }
}
