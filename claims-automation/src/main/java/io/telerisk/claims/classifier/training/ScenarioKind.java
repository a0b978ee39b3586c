package io.telerisk.claims.classifier.training;

/**
 * Kinds of simulated windows. Only {@link #CRASH} is a crash; the others are the realistic impulses a crash
 * classifier must not mistake for one (the same families devices-sim produces, plus a pothole hit while braking hard).
 */
public enum ScenarioKind {
    /** Half-sine, haversine or triangular crash pulse of 60–150 ms along the impact direction; the vehicle stops or (minor crashes) drives on. */
    CRASH(true, 0),
    /** Vertical jolt while moving, 3–8 g for 15–40 ms, then a rebound. */
    POTHOLE(false, 8.0),
    /** Lateral and vertical jolt at manoeuvring speed, 3–10 g for 20–60 ms. */
    KERB_STRIKE(false, 0.3),
    /** Door slam while parked, 2–6 g for 8–25 ms. */
    DOOR_SLAM(false, 1.5),
    /** Phone running the app dropped: 0.25–0.45 s free fall then 10–40 g for 3–10 ms. */
    PHONE_DROP(false, 0.05),
    /** Pothole hit during a hard stop (0.6–0.9 g for 1.5–3 s): an impulse with a real speed drop. */
    POTHOLE_WHILE_BRAKING(false, 0.05);

    private final boolean crash;
    private final double perTripHour;

    ScenarioKind(boolean crash, double perTripHour) {
        this.crash = crash;
        this.perTripHour = perTripHour;
    }

    public boolean crash() {
        return crash;
    }

    /**
     * Assumed occurrences per trip-hour, for converting false-positive rates into false alarms per trip-hour. Derived
     * from devices-sim's impulse rates at a mixed ~40 km/h average (potholes one per 3–20 km by road class, door slams
     * 0.35 per stop, kerb strikes and dropped phones rare); an assumption, stated in docs/benchmarks-claims.md.
     */
    public double perTripHour() {
        return perTripHour;
    }
}
