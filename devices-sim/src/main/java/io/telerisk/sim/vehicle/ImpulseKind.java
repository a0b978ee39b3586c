package io.telerisk.sim.vehicle;

/**
 * Short high-g events that are not crashes: a crash classifier must learn to tell them apart (they have no speed
 * drop, are much shorter, or happen while parked).
 */
public enum ImpulseKind {
    /** Vertical jolt while moving, 3–8 g for 15–40 ms. */
    POTHOLE,
    /** Lateral and vertical jolt hitting a kerb while manoeuvring, 3–10 g for 20–60 ms. */
    KERB_STRIKE,
    /** Door slam while parked, 2–6 g for 8–25 ms. */
    DOOR_SLAM,
    /** A phone running the telematics app dropped on the floor: free fall, then 10–40 g for 3–10 ms. */
    PHONE_DROP;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
