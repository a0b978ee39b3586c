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

    public double limitMps() {
        return limitKmh / 3.6;
    }
}
