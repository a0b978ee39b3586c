package io.telerisk.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something a device detected or asks for, published on its {@code events} topic: a trip start, a harsh brake,
 * a crash candidate with its raw window, a loan request from a field device.
 *
 * @param type     event type in lower-case snake case, e.g. {@code harsh_braking}; see {@link EventTypes}
 * @param time     when it happened (UTC)
 * @param measures numeric facts with units in their keys, e.g. {@code peakDecelMps2}
 * @param labels   textual facts, e.g. {@code purpose}
 * @param window   the raw samples around the event at full rate (may be empty)
 */
public record DeviceEvent(String type, Instant time, Map<String, Double> measures, Map<String, String> labels,
                          List<Sample> window) {
    public DeviceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        // sorted copies: encoders iterate these maps, and the same event must always encode to the same bytes
        measures = measures == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(measures));
        labels = labels == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        window = window == null ? List.of() : List.copyOf(window);
    }

    /** An event with only numeric measures. */
    public static DeviceEvent of(String type, Instant time, Map<String, Double> measures) {
        return new DeviceEvent(type, time, measures, Map.of(), List.of());
    }
}
