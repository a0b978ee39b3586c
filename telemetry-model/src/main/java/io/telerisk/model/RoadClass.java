package io.telerisk.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The class of road a vehicle is on, as a device reports it in a {@link EventTypes#ROAD_CLASS} event (label
 * {@code roadClass}) from a map-matching unit or its navigation data. Summaries count urban, rural and motorway km;
 * a residential street counts as urban.
 */
public enum RoadClass {
    RESIDENTIAL("residential"),
    URBAN("urban"),
    RURAL("rural"),
    MOTORWAY("motorway");

    /** Label carrying the class in a {@link EventTypes#ROAD_CLASS} event. */
    public static final String LABEL = "roadClass";

    private final String wireName;

    RoadClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether km on this class count as urban (residential and urban streets). */
    public boolean urban() {
        return this == RESIDENTIAL || this == URBAN;
    }

    /**
     * The class of a wire name, case-insensitive; {@code highway} is read as {@code motorway} (what the simulator and
     * some map sources call it). Empty for anything else: an unknown class is never guessed.
     */
    public static Optional<RoadClass> parse(String s) {
        if (s == null) return Optional.empty();
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("highway")) return Optional.of(MOTORWAY);
        for (RoadClass c : values()) if (c.wireName.equals(t)) return Optional.of(c);
        return Optional.empty();
    }
}
