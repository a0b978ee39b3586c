package io.telerisk.sim.vehicle;

/** Road classes with the speed limit in force on them. Urban means a limit of 50 km/h or less (as the hub counts it). */
public enum RoadClass {
    URBAN(50),
    RURAL(80),
    HIGHWAY(120);

    private final double limitKmh;

    RoadClass(double limitKmh) {
        this.limitKmh = limitKmh;
    }

    public double limitKmh() {
        return limitKmh;
    }

    /** The class as devices report it ({@link io.telerisk.model.RoadClass}): a highway is a motorway. */
    public String wireName() {
        return this == HIGHWAY ? io.telerisk.model.RoadClass.MOTORWAY.wireName() : name().toLowerCase(java.util.Locale.ROOT);
    }

    public double limitMps() {
        return limitKmh / 3.6;
    }
}
